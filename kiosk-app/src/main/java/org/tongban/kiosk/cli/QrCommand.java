package org.tongban.kiosk.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.opencv.core.Mat;
import org.tongban.devices.vision.OpenCv;
import org.tongban.devices.vision.QrDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./kiosk qr decode IMAGE}: the QR code in a picture, as the camera's decoder reads it. */
@Command(name = "qr", description = "QR codes as the kiosk's camera reads them.", subcommands = QrCommand.Decode.class)
final class QrCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Decode the QR code in an image (PNG, JPEG...) and print its text.",
            footer = {"", "Exit codes: 0 decoded (the text on stdout); 3 no QR code found; 2 the file is missing or "
                    + "not an image. On failure nothing is printed on stdout and one line on stderr says why."})
    static final class Decode implements Callable<Integer> {

        @Parameters(paramLabel = "IMAGE", description = "the picture")
        Path image;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Optional<Mat> picture = Pictures.read(image, err, "qr decode");
            if (picture.isEmpty()) {
                return 2;
            }
            Mat m = picture.get();
            try {
                Optional<String> text = new QrDecoder().decode(m);
                if (text.isEmpty()) {
                    err.println("qr decode: no QR code found in " + image);
                    return 3;
                }
                PrintWriter out = spec.commandLine().getOut();
                out.println(text.get());
                out.flush();
                return 0;
            } finally {
                m.release();
            }
        }
    }

    /** Reading a picture for the vision commands, with one clear line when it cannot be. */
    static final class Pictures {

        private Pictures() {
        }

        static Optional<Mat> read(Path file, PrintWriter err, String command) {
            if (!Files.isReadable(file)) {
                err.println(command + ": " + file + " does not exist or cannot be read");
                return Optional.empty();
            }
            Optional<OpenCv.Size> size = OpenCv.size(file);
            if (size.isPresent() && size.get().tooLarge()) {
                err.println(command + ": " + file + " has " + size.get().width() + " x " + size.get().height()
                        + " pixels, more than the " + OpenCv.MAX_PIXELS / 1_000_000 + " million allowed; not decoded");
                return Optional.empty();
            }
            OpenCv.load();
            Mat m = OpenCv.read(file.toString());
            if (m.empty()) {
                m.release();
                err.println(command + ": " + file + " is not an image (PNG, JPEG, BMP, GIF, TIFF)");
                return Optional.empty();
            }
            return Optional.of(m);
        }
    }
}
