package org.tongban.devices.vision;

import java.util.List;

/**
 * The quality gate's answer for one frame.
 *
 * @param face the one face judged, or null when there was not exactly one
 * @param sharpness variance of the Laplacian over the face, scaled to a fixed size
 * @param brightness mean grey level of the face, 0-255
 */
public record FaceVerdict(int faces, boolean accepted, List<FaceQuality> reasons, FaceBox face, double sharpness,
                          double brightness) {

    public FaceVerdict {
        reasons = List.copyOf(reasons);
    }
}
