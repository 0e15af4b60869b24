package org.tongban.kiosk.doctor;

import java.util.Map;
import org.tongban.devices.vision.FaceGate;
import org.tongban.printing.CjkFonts;
import org.tongban.printing.CjkFontUnavailableException;

/** Files the kiosk needs from the system: a Chinese font for printing, the face camera's detector models. */
public final class FileChecks {

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

    /**
     * Only when the face camera is configured: loads the face and eye models its options in devices.yaml
     * choose, as the face step will; without them no item that verifies a face can be done.
     */
    public static Check faceDetector(Map<String, String> faceCameraOptions) {
        return () -> {
            try {
                String detector = FaceGate.fromOptions(faceCameraOptions).describe();
                return Finding.ok("face detector", detector + " loaded");
            } catch (IllegalArgumentException | UnsatisfiedLinkError e) {
                return Finding.fail("face detector", e.getMessage(), "apt-get install opencv-data, or correct the"
                        + " face camera's faceDetector / faceCascade / faceModel / eyeCascade options", false);
            }
        };
    }
}
