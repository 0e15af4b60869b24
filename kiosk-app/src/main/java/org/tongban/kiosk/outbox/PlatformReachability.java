package org.tongban.kiosk.outbox;

import java.time.Instant;

/**
 * Whether the platform can be used right now, as the sync worker last found it.
 *
 * @param since     when this state began
 * @param lastError what the last failure was, while OFFLINE (null otherwise)
 */
public record PlatformReachability(State state, Instant since, String lastError) {

    public enum State {
        /** Not tried yet since the worker started. */
        UNKNOWN,
        /** The last batch or heartbeat was answered as the contract says. */
        ONLINE,
        /** The last attempt failed: no answer, a refusal, or an answer that breaks the contract. */
        OFFLINE
    }

    public boolean online() {
        return state == State.ONLINE;
    }
}
