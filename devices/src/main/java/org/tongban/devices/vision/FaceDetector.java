package org.tongban.devices.vision;

import java.util.List;
import org.opencv.core.Mat;

/** Finds faces in a BGR picture. Implementations hold native models: one per thread, not shared. */
public interface FaceDetector {

    List<FaceBox> detect(Mat bgr);

    /** Which model, for the health line and the command line. */
    String describe();
}
