package org.tongban.devices.vision;

/**
 * The liveness challenge "blink": following the gate's verdicts over frames, the same face must be seen
 * with open eyes, then with no open eye while the face itself stays found, sharp and lit, then with open
 * eyes again. A printed photo held still shows its eyes open in every frame and never passes; a photo
 * swapped for another one moves the face and starts the challenge over.
 */
public final class BlinkLiveness {

    private enum Phase { WAIT_OPEN, WAIT_CLOSED, WAIT_REOPEN, PASSED }

    private Phase phase = Phase.WAIT_OPEN;
    private FaceBox anchor;
    private int frames;

    /** Takes the next frame's verdict; returns whether the challenge is passed now. */
    public synchronized boolean observe(FaceVerdict v) {
        frames++;
        if (phase == Phase.PASSED) {
            return true;
        }
        if (v.faces() != 1 || v.face() == null || v.face().eyes() < 0) {
            return false; // a frame without one clear face neither helps nor spoils the challenge
        }
        FaceBox face = v.face();
        if (anchor != null && moved(anchor, face)) {
            phase = Phase.WAIT_OPEN; // a different face, or the photo was swapped: start over
        }
        boolean lookable = !v.reasons().contains(FaceQuality.BLURRED) && !v.reasons().contains(FaceQuality.TOO_DARK);
        boolean open = face.eyes() > 0;
        switch (phase) {
            case WAIT_OPEN -> {
                if (open) {
                    phase = Phase.WAIT_CLOSED;
                }
            }
            case WAIT_CLOSED -> {
                if (!open && lookable) {
                    phase = Phase.WAIT_REOPEN;
                }
            }
            case WAIT_REOPEN -> {
                if (open) {
                    phase = Phase.PASSED;
                }
            }
            default -> { }
        }
        anchor = face;
        return phase == Phase.PASSED;
    }

    public synchronized boolean passed() {
        return phase == Phase.PASSED;
    }

    /** For the platform's {@code livenessScore}: 1 when a whole blink was seen, else how far it got. */
    public synchronized double score() {
        return switch (phase) {
            case PASSED -> 1.0;
            case WAIT_REOPEN -> 0.5;
            default -> 0.0;
        };
    }

    public synchronized int frames() {
        return frames;
    }

    /** Starts the challenge over (a new citizen, or "try again"). */
    public synchronized void reset() {
        phase = Phase.WAIT_OPEN;
        anchor = null;
        frames = 0;
    }

    /** The face centre jumped by more than half a face, or its size changed by more than a third. */
    private static boolean moved(FaceBox a, FaceBox b) {
        double dx = a.centreX() - b.centreX();
        double dy = a.centreY() - b.centreY();
        return Math.hypot(dx, dy) > a.width() / 2.0 || Math.abs(a.width() - b.width()) > a.width() / 3.0;
    }
}
