package org.tongban.fleet.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells live pages that something changed (a heartbeat, an alert, a command's progress). A change made on this
 * instance goes to the listeners here and to the relay (when there is one: {@link PostgresEventRelay}), which
 * passes it through PostgreSQL to the other instances; a change heard from another instance comes in through
 * {@link #heardFromElsewhere} and goes to the listeners here only.
 */
public final class FleetEvents {

    /** {@code hall} lets a hall's staff view ignore the rest of the province; null: it may concern any hall. */
    public record Change(String terminalId, String hall, String what) {
    }

    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private volatile Consumer<Change> relay = c -> { };

    public void subscribe(Consumer<Change> listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Consumer<Change> listener) {
        listeners.remove(listener);
    }

    /** Where this instance's changes go besides its own listeners (to the other instances). */
    public void relayTo(Consumer<Change> relay) {
        this.relay = relay;
    }

    /** A change made on this instance. */
    public void publish(Change change) {
        tellListeners(change);
        relay.accept(change);
    }

    /** A change another instance made (it already told its own listeners). */
    public void heardFromElsewhere(Change change) {
        tellListeners(change);
    }

    private void tellListeners(Change change) {
        for (Consumer<Change> l : listeners) {
            l.accept(change);
        }
    }
}
