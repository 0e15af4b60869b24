package org.tongban.devices.vision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

/**
 * The quality gate a frame passes before it is sent for face verification: exactly one face, large enough,
 * centred, sharp (variance of the Laplacian), evenly lit, eyes open. Not thread-safe (native models).
 */
public final class FaceGate {

    /** Debian's {@code opencv-data}: open eyes (a closed eye is not found by it). */
    public static final Path DEFAULT_EYE_CASCADE = Path.of("/usr/share/opencv4/haarcascades/haarcascade_eye.xml");
    /** Debian's {@code opencv-data}: the Haar frontal face model, the default detector. */
    public static final Path HAAR_CASCADE = Path.of("/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml");
    /** The face is scaled to this width before the sharpness and light are measured, so they do not depend on distance. */
    private static final int MEASURE_WIDTH = 128;

    /**
     * The thresholds.
     *
     * @param minFaceHeight face height as a fraction of the frame height
     * @param maxOffCentre how far the face centre may be from the frame centre, as a fraction of the frame size
     * @param minSharpness variance of the Laplacian over the face at 128 px wide
     * @param maxSideDifference grey levels between the left and right half of the face
     */
    public record Limits(double minFaceHeight, double maxOffCentre, double minSharpness, double minBrightness,
                         double maxBrightness, double maxSideDifference) {

        public static Limits defaults() {
            return new Limits(0.25, 0.2, 40, 60, 210, 60);
        }

        /** The defaults with any of {@code faceMinHeight, faceMaxOffCentre, faceMinSharpness, ...} from device options. */
        public static Limits from(Map<String, String> options) {
            Limits d = defaults();
            return new Limits(num(options, "faceMinHeight", d.minFaceHeight), num(options, "faceMaxOffCentre", d.maxOffCentre),
                    num(options, "faceMinSharpness", d.minSharpness), num(options, "faceMinBrightness", d.minBrightness),
                    num(options, "faceMaxBrightness", d.maxBrightness), num(options, "faceMaxSideDifference", d.maxSideDifference));
        }

        private static double num(Map<String, String> options, String key, double fallback) {
            String v = options.get(key);
            try {
                return v == null ? fallback : Double.parseDouble(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a number, not '" + v + "'");
            }
        }
    }

    private final FaceDetector detector;
    private final CascadeClassifier eyes; // null: no eye check
    private final Limits limits;

    public FaceGate(FaceDetector detector, Path eyeCascade, Limits limits) {
        OpenCv.load();
        this.detector = detector;
        this.limits = limits;
        if (eyeCascade == null) {
            this.eyes = null;
        } else {
            if (!Files.isReadable(eyeCascade)) {
                throw new IllegalArgumentException("eye cascade " + eyeCascade + " not found (install opencv-data)");
            }
            this.eyes = new CascadeClassifier(eyeCascade.toString());
        }
    }

    /**
     * The gate as a device's options choose it: {@code faceDetector} = {@code haar} (default: on the
     * test photos it finds faces the LBP model misses, at about 15 ms per 640x480 frame), {@code lbp} or
     * {@code yunet} with {@code faceModel} = path of the ONNX file; {@code faceCascade} overrides the cascade
     * file; {@code eyeCascade} = path or {@code none}; thresholds as in {@link Limits#from}.
     */
    public static FaceGate fromOptions(Map<String, String> options) {
        String kind = options.getOrDefault("faceDetector", "haar");
        FaceDetector detector = switch (kind) {
            case "lbp" -> new CascadeFaceDetector(Path.of(options.getOrDefault("faceCascade",
                    CascadeFaceDetector.DEFAULT_CASCADE.toString())));
            case "haar" -> new CascadeFaceDetector(Path.of(options.getOrDefault("faceCascade",
                    HAAR_CASCADE.toString())));
            case "yunet" -> {
                String model = options.get("faceModel");
                if (model == null) {
                    throw new IllegalArgumentException("faceDetector yunet needs faceModel: the path of a YuNet ONNX file");
                }
                yield new YuNetFaceDetector(Path.of(model));
            }
            default -> throw new IllegalArgumentException("faceDetector must be lbp, haar or yunet, not '" + kind + "'");
        };
        String eye = options.getOrDefault("eyeCascade", DEFAULT_EYE_CASCADE.toString());
        return new FaceGate(detector, "none".equals(eye) ? null : Path.of(eye), Limits.from(options));
    }

    public String describe() {
        return detector.describe();
    }

    /** Judges one BGR frame. */
    public FaceVerdict check(Mat bgr) {
        List<FaceBox> faces = detector.detect(bgr);
        if (faces.isEmpty()) {
            double mean = meanOf(bgr);
            // In the dark the detector finds nothing: say "too dark", not "no face".
            return new FaceVerdict(0, false, mean < limits.minBrightness()
                    ? List.of(FaceQuality.NO_FACE, FaceQuality.TOO_DARK) : List.of(FaceQuality.NO_FACE), null, 0, mean);
        }
        if (faces.size() > 1) {
            return new FaceVerdict(faces.size(), false, List.of(FaceQuality.MORE_THAN_ONE_FACE), null, 0, 0);
        }
        FaceBox face = clip(faces.get(0), bgr);
        List<FaceQuality> reasons = new ArrayList<>();
        if (face.height() < limits.minFaceHeight() * bgr.rows()) {
            reasons.add(FaceQuality.TOO_SMALL);
        }
        if (Math.abs(face.centreX() - bgr.cols() / 2.0) > limits.maxOffCentre() * bgr.cols()
                || Math.abs(face.centreY() - bgr.rows() / 2.0) > limits.maxOffCentre() * bgr.rows() * 1.25) {
            reasons.add(FaceQuality.NOT_CENTRED);
        }
        Mat roi = bgr.submat(new Rect(face.x(), face.y(), face.width(), face.height()));
        Mat grey = new Mat();
        Mat small = new Mat();
        Mat lap = new Mat();
        MatOfDouble mean = new MatOfDouble();
        MatOfDouble dev = new MatOfDouble();
        try {
            Imgproc.cvtColor(roi, grey, Imgproc.COLOR_BGR2GRAY);
            int h = (int) Math.round((double) MEASURE_WIDTH * face.height() / face.width());
            Imgproc.resize(grey, small, new Size(MEASURE_WIDTH, Math.max(1, h)), 0, 0, Imgproc.INTER_AREA);
            Imgproc.Laplacian(small, lap, CvType.CV_64F);
            Core.meanStdDev(lap, mean, dev);
            double sharpness = dev.get(0, 0)[0] * dev.get(0, 0)[0];
            double brightness = Core.mean(small).val[0];
            double left = Core.mean(small.colRange(0, MEASURE_WIDTH / 2)).val[0];
            double right = Core.mean(small.colRange(MEASURE_WIDTH / 2, MEASURE_WIDTH)).val[0];
            if (brightness < limits.minBrightness()) {
                reasons.add(FaceQuality.TOO_DARK);
            } else if (brightness > limits.maxBrightness()) {
                reasons.add(FaceQuality.TOO_BRIGHT);
            } else if (Math.abs(left - right) > limits.maxSideDifference()) {
                reasons.add(FaceQuality.UNEVEN_LIGHT);
            }
            if (sharpness < limits.minSharpness() && !reasons.contains(FaceQuality.TOO_DARK)) {
                reasons.add(FaceQuality.BLURRED);
            }
            if (eyes != null) {
                face = face.withEyes(countEyes(small));
                if (face.eyes() == 0 && !reasons.contains(FaceQuality.TOO_DARK) && !reasons.contains(FaceQuality.BLURRED)) {
                    reasons.add(FaceQuality.EYES_CLOSED);
                }
            }
            return new FaceVerdict(1, reasons.isEmpty(), reasons, face, sharpness, brightness);
        } finally {
            roi.release();
            grey.release();
            small.release();
            lap.release();
            mean.release();
            dev.release();
        }
    }

    /** Open eyes in the upper half of the face (where the eyes are on a frontal face). */
    private int countEyes(Mat faceGrey) {
        Mat upper = faceGrey.rowRange(0, faceGrey.rows() * 3 / 5);
        MatOfRect found = new MatOfRect();
        try {
            eyes.detectMultiScale(upper, found, 1.1, 3, 0, new Size(12, 12), new Size(MEASURE_WIDTH / 2.0, MEASURE_WIDTH / 2.0));
            return Math.min(2, found.toArray().length);
        } finally {
            upper.release();
            found.release();
        }
    }

    private static FaceBox clip(FaceBox f, Mat m) {
        int x = Math.max(0, f.x());
        int y = Math.max(0, f.y());
        int w = Math.min(m.cols() - x, f.width());
        int h = Math.min(m.rows() - y, f.height());
        return new FaceBox(x, y, Math.max(1, w), Math.max(1, h), f.eyes());
    }

    private static double meanOf(Mat bgr) {
        Mat grey = new Mat();
        try {
            Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
            return Core.mean(grey).val[0];
        } finally {
            grey.release();
        }
    }
}
