package org.tongban.kiosk.update;

import java.util.OptionalLong;

/**
 * The fleet's gate on the update channel: {@code release.maxSequence} of the fleet server's signed heartbeat
 * answer (docs/contracts/fleet-api.yaml), the highest channel sequence a staged rollout lets this terminal install
 * now. A terminal with a fleet holds every release until the fleet has answered once since the start (a rollout may
 * be holding it back, and it cannot know before asking); an answer without the field lets the manifest alone decide.
 * A terminal without a fleet is never held ({@link #none()}).
 */
public final class ReleaseGate {

    private boolean answered; // guarded by this
    private Long maxSequence; // guarded by this; null: the manifest alone decides

    private ReleaseGate(boolean answered) {
        this.answered = answered;
    }

    /** No fleet: the manifest alone decides, as before fleets had rollouts. */
    public static ReleaseGate none() {
        return new ReleaseGate(true);
    }

    /** A fleet is configured: shut until its first signed answer. */
    public static ReleaseGate untilTheFleetAnswers() {
        return new ReleaseGate(false);
    }

    /**
     * What a signed answer said; answers true when it lets more through than before (worth a channel check now).
     *
     * @param maxSequence the answer's {@code release.maxSequence}, empty when it had none
     */
    public synchronized boolean answered(OptionalLong maxSequence) {
        boolean wasShut = !answered;
        Long before = this.maxSequence;
        answered = true;
        this.maxSequence = maxSequence.isPresent() ? maxSequence.getAsLong() : null;
        if (wasShut) {
            return true;
        }
        return before != null && (this.maxSequence == null || this.maxSequence > before);
    }

    /** Whether the channel's {@code sequence} may be installed now. */
    public synchronized boolean allows(long sequence) {
        return answered && (maxSequence == null || sequence <= maxSequence);
    }

    /** Why a sequence is held, for the log and the operator. */
    public synchronized String why(long sequence) {
        if (!answered) {
            return "held until the fleet server answers (a staged rollout may hold it)";
        }
        return "held by the fleet's staged rollout: sequence " + sequence + " is above " + maxSequence;
    }
}
