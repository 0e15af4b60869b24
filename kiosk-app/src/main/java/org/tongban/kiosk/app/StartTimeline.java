package org.tongban.kiosk.app;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up phases, logged at DEBUG ({@code -Dtongban.logLevel=DEBUG}) as milliseconds since the JVM
 * started and since the phase before, so a slow start shows which part took the time. Counting from the
 * JVM's start lets every part keep its own timeline and still line up with the others in the log.
 */
public final class StartTimeline {

    private static final Logger log = LoggerFactory.getLogger(StartTimeline.class);

    private long last = uptimeMillis();

    /** Logs that start-up has reached {@code phase}. */
    public synchronized void reached(String phase) {
        long now = uptimeMillis();
        log.debug("start-up: {} at {} ms (+{} ms)", phase, now, now - last);
        last = now;
    }

    /** Milliseconds since the JVM started. */
    public static long uptimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }
}
