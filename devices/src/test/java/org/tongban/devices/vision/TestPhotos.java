package org.tongban.devices.vision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;
import org.opencv.videoio.VideoWriter;
import org.opencv.videoio.Videoio;

/**
 * Real photos from Debian's {@code opencv-doc} (which .ci/test installs) and the frames and MJPEG videos the
 * vision tests build from them. Without the package the tests skip, or fail under TONGBAN_REQUIRE_REAL_PARTS.
 */
public final class TestPhotos {

    /** Four faces, 100x100 each, with landmarks drawn on them (the face recognition tutorial's picture). */
    public static final Path FACEREG = Path.of("/usr/share/doc/opencv-doc/opencv4/html/facereg.jpg");
    /** A footballer, small in a wide picture. */
    public static final Path MESSI = Path.of("/usr/share/doc/opencv-doc/examples/data/messi5.jpg");
    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;
    private static final Scalar BACKGROUND = new Scalar(120, 130, 140);

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

    /** One face of facereg.jpg (0-3), scaled to {@code size} px, on a 640x480 grey frame at (x, y) of its top left. */
    public static Mat face(int which, int size, int x, int y) {
        Mat all = OpenCv.read(FACEREG.toString());
        Mat crop = all.submat(new Rect((which % 2) * 100, (which / 2) * 100, 100, 100));
        Mat big = new Mat();
        Mat frame = new Mat(HEIGHT, WIDTH, CvType.CV_8UC3, BACKGROUND);
        try {
            Imgproc.resize(crop, big, new Size(size, size), 0, 0, Imgproc.INTER_CUBIC);
            Mat place = frame.submat(new Rect(x, y, size, size));
            big.copyTo(place);
            place.release();
            return frame;
        } finally {
            all.release();
            crop.release();
            big.release();
        }
    }

    /** The face the tests verify (the one the Haar model finds with both eyes), centred and near enough. */
    public static Mat centredFace() {
        return face(3, 300, (WIDTH - 300) / 2, (HEIGHT - 300) / 2);
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

    /** The frame with its eyes shut: each open eye the eye model finds in the face is painted over with skin and a lid line. */
    public static Mat eyesClosed(Mat frame) {
        Mat out = frame.clone();
        FaceBox face = FaceGate.fromOptions(java.util.Map.of("eyeCascade", "none")).check(frame).face();
        Assertions.assertNotNull(face, "no face to close the eyes of");
        CascadeClassifier eyes = new CascadeClassifier(FaceGate.DEFAULT_EYE_CASCADE.toString());
        MatOfRect found = new MatOfRect();
        Mat grey = new Mat();
        try {
            Rect upper = new Rect(face.x(), face.y(), face.width(), face.height() * 3 / 5);
            Mat region = frame.submat(upper);
            Imgproc.cvtColor(region, grey, Imgproc.COLOR_BGR2GRAY);
            region.release();
            eyes.detectMultiScale(grey, found, 1.1, 3, 0, new Size(face.width() / 10.0, face.width() / 10.0),
                    new Size(face.width() / 2.5, face.width() / 2.5));
            Mat cheek = frame.submat(new Rect(face.x() + face.width() / 5, face.y() + face.height() * 11 / 20,
                    face.width() / 8, face.height() / 10));
            Scalar skin = Core.mean(cheek);
            cheek.release();
            for (Rect r : found.toArray()) {
                // The eye itself is the middle of the model's box (which also holds brow and cheek).
                Rect eye = new Rect(upper.x + r.x + r.width / 10, upper.y + r.y + r.height / 4, r.width * 4 / 5,
                        r.height / 2);
                // The skin just under the eye, moved up over it: the lid of a closed eye.
                Rect below = new Rect(eye.x, Math.min(frame.rows() - eye.height, eye.y + eye.height * 4 / 5),
                        eye.width, eye.height);
                Mat lid = frame.submat(below);
                Mat e = out.submat(eye);
                lid.copyTo(e);
                lid.release();
                e.release();
                Imgproc.line(out, new org.opencv.core.Point(eye.x + eye.width * 0.15, eye.y + eye.height / 2.0),
                        new org.opencv.core.Point(eye.x + eye.width * 0.85, eye.y + eye.height / 2.0),
                        new Scalar(skin.val[0] * 0.3, skin.val[1] * 0.3, skin.val[2] * 0.3), 3);
            }
            return out;
        } finally {
            found.release();
            grey.release();
        }
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
        Mat out = new Mat(frame.size(), frame.type(), BACKGROUND);
        Mat m = new Mat(2, 3, CvType.CV_64F);
        m.put(0, 0, 1, 0, dx, 0, 1, dy);
        Imgproc.warpAffine(frame, out, m, frame.size(), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, BACKGROUND);
        m.release();
        return out;
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

    /** A citizen in front of the camera: open eyes, a blink of six frames, open eyes again, with a little sway. */
    public static List<Mat> blinkingFrames() {
        Mat face = centredFace();
        Mat closed = eyesClosed(face);
        List<Mat> frames = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Mat base = i >= 9 && i < 15 ? closed : face;
            frames.add(shifted(base, (i % 4) - 2, (i % 3) - 1));
        }
        face.release();
        closed.release();
        return frames;
    }
}
