package org.tongban.kiosk.update;

import java.time.Instant;

/**
 * Something the update agent did, for whoever keeps the terminal's records (the electronic journal, the log).
 *
 * @param release the version the event is about (null when the channel could not be read)
 * @param detail  the refusal reason or what failed, in words an operator understands
 */
public record UpdateEvent(Type type, Instant at, String release, long sequence, String detail) {

    public enum Type { CHECKED, REFUSED, DEFERRED, DOWNLOADED, APPLIED, ROLLED_BACK, HEALTH_FAILED }

    /** Told each event, on the agent's thread; must not block. */
    @FunctionalInterface
    public interface Listener {
        void updateEvent(UpdateEvent event);
    }
}
