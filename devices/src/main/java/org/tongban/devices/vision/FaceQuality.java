package org.tongban.devices.vision;

/** Why a frame is not good enough to send for face verification; each maps to one line of live guidance. */
public enum FaceQuality {
    NO_FACE,
    MORE_THAN_ONE_FACE,
    /** The face is too small: "move closer". */
    TOO_SMALL,
    NOT_CENTRED,
    /** Variance of the Laplacian too low: motion or focus blur, "hold still". */
    BLURRED,
    TOO_DARK,
    TOO_BRIGHT,
    /** One side of the face much brighter than the other (a lamp from the side). */
    UNEVEN_LIGHT,
    /** No open eye found in the face. */
    EYES_CLOSED
}
