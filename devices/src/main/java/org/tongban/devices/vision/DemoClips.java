package org.tongban.devices.vision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.MatOfRect;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

/**
 * Camera clips made at run time for the demo's cameras and for the tests, so the repository carries no
 * media: a citizen in front of the face camera (a face from opencv-doc's {@code facereg.jpg}, swaying and
 * blinking), and a form lying under the document camera. Every Mat returned belongs to the caller.
 */
public final class DemoClips {

    /** Four faces, 100x100 each, with landmarks drawn on them (OpenCV's face recognition tutorial). */
    public static final Path FACEREG = Path.of("/usr/share/doc/opencv-doc/opencv4/html/facereg.jpg");
    /** The file names of the frames {@link #writeFaceClip} and {@link #writePageClip} write, as sequence patterns. */
    public static final String FACE_FRAMES = "face_%03d.jpg";
    public static final String PAGE_FRAMES = "page_%03d.jpg";
    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;
    private static final Scalar BACKGROUND = new Scalar(120, 130, 140);

    private DemoClips() {
    }

    /** One face of facereg.jpg (0-3), scaled to {@code size} px, on a 640x480 grey frame with its top left at (x, y). */
    public static Mat face(int which, int size, int x, int y) {
        OpenCv.load();
        Mat all = OpenCv.read(FACEREG.toString());
        if (all.empty()) {
            all.release();
            throw new IllegalStateException(FACEREG + " not found (install opencv-doc)");
        }
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

    /** The face the demo and the tests verify (the Haar model finds it with both eyes), centred and near enough. */
    public static Mat centredFace() {
        return face(3, 300, (WIDTH - 300) / 2, (HEIGHT - 300) / 2);
    }

    /** The frame with its eyes shut: each open eye found in the face is covered by the skin under it, with a lid line. */
    public static Mat eyesClosed(Mat frame) {
        Mat out = frame.clone();
        FaceBox face = FaceGate.fromOptions(java.util.Map.of("eyeCascade", "none")).check(frame).face();
        if (face == null) {
            return out;
        }
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
            for (Rect r : found.toArray()) {
                // The eye itself is the middle of the model's box (which also holds brow and cheek).
                Rect eye = new Rect(upper.x + r.x + r.width / 10, upper.y + r.y + r.height / 4, r.width * 4 / 5,
                        r.height / 2);
                Rect below = new Rect(eye.x, Math.min(frame.rows() - eye.height, eye.y + eye.height * 4 / 5),
                        eye.width, eye.height);
                Mat lid = frame.submat(below);
                Mat e = out.submat(eye);
                lid.copyTo(e);
                Scalar skin = Core.mean(lid);
                lid.release();
                e.release();
                Imgproc.line(out, new Point(eye.x + eye.width * 0.15, eye.y + eye.height / 2.0),
                        new Point(eye.x + eye.width * 0.85, eye.y + eye.height / 2.0),
                        new Scalar(skin.val[0] * 0.3, skin.val[1] * 0.3, skin.val[2] * 0.3), 3);
            }
            return out;
        } finally {
            found.release();
            grey.release();
        }
    }

    public static Mat shifted(Mat frame, int dx, int dy) {
        Mat out = new Mat(frame.size(), frame.type(), BACKGROUND);
        Mat m = new Mat(2, 3, CvType.CV_64F);
        m.put(0, 0, 1, 0, dx, 0, 1, dy);
        Imgproc.warpAffine(frame, out, m, frame.size(), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, BACKGROUND);
        m.release();
        return out;
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

    /** A 420x594 (A4 at 50 dpi) form: white sheet, a title bar, ruled lines, a photo box. */
    public static Mat page() {
        OpenCv.load();
        Mat page = new Mat(594, 420, CvType.CV_8UC3, new Scalar(245, 245, 245));
        Imgproc.rectangle(page, new Point(40, 30), new Point(380, 70), new Scalar(30, 30, 30), -1);
        for (int y = 110; y < 560; y += 30) {
            Imgproc.line(page, new Point(40, y), new Point(380, y), new Scalar(60, 60, 60), 2);
        }
        Imgproc.rectangle(page, new Point(290, 120), new Point(370, 220), new Scalar(180, 120, 90), -1);
        return page;
    }

    /** The page photographed on a dark desk, its corners at {@code corners} of a 1280x960 photo. */
    public static Mat onDesk(Mat page, Point... corners) {
        Mat desk = new Mat(960, 1280, CvType.CV_8UC3, new Scalar(40, 60, 90));
        Mat grain = new Mat(desk.size(), desk.type());
        Core.randn(grain, 0, 6);
        Core.add(desk, grain, desk);
        grain.release();
        MatOfPoint2f from = new MatOfPoint2f(new Point(0, 0), new Point(page.cols() - 1, 0),
                new Point(page.cols() - 1, page.rows() - 1), new Point(0, page.rows() - 1));
        MatOfPoint2f to = new MatOfPoint2f(corners);
        Mat h = Imgproc.getPerspectiveTransform(from, to);
        Imgproc.warpPerspective(page, desk, h, desk.size(), Imgproc.INTER_LINEAR, Core.BORDER_TRANSPARENT);
        from.release();
        to.release();
        h.release();
        return desk;
    }

    /**
     * Writes the face clip as a JPEG image sequence into {@code dir} and returns its pattern for the camera's
     * source, or empty when opencv-doc is not installed (the demo then keeps its drawn simulator).
     */
    public static Optional<String> writeFaceClip(Path dir) throws java.io.IOException {
        if (!Files.isReadable(FACEREG) || !Files.isReadable(FaceGate.DEFAULT_EYE_CASCADE)) {
            return Optional.empty();
        }
        Files.createDirectories(dir);
        List<Mat> frames = blinkingFrames();
        for (int i = 0; i < frames.size(); i++) {
            Imgcodecs.imwrite(dir.resolve(String.format(FACE_FRAMES, i)).toString(), frames.get(i));
            frames.get(i).release();
        }
        return Optional.of(dir.resolve(FACE_FRAMES).toString());
    }

    /** Writes a few frames of a form lying askew under the document camera; returns the sequence pattern. */
    public static String writePageClip(Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        Mat page = page();
        for (int i = 0; i < 4; i++) {
            Mat photo = onDesk(page, new Point(420 + i, 120), new Point(900, 180 + i), new Point(960 - i, 860),
                    new Point(330, 800 - i));
            Imgcodecs.imwrite(dir.resolve(String.format(PAGE_FRAMES, i)).toString(), photo);
            photo.release();
        }
        page.release();
        return dir.resolve(PAGE_FRAMES).toString();
    }
}
