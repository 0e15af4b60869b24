package org.tongban.fleet.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells live pages that something changed (a heartbeat, an alert, a command's progress). In-process: with
 * several instances each one tells the pages connected to it about the heartbeats it received.
 */
public final class FleetEvents {

    /** {@code hall} lets a hall's staff view ignore the rest of the province. */
    public record Change(String terminalId, String hall, String what) {
    }

    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(Consumer<Change> listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Consumer<Change> listener) {
        listeners.remove(listener);
    }

    public void publish(Change change) {
        for (Consumer<Change> l : listeners) {
            l.accept(change);
        }
    }
}
