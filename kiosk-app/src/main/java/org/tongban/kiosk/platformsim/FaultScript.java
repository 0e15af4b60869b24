package org.tongban.kiosk.platformsim;

import java.time.Duration;

/** What the simulated platform does wrong next; each fault is used up by the requests it hits. */
final class FaultScript {

    private int unavailable;
    private Duration retryAfter = Duration.ZERO;
    private int garbage;
    private int dropAfterCommit;
    private int truncateAfterCommit;
    private Duration delay = Duration.ZERO;

    synchronized void unavailable(int count, Duration retryAfter) {
        this.unavailable = count;
        this.retryAfter = retryAfter;
    }

    synchronized void garbage(int count) {
        this.garbage = count;
    }

    synchronized void dropAfterCommit(int count) {
        this.dropAfterCommit = count;
    }

    synchronized void truncateAfterCommit(int count) {
        this.truncateAfterCommit = count;
    }

    synchronized void delay(Duration delay) {
        this.delay = delay;
    }

    synchronized Duration delay() {
        return delay;
    }

    /** The Retry-After to answer 503 with, or null when this request is not to be refused. */
    synchronized Duration takeUnavailable() {
        if (unavailable == 0) {
            return null;
        }
        unavailable--;
        return retryAfter;
    }

    synchronized boolean takeGarbage() {
        return garbage > 0 && garbage-- > 0;
    }

    synchronized boolean takeDropAfterCommit() {
        return dropAfterCommit > 0 && dropAfterCommit-- > 0;
    }

    synchronized boolean takeTruncateAfterCommit() {
        return truncateAfterCommit > 0 && truncateAfterCommit-- > 0;
    }

    synchronized void clear() {
        unavailable = 0;
        garbage = 0;
        dropAfterCommit = 0;
        truncateAfterCommit = 0;
        delay = Duration.ZERO;
    }
}
