package org.tongban.kiosk.fleet;

import java.time.Duration;
import java.util.Optional;

/** No usable answer from the fleet server: unreachable, unsigned, wrongly signed, stale, refused or unreadable. */
public final class FleetException extends Exception {

    private final Duration retryAfter;

    public FleetException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public FleetException(String message) {
        this(message, null, null);
    }

    /** What the server asked for with Retry-After (a 503), if it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
