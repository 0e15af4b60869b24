package org.tongban.kiosk.platformsim;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults the simulated platform injects at random, each with its own chance per request (0..1), for soak and
 * crash tests run against a separate process.
 *
 * @param unavailable         answer 503 with {@code Retry-After: retryAfter}
 * @param dropAfterCommit     file the batch, then close the connection without an answer
 * @param garbage             answer 200 with a body that is not JSON, filing nothing
 * @param truncateAfterCommit file the batch, then answer half of the JSON
 * @param slowAfterCommit     file the batch, then wait {@code slowBy} before answering
 * @param reject              refuse a new transaction for good (REJECTED, and again on every replay)
 */
public record FaultRates(double unavailable, Duration retryAfter, double dropAfterCommit, double garbage,
        double truncateAfterCommit, double slowAfterCommit, Duration slowBy, double reject) {

    public static final FaultRates NONE = new FaultRates(0, Duration.ZERO, 0, 0, 0, 0, Duration.ZERO, 0);

    public FaultRates {
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(slowBy, "slowBy");
        for (double p : new double[] {unavailable, dropAfterCommit, garbage, truncateAfterCommit, slowAfterCommit,
                reject}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("a fault rate is a chance between 0 and 1, not " + p);
            }
        }
    }
}
