package org.tongban.fleet.commands;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.tongban.fleet.audit.AuditLog;
import org.tongban.fleet.db.Database;
import org.tongban.fleet.events.FleetEvents;
import org.tongban.fleet.operators.Principal;
import org.tongban.fleet.operators.Role;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Commands: queued per terminal, repeated in every heartbeat answer until the terminal reports a result for
 * the command's id. A batch is what one operator sent at once (to a hall, say), so its progress can be shown.
 */
public final class Commands {

    /** Which terminals a command goes to: exactly one of the three. */
    public record Target(List<String> terminals, String hall, String region) {
        String describe() {
            if (hall != null) {
                return "hall " + hall;
            }
            if (region != null) {
                return "region " + region;
            }
            return String.join(",", terminals);
        }
    }

    private static final String SELECT = "SELECT id, batch_id, terminal_id, type, args::text, status, detail, issued_by, issued_at, updated_at FROM command ";

    private final Database db;
    private final AuditLog audit;
    private final FleetEvents events;
    private final ObjectMapper json;

    public Commands(Database db, AuditLog audit, FleetEvents events, ObjectMapper json) {
        this.db = db;
        this.audit = audit;
        this.events = events;
        this.json = json;
    }

    /** Queues one command per terminal reached; an OPERATOR at least. Bad input: IllegalArgumentException. */
    public List<CommandView> send(CommandType type, ObjectNode args, Target target, Principal by, String address)
            throws SQLException {
        if (!by.may(Role.OPERATOR)) {
            throw new SecurityException("sending commands needs the OPERATOR role");
        }
        int given = (target.terminals() != null && !target.terminals().isEmpty() ? 1 : 0) + (target.hall() != null ? 1 : 0)
                + (target.region() != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("name exactly one of terminals, hall or region");
        }
        ObjectNode a = args == null ? json.createObjectNode() : args;
        if (type == CommandType.LOCK && a.path("reason").asText("").isBlank()) {
            throw new IllegalArgumentException("LOCK needs a reason (args.reason)");
        }
        UUID batch = UUID.randomUUID();
        List<CommandView> sent = db.inTransaction(c -> {
            List<String> ids = resolve(c, target);
            if (ids.isEmpty()) {
                throw new IllegalArgumentException("no enrolled terminal matches " + target.describe());
            }
            try (var st = c.prepareStatement("INSERT INTO command (id, batch_id, terminal_id, type, args, status, issued_by)"
                    + " VALUES (?, ?, ?, ?, ?::jsonb, 'PENDING', ?)")) {
                for (String id : ids) {
                    st.setObject(1, UUID.randomUUID());
                    st.setObject(2, batch);
                    st.setString(3, id);
                    st.setString(4, type.name());
                    st.setString(5, a.toString());
                    st.setString(6, by.displayName());
                    st.addBatch();
                }
                st.executeBatch();
            }
            audit.record(c, by.name(), "command." + type, target.describe(),
                    ids.size() + " terminals" + (a.isEmpty() ? "" : " " + a), address);
            return query(c, SELECT + "WHERE batch_id = ? ORDER BY terminal_id", batch);
        });
        for (CommandView v : sent) {
            events.publish(new FleetEvents.Change(v.terminalId(), null, "command"));
        }
        return sent;
    }

    private static List<String> resolve(Connection c, Target target) throws SQLException {
        List<String> ids = new ArrayList<>();
        if (target.terminals() != null && !target.terminals().isEmpty()) {
            try (var st = c.prepareStatement("SELECT id FROM terminal WHERE id = ANY (?) AND revoked_at IS NULL ORDER BY id")) {
                st.setArray(1, c.createArrayOf("text", target.terminals().toArray()));
                collect(st.executeQuery(), ids);
            }
            if (ids.size() != target.terminals().size()) {
                List<String> unknown = new ArrayList<>(target.terminals());
                unknown.removeAll(ids);
                throw new IllegalArgumentException("not enrolled (or revoked): " + String.join(", ", unknown));
            }
            return ids;
        }
        String column = target.hall() != null ? "hall" : "region";
        try (var st = c.prepareStatement("SELECT id FROM terminal WHERE " + column + " = ? AND revoked_at IS NULL ORDER BY id")) {
            st.setString(1, target.hall() != null ? target.hall() : target.region());
            collect(st.executeQuery(), ids);
        }
        return ids;
    }

    private static void collect(ResultSet rs, List<String> into) throws SQLException {
        try (rs) {
            while (rs.next()) {
                into.add(rs.getString(1));
            }
        }
    }

    /** The commands a heartbeat answer carries; they become DELIVERED (and stay due until a result comes). */
    public List<CommandView> due(Connection c, String terminalId) throws SQLException {
        List<CommandView> due = query(c, SELECT + "WHERE terminal_id = ? AND status IN ('PENDING', 'DELIVERED') ORDER BY issued_at", terminalId);
        if (!due.isEmpty()) {
            try (var st = c.prepareStatement("UPDATE command SET status = 'DELIVERED', updated_at = now() WHERE terminal_id = ? AND status = 'PENDING'")) {
                st.setString(1, terminalId);
                st.executeUpdate();
            }
        }
        return due;
    }

    /** A terminal's results; results for other terminals' commands, or unknown ids, are ignored. */
    public int recordResults(Connection c, String terminalId, JsonNode results) throws SQLException {
        int n = 0;
        try (var st = c.prepareStatement("UPDATE command SET status = ?, detail = ?, updated_at = now()"
                + " WHERE id = ?::uuid AND terminal_id = ? AND status IN ('PENDING', 'DELIVERED')")) {
            for (JsonNode r : results) {
                String id = r.path("commandId").asText();
                if (!id.matches("[0-9a-fA-F-]{36}")) {
                    continue;
                }
                st.setString(1, r.path("status").asText());
                st.setString(2, r.hasNonNull("detail") ? r.path("detail").asText() : null);
                st.setString(3, id);
                st.setString(4, terminalId);
                n += st.executeUpdate();
            }
        }
        return n;
    }

    /** Commands still without a result after {@code age} become EXPIRED and are delivered no more. */
    public int expire(java.time.Duration age) throws SQLException {
        try (Connection c = db.connection(); var st = c.prepareStatement("UPDATE command SET status = 'EXPIRED', updated_at = now()"
                + " WHERE status IN ('PENDING', 'DELIVERED') AND issued_at < now() - make_interval(secs => ?)")) {
            st.setLong(1, age.toSeconds());
            return st.executeUpdate();
        }
    }

    public Optional<CommandView> find(UUID id) throws SQLException {
        try (Connection c = db.connection()) {
            return query(c, SELECT + "WHERE id = ?", id).stream().findFirst();
        }
    }

    public List<CommandView> batch(UUID batchId) throws SQLException {
        try (Connection c = db.connection()) {
            return query(c, SELECT + "WHERE batch_id = ? ORDER BY terminal_id", batchId);
        }
    }

    public List<CommandView> recent(String terminalId, int limit) throws SQLException {
        try (Connection c = db.connection()) {
            return query(c, SELECT + "WHERE terminal_id = ? ORDER BY issued_at DESC LIMIT " + limit, terminalId);
        }
    }

    private List<CommandView> query(Connection c, String sql, Object param) throws SQLException {
        try (var st = c.prepareStatement(sql)) {
            st.setObject(1, param);
            List<CommandView> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new CommandView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            CommandType.valueOf(rs.getString(4)), tree(rs.getString(5)), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant()));
                }
            }
            return out;
        }
    }

    private JsonNode tree(String text) throws SQLException {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored command args are not JSON", e);
        }
    }
}
