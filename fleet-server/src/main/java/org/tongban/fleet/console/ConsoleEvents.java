package org.tongban.fleet.console;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.tongban.fleet.events.FleetEvents;

import io.javalin.http.sse.SseClient;

/**
 * Server-sent events to the console's live pages. Changes are coalesced: each page hears at most one
 * "changed" per tick (a fleet of 3,000 terminals reporting every 30 s makes 100 changes a second), and a hall's
 * staff view only hears about its own hall.
 */
final class ConsoleEvents {

    private record Listener(SseClient client, String hall, AtomicBoolean dirty) {
    }

    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();

    ConsoleEvents(FleetEvents events) {
        events.subscribe(this::changed);
    }

    void add(SseClient client, String hall) {
        Listener l = new Listener(client, hall, new AtomicBoolean());
        listeners.add(l);
        client.onClose(() -> listeners.remove(l));
        client.sendComment("connected");
    }

    private void changed(FleetEvents.Change change) {
        for (Listener l : listeners) {
            if (l.hall() == null || change.hall() == null || l.hall().equals(change.hall())) {
                l.dirty().set(true);
            }
        }
    }

    /** Called every tick: tells each page with news to reload its live part. */
    void flush() {
        for (Listener l : listeners) {
            if (l.dirty().getAndSet(false)) {
                if (l.client().terminated()) {
                    listeners.remove(l);
                } else {
                    l.client().sendEvent("changed", Long.toString(System.currentTimeMillis()));
                }
            }
        }
    }
}
