package org.tongban.kiosk.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tongban.printing.CjkFonts;
import org.tongban.printing.CjkFontUnavailableException;

/** Files the kiosk needs from the system: a Chinese font for printing, the camera's face cascade. */
public final class FileChecks {

    /** Where Debian's libopencv-contrib data puts the face cascade the camera uses by default. */
    public static final Path DEFAULT_CASCADE =
            Path.of("/usr/share/opencv4/lbpcascades/lbpcascade_frontalface_improved.xml");

    private FileChecks() {
    }

    public static Check fonts(CjkFonts fonts) {
        return () -> {
            try {
                CjkFonts.CjkFace face = fonts.locate();
                return Finding.ok("fonts", "Chinese font " + face.name() + " in " + face.file());
            } catch (CjkFontUnavailableException e) {
                return Finding.fail("fonts", "no Chinese font for printing: " + e.getMessage(),
                        "apt-get install fonts-wqy-microhei (or fonts-noto-cjk)", true);
            }
        };
    }

    /** Only when a camera is configured: without the file face capture cannot find faces. */
    public static Check cascade(Path file) {
        return () -> Files.isReadable(file)
                ? Finding.ok("face cascade", file + " present")
                : Finding.warn("face cascade", file + " missing",
                        "apt-get install opencv-data (or set the camera's cascade option to a file that exists)");
    }
}
