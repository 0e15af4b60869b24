package org.tongban.devices.vision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.videoio.VideoWriter;
import org.opencv.videoio.Videoio;

/**
 * Real photos from Debian's {@code opencv-doc} (which .ci/test installs) and the frames and MJPEG videos the
 * vision tests build from them. Without the package the tests skip, or fail under TONGBAN_REQUIRE_REAL_PARTS.
 */
public final class TestPhotos {

    /** Four faces, 100x100 each, with landmarks drawn on them (the face recognition tutorial's picture). */
    public static final Path FACEREG = DemoClips.FACEREG;
    /** A footballer, small in a wide picture. */
    public static final Path MESSI = Path.of("/usr/share/doc/opencv-doc/examples/data/messi5.jpg");

    private TestPhotos() {
    }

    /** Skips (or fails, when real parts are required) unless opencv-doc and opencv-data are installed. */
    public static void require() {
        boolean there = Files.isReadable(FACEREG) && Files.isReadable(MESSI)
                && Files.isReadable(FaceGate.HAAR_CASCADE) && Files.isReadable(FaceGate.DEFAULT_EYE_CASCADE);
        if (!there && System.getenv("TONGBAN_REQUIRE_REAL_PARTS") != null) {
            Assertions.fail("opencv-doc / opencv-data are not installed (.ci/test installs them)");
        }
        Assumptions.assumeTrue(there, "opencv-doc / opencv-data are not installed (.ci/test installs them)");
        OpenCv.load();
    }

    public static Mat face(int which, int size, int x, int y) {
        return DemoClips.face(which, size, x, y);
    }

    public static Mat centredFace() {
        return DemoClips.centredFace();
    }

    /** Two faces side by side. */
    public static Mat twoFaces() {
        Mat left = face(0, 250, 40, 110);
        Mat right = face(3, 250, 350, 110);
        try {
            Mat frame = left.clone();
            right.submat(new Rect(350, 110, 250, 250)).copyTo(frame.submat(new Rect(350, 110, 250, 250)));
            return frame;
        } finally {
            left.release();
            right.release();
        }
    }

    public static Mat eyesClosed(Mat frame) {
        return DemoClips.eyesClosed(frame);
    }

    public static Mat darker(Mat frame, double factor) {
        Mat out = new Mat();
        frame.convertTo(out, -1, factor, 0);
        return out;
    }

    public static Mat blurred(Mat frame) {
        Mat out = new Mat();
        Imgproc.GaussianBlur(frame, out, new Size(0, 0), 6);
        return out;
    }

    public static Mat shifted(Mat frame, int dx, int dy) {
        return DemoClips.shifted(frame, dx, dy);
    }

    /** Writes the frames as an MJPEG .avi (OpenCV's own writer, no FFmpeg needed) and releases them. */
    public static Path video(Path file, List<Mat> frames, double fps) {
        VideoWriter writer = new VideoWriter(file.toString(), Videoio.CAP_OPENCV_MJPEG,
                VideoWriter.fourcc('M', 'J', 'P', 'G'), fps, frames.get(0).size(), true);
        try {
            Assertions.assertTrue(writer.isOpened(), "OpenCV cannot write MJPEG to " + file);
            for (Mat f : frames) {
                writer.write(f);
            }
            return file;
        } finally {
            writer.release();
            frames.forEach(Mat::release);
        }
    }

    public static List<Mat> blinkingFrames() {
        return DemoClips.blinkingFrames();
    }
}
