package org.tongban.fleet.alerts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.tongban.fleet.audit.AuditLog;
import org.tongban.fleet.db.Database;
import org.tongban.fleet.events.FleetEvents;
import org.tongban.fleet.operators.Principal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Opens and closes alerts from what terminals report (or stop reporting), lets staff acknowledge them, and
 * queues each newly opened alert for the webhook in the same transaction.
 */
public final class Alerts {

    private static final String SELECT = """
            SELECT a.id, a.terminal_id, t.hall, a.kind, a.detail, a.opened_at, a.closed_at, a.acknowledged_by, a.acknowledged_at
              FROM alert a LEFT JOIN terminal t ON t.id = a.terminal_id
            """;

    public enum AckResult { ACKNOWLEDGED, NOT_FOUND, NOT_YOUR_HALL }

    private final Database db;
    private final AuditLog audit;
    private final FleetEvents events;
    private final ObjectMapper json;
    private final boolean webhookConfigured;

    public Alerts(Database db, AuditLog audit, FleetEvents events, ObjectMapper json, boolean webhookConfigured) {
        this.db = db;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.webhookConfigured = webhookConfigured;
    }

    /**
     * Makes the open alerts of a terminal that has just reported match {@code wanted}: opens the missing ones,
     * closes the others (OFFLINE among them). Returns the alerts it opened.
     */
    public List<Alert> reconcile(Connection c, String terminalId, Map<AlertKind, String> wanted) throws SQLException {
        List<Alert> open = query(c, SELECT + " WHERE a.terminal_id = ? AND a.closed_at IS NULL", terminalId);
        List<Alert> opened = new ArrayList<>();
        for (Alert a : open) {
            if (!wanted.containsKey(a.kind())) {
                try (var st = c.prepareStatement("UPDATE alert SET closed_at = now() WHERE id = ?")) {
                    st.setObject(1, a.id());
                    st.executeUpdate();
                }
            }
        }
        for (Map.Entry<AlertKind, String> w : wanted.entrySet()) {
            if (open.stream().noneMatch(a -> a.kind() == w.getKey())) {
                opened.addAll(open(c, terminalId, w.getKey(), w.getValue()));
            }
        }
        return opened;
    }

    private List<Alert> open(Connection c, String terminalId, AlertKind kind, String detail) throws SQLException {
        UUID id = UUID.randomUUID();
        try (var st = c.prepareStatement("INSERT INTO alert (id, terminal_id, kind, detail) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            st.setObject(1, id);
            st.setString(2, terminalId);
            st.setString(3, kind.name());
            st.setString(4, detail);
            if (st.executeUpdate() == 0) {
                return List.of();
            }
        }
        List<Alert> alert = query(c, SELECT + " WHERE a.id = ?", id);
        queueWebhook(c, alert.get(0));
        return alert;
    }

    /** Opens a fleet-wide alert (no terminal), replacing an open one of the same kind; queued for the webhook. */
    public void openFleetAlert(Connection c, AlertKind kind, String detail) throws SQLException {
        closeFleetAlert(c, kind);
        open(c, null, kind, detail);
    }

    public void closeFleetAlert(Connection c, AlertKind kind) throws SQLException {
        try (var st = c.prepareStatement("UPDATE alert SET closed_at = now() WHERE terminal_id IS NULL AND kind = ? AND closed_at IS NULL")) {
            st.setString(1, kind.name());
            st.executeUpdate();
        }
    }

    /** Opens OFFLINE for every terminal silent for longer than {@code offlineAfter}; returns them. */
    public List<Alert> sweepOffline(Duration offlineAfter) throws SQLException {
        List<Alert> opened = db.inTransaction(c -> {
            List<String> silent = new ArrayList<>();
            try (var st = c.prepareStatement("""
                    SELECT t.id FROM terminal t
                     WHERE t.revoked_at IS NULL AND t.last_seen < now() - make_interval(secs => ?)
                       AND NOT EXISTS (SELECT 1 FROM alert a WHERE a.terminal_id = t.id AND a.kind = 'OFFLINE' AND a.closed_at IS NULL)""")) {
                st.setDouble(1, offlineAfter.toMillis() / 1000.0);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        silent.add(rs.getString(1));
                    }
                }
            }
            List<Alert> out = new ArrayList<>();
            for (String id : silent) {
                out.addAll(open(c, id, AlertKind.OFFLINE, "no heartbeat for " + offlineAfter.toSeconds() + " s"));
            }
            return out;
        });
        for (Alert a : opened) {
            events.publish(new FleetEvents.Change(a.terminalId(), a.hall(), "alert"));
        }
        return opened;
    }

    public AckResult acknowledge(UUID id, Principal by, String address) throws SQLException {
        AckResult result = db.inTransaction(c -> {
            List<Alert> found = query(c, SELECT + " WHERE a.id = ? FOR UPDATE OF a", id);
            if (found.isEmpty()) {
                return AckResult.NOT_FOUND;
            }
            Alert a = found.get(0);
            if (!by.mayAcknowledgeIn(a.hall())) {
                return AckResult.NOT_YOUR_HALL;
            }
            if (a.acknowledgedAt() == null) {
                try (var st = c.prepareStatement("UPDATE alert SET acknowledged_by = ?, acknowledged_at = now() WHERE id = ?")) {
                    st.setString(1, by.displayName());
                    st.setObject(2, id);
                    st.executeUpdate();
                }
                audit.record(c, by.name(), "alert.acknowledge", a.terminalId(), a.kind().name(), address);
            }
            return AckResult.ACKNOWLEDGED;
        });
        if (result == AckResult.ACKNOWLEDGED) {
            find(id).ifPresent(a -> events.publish(new FleetEvents.Change(a.terminalId(), a.hall(), "alert")));
        }
        return result;
    }

    public Optional<Alert> find(UUID id) throws SQLException {
        try (Connection c = db.connection()) {
            return query(c, SELECT + " WHERE a.id = ?", id).stream().findFirst();
        }
    }

    /** Open alerts first (newest first), then closed ones; {@code openOnly} leaves the history out. */
    public List<Alert> list(boolean openOnly, String hall, String terminalId, int limit) throws SQLException {
        try (Connection c = db.connection(); var st = c.prepareStatement(SELECT
                + " WHERE (? = false OR a.closed_at IS NULL) AND (?::text IS NULL OR t.hall = ?) AND (?::text IS NULL OR a.terminal_id = ?)"
                + " ORDER BY (a.closed_at IS NULL) DESC, a.opened_at DESC LIMIT ?")) {
            st.setBoolean(1, openOnly);
            st.setString(2, hall);
            st.setString(3, hall);
            st.setString(4, terminalId);
            st.setString(5, terminalId);
            st.setInt(6, limit);
            return read(st.executeQuery());
        }
    }

    /** The acknowledgement of a terminal's open staff call, if someone said "I'm coming". */
    public Optional<Alert> acknowledgedStaffCall(Connection c, String terminalId) throws SQLException {
        return query(c, SELECT + " WHERE a.terminal_id = ? AND a.kind = 'ASSISTANCE' AND a.closed_at IS NULL AND a.acknowledged_at IS NOT NULL",
                terminalId).stream().findFirst();
    }

    private void queueWebhook(Connection c, Alert a) throws SQLException {
        if (!webhookConfigured) {
            return;
        }
        ObjectNode payload = json.createObjectNode();
        // The shape the work-chat robots take ({"msgtype":"text","text":{"content":...}}), with the alert beside it.
        payload.put("msgtype", "text");
        payload.putObject("text").put("content", "[Tongban] " + a.kind() + " " + a.terminalId() + " (" + a.hall() + ")"
                + (a.detail() == null || a.detail().isEmpty() ? "" : ": " + a.detail()));
        ObjectNode alert = payload.putObject("alert");
        alert.put("id", a.id().toString());
        alert.put("terminalId", a.terminalId());
        alert.put("hall", a.hall());
        alert.put("kind", a.kind().name());
        alert.put("detail", a.detail());
        alert.put("openedAt", a.openedAt().toString());
        try (var st = c.prepareStatement("INSERT INTO webhook_delivery (payload) VALUES (?::jsonb)")) {
            st.setString(1, payload.toString());
            st.executeUpdate();
        }
    }

    private List<Alert> query(Connection c, String sql, Object param) throws SQLException {
        try (var st = c.prepareStatement(sql)) {
            st.setObject(1, param);
            return read(st.executeQuery());
        }
    }

    private static List<Alert> read(ResultSet rs) throws SQLException {
        List<Alert> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(new Alert(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), AlertKind.valueOf(rs.getString(4)),
                        rs.getString(5), rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), rs.getString(8),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant()));
            }
        }
        return out;
    }
}
