package org.tongban.kiosk.app;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a terminal has started so far, and how to stop each part: stopped in reverse order when the terminal
 * closes, and also when a later part fails to start, so nothing started before the failure keeps running (no
 * device stays claimed, no file stays open).
 */
final class StartedParts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StartedParts.class);

    private record Part(String name, AutoCloseable stop) {
    }

    private final Deque<Part> parts = new ArrayDeque<>();

    /** Remembers how to stop {@code part}; answers the part. */
    synchronized <T> T add(String name, T part, AutoCloseable stop) {
        parts.push(new Part(name, stop));
        return part;
    }

    synchronized <T extends AutoCloseable> T add(String name, T part) {
        return add(name, part, part);
    }

    /** Stops every part, the last started first; one that fails to stop is logged and the others still stop. */
    @Override
    public synchronized void close() {
        while (!parts.isEmpty()) {
            Part part = parts.pop();
            try {
                part.stop().close();
            } catch (Exception | LinkageError e) {
                log.warn("{} did not stop cleanly: {}", part.name(), e.toString());
            }
        }
    }
}
