package org.tongban.fleet.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.fleet.db.Database;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Carries the fleet's changes between server instances through PostgreSQL's NOTIFY/LISTEN: no protocol of our
 * own, nothing to configure beyond the database every instance already shares.
 *
 * <p>Outgoing changes are coalesced: {@link #flush} (called a few times a second) sends at most one NOTIFY with
 * the halls that changed since the last one ({@code {"from": instance, "halls": [...]}}; {@code "halls": null}
 * means "any hall", used when a change names no hall or the list would not fit a notification). Live pages only
 * need to know that their hall changed, so 1,700 heartbeats a second cost five notifications a second.
 *
 * <p>Incoming: a thread holds one connection of its own (outside the pool) that LISTENs, and hands each
 * notification from another instance to {@link FleetEvents#heardFromElsewhere}. When that connection breaks it
 * reconnects every second and, once back, announces a change of every hall (what it missed meanwhile).
 */
public final class PostgresEventRelay implements AutoCloseable {

    public static final String CHANNEL = "fleet_events";
    /** PostgreSQL refuses payloads of 8,000 bytes and more; above this the halls are left out ("any hall"). */
    private static final int MAX_PAYLOAD = 7_000;
    private static final Logger log = LoggerFactory.getLogger(PostgresEventRelay.class);

    private final Database db;
    private final FleetEvents events;
    private final ObjectMapper json;
    private final String instance = UUID.randomUUID().toString();
    private final Set<String> pendingHalls = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pendingAny = new AtomicBoolean();
    private final Thread listener;
    private volatile boolean closed;
    private volatile Connection listening;

    public PostgresEventRelay(Database db, FleetEvents events, ObjectMapper json) {
        this.db = db;
        this.events = events;
        this.json = json;
        events.relayTo(this::queue);
        this.listener = new Thread(this::listen, "fleet-events-listener");
        listener.setDaemon(true);
    }

    public PostgresEventRelay start() {
        listener.start();
        return this;
    }

    /** This instance's id as it appears in the notifications it sends. */
    public String instance() {
        return instance;
    }

    private void queue(FleetEvents.Change change) {
        if (change.hall() == null) {
            pendingAny.set(true);
        } else {
            pendingHalls.add(change.hall());
        }
    }

    /** Sends what changed since the last call as one notification (nothing when nothing changed). */
    public void flush() {
        boolean any = pendingAny.getAndSet(false);
        List<String> halls = new ArrayList<>();
        for (String h : pendingHalls) {
            pendingHalls.remove(h);
            halls.add(h);
        }
        if (!any && halls.isEmpty()) {
            return;
        }
        ObjectNode payload = json.createObjectNode().put("from", instance);
        if (any) {
            payload.putNull("halls");
        } else {
            halls.forEach(payload.putArray("halls")::add);
        }
        String text = payload.toString();
        if (text.length() > MAX_PAYLOAD) {
            text = json.createObjectNode().put("from", instance).putNull("halls").toString();
        }
        try (Connection c = db.connection(); var st = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            st.setString(1, CHANNEL);
            st.setString(2, text);
            st.execute();
        } catch (SQLException e) {
            log.debug("could not notify the other instances (the database is away; pages there catch up on reconnect): {}", e.toString());
        }
    }

    private void listen() {
        boolean missedSome = false;
        while (!closed) {
            try (Connection c = db.dedicatedConnection()) {
                listening = c;
                try (var st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                if (missedSome) {
                    events.heardFromElsewhere(new FleetEvents.Change(null, null, "resync"));
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(500);
                    if (notes == null) {
                        continue;
                    }
                    for (PGNotification n : notes) {
                        heard(n.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                missedSome = true;
                log.warn("listening for the other instances' changes failed (retrying in 1 s): {}", e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void heard(String payload) {
        try {
            JsonNode n = json.readTree(payload);
            if (instance.equals(n.path("from").asText())) {
                return;
            }
            JsonNode halls = n.path("halls");
            if (!halls.isArray()) {
                events.heardFromElsewhere(new FleetEvents.Change(null, null, "elsewhere"));
                return;
            }
            for (JsonNode h : halls) {
                events.heardFromElsewhere(new FleetEvents.Change(null, h.asText(), "elsewhere"));
            }
        } catch (Exception e) {
            log.warn("ignored a notification that is not ours: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c = listening;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        listener.interrupt();
    }
}
