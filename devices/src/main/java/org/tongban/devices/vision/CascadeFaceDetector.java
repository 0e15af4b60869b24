package org.tongban.devices.vision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

/**
 * Faces by an OpenCV cascade (LBP or Haar) from Debian's {@code opencv-data}. The picture is scaled to at
 * most {@link #WORK_WIDTH} pixels wide first: faces close enough to verify are large, and the cascade's
 * time grows with the pixel count.
 */
public final class CascadeFaceDetector implements FaceDetector {

    /** Debian's {@code opencv-data}: the improved LBP frontal face model, fast and good enough at a kiosk. */
    public static final Path DEFAULT_CASCADE = Path.of("/usr/share/opencv4/lbpcascades/lbpcascade_frontalface_improved.xml");
    static final int WORK_WIDTH = 320;

    private final CascadeClassifier cascade;
    private final Path file;

    public CascadeFaceDetector(Path file) {
        OpenCv.load();
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("face cascade " + file + " not found (install opencv-data)");
        }
        this.cascade = new CascadeClassifier(file.toString());
        if (cascade.empty()) {
            throw new IllegalArgumentException("face cascade " + file + " is not a cascade OpenCV can load");
        }
        this.file = file;
    }

    @Override
    public List<FaceBox> detect(Mat bgr) {
        double scale = Math.min(1.0, (double) WORK_WIDTH / bgr.cols());
        Mat grey = new Mat();
        Mat small = new Mat();
        MatOfRect found = new MatOfRect();
        try {
            Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
            Imgproc.resize(grey, small, new Size(Math.round(bgr.cols() * scale), Math.round(bgr.rows() * scale)), 0, 0,
                    Imgproc.INTER_AREA);
            Imgproc.equalizeHist(small, small);
            int min = Math.max(24, small.rows() / 10);
            cascade.detectMultiScale(small, found, 1.1, 4, 0, new Size(min, min), new Size());
            List<FaceBox> faces = new ArrayList<>();
            for (Rect r : found.toArray()) {
                faces.add(new FaceBox((int) Math.round(r.x / scale), (int) Math.round(r.y / scale),
                        (int) Math.round(r.width / scale), (int) Math.round(r.height / scale), -1));
            }
            return faces;
        } finally {
            grey.release();
            small.release();
            found.release();
        }
    }

    @Override
    public String describe() {
        return "cascade " + file;
    }
}
