package org.tongban.kiosk.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The tests' one wait: polls a condition (TestFX's {@code waitFor}) until it holds, or fails the test saying what
 * did not happen. For what happens on another thread: a device event, the sync worker, the platform simulator,
 * the shell redrawing.
 */
public final class Eventually {

    /** Long enough for a loaded CI machine (a camera step on two busy cores needs the most). */
    public static final Duration LIMIT = Duration.ofSeconds(20);

    private Eventually() {
    }

    /** Waits up to {@link #LIMIT} for {@code condition}; while it throws, it counts as not yet. */
    public static void until(Callable<Boolean> condition) throws Exception {
        until("the condition", condition);
    }

    public static void until(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + LIMIT.toSeconds() + " s for " + what + "; it did not happen", e);
        }
    }
}
