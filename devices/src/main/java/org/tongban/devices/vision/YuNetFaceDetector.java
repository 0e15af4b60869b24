package org.tongban.devices.vision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.objdetect.FaceDetectorYN;

/**
 * Faces by OpenCV's {@code FaceDetectorYN} with a YuNet ONNX model (none ships with Tongban: a technician
 * configures its path). YuNet gives eye landmarks; the eye check of {@link FaceGate} looks there.
 */
public final class YuNetFaceDetector implements FaceDetector {

    private final FaceDetectorYN detector;
    private final Path model;

    public YuNetFaceDetector(Path model) {
        OpenCv.load();
        if (!Files.isReadable(model)) {
            throw new IllegalArgumentException("YuNet model " + model + " not found: download "
                    + "face_detection_yunet_2023mar.onnx from the OpenCV model zoo and set its path");
        }
        try {
            this.detector = FaceDetectorYN.create(model.toString(), "", new Size(320, 320), 0.8f, 0.3f, 20);
        } catch (RuntimeException e) { // cv::Exception arrives as a RuntimeException
            throw new IllegalArgumentException("YuNet model " + model + " could not be loaded: " + e.getMessage(), e);
        }
        this.model = model;
    }

    @Override
    public List<FaceBox> detect(Mat bgr) {
        Mat faces = new Mat();
        try {
            detector.setInputSize(bgr.size());
            detector.detect(bgr, faces);
            List<FaceBox> boxes = new ArrayList<>();
            for (int i = 0; i < faces.rows(); i++) {
                double[] row = new double[15];
                for (int c = 0; c < 15; c++) {
                    row[c] = faces.get(i, c)[0];
                }
                boxes.add(new FaceBox((int) row[0], (int) row[1], (int) row[2], (int) row[3], -1));
            }
            return boxes;
        } finally {
            faces.release();
        }
    }

    @Override
    public String describe() {
        return "YuNet " + model;
    }
}
