package org.tongban.kiosk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.opencv.core.Mat;
import org.tongban.devices.vision.OpenCv;
import org.tongban.devices.vision.PageCorrector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./kiosk document correct IMAGE --out OUT.jpg}: the document camera's page correction on a photo. */
@Command(name = "document", description = "Pages under the document camera.", subcommands = DocumentCommand.Correct.class)
final class DocumentCommand extends CommandGroup {

    @Command(name = "correct", mixinStandardHelpOptions = true,
            description = "Find the page in a photo, correct its perspective and skew, crop it, and write it as JPEG.",
            footer = {"", "Exit codes: 0 written (its size on stdout); 3 no page found; 2 the input is missing or not an "
                    + "image, or the output cannot be written. Nothing is written unless a page was found."})
    static final class Correct extends Subcommand {

        @Parameters(paramLabel = "IMAGE", description = "the photo")
        Path image;

        @Option(names = "--out", required = true, paramLabel = "OUT.jpg", description = "where to write the page")
        Path out;

        @Option(names = "--quality", description = "JPEG quality 1-100 (default: ${DEFAULT-VALUE})")
        int quality = 90;

        @Override
        public Integer call() {
            if (quality < 1 || quality > 100) {
                err().println("document correct: --quality must be 1 to 100");
                return ExitCode.BAD_INPUT;
            }
            Optional<Mat> picture = QrCommand.Pictures.read(image, err(), "document correct");
            if (picture.isEmpty()) {
                return ExitCode.BAD_INPUT;
            }
            Optional<Mat> page;
            try {
                page = new PageCorrector().correct(picture.get());
            } finally {
                picture.get().release();
            }
            if (page.isEmpty()) {
                err().println("document correct: no page found in " + image
                        + " (the whole sheet must be in the picture, on a darker background)");
                return ExitCode.NOTHING_FOUND;
            }
            try {
                byte[] jpeg = OpenCv.jpeg(page.get(), quality);
                // Written beside the target and moved into place: a failure never leaves half a file.
                Path dir = out.toAbsolutePath().getParent();
                Path tmp = Files.createTempFile(dir, ".correct-", ".jpg");
                try {
                    Files.write(tmp, jpeg);
                    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                PrintWriter o = out();
                o.println(out + ": " + page.get().cols() + "x" + page.get().rows());
                o.flush();
                return ExitCode.OK;
            } catch (IOException e) {
                err().println("document correct: cannot write " + out + ": " + e.getMessage());
                return ExitCode.BAD_INPUT;
            } finally {
                page.get().release();
            }
        }
    }
}
