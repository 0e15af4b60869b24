package org.tongban.kiosk.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.opencv.core.Mat;
import org.tongban.devices.vision.OpenCv;
import org.tongban.devices.vision.QrDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./kiosk qr decode IMAGE}: the QR code in a picture, as the camera's decoder reads it. */
@Command(name = "qr", description = "QR codes as the kiosk's camera reads them.", subcommands = QrCommand.Decode.class)
final class QrCommand extends CommandGroup {

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Decode the QR code in an image (PNG, JPEG...) and print its text.",
            footer = {"", "Exit codes: 0 decoded (the text on stdout); 3 no QR code found; 2 the file is missing or "
                    + "not an image. On failure nothing is printed on stdout and one line on stderr says why."})
    static final class Decode extends Subcommand {

        @Parameters(paramLabel = "IMAGE", description = "the picture")
        Path image;

        @Override
        public Integer call() {
            Optional<Mat> picture = Pictures.read(image, err(), "qr decode");
            if (picture.isEmpty()) {
                return ExitCode.BAD_INPUT;
            }
            Mat m = picture.get();
            try {
                Optional<String> text = new QrDecoder().decode(m);
                if (text.isEmpty()) {
                    err().println("qr decode: no QR code found in " + image);
                    return ExitCode.NOTHING_FOUND;
                }
                out().println(text.get());
                out().flush();
                return ExitCode.OK;
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
