package org.tongban.kiosk.voice;

/** Speech could not be made or played; the message says why in words a technician can act on. */
public final class SpeechException extends Exception {

    /** What failed: decides the state the voice is in. */
    public enum Cause { NO_ENGINE, ENGINE_FAILED, NO_SOUND_DEVICE }

    private final Cause kind;

    public SpeechException(Cause cause, String message) {
        super(message);
        this.kind = cause;
    }

    public SpeechException(Cause cause, String message, Throwable reason) {
        super(message, reason);
        this.kind = cause;
    }

    public Cause kind() {
        return kind;
    }
}
