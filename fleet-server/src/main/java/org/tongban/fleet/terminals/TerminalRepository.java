package org.tongban.fleet.terminals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tongban.fleet.db.Database;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads terminals with their latest heartbeat and count of open alerts. */
public final class TerminalRepository {

    private static final String SELECT = """
            SELECT t.id, t.region, t.hall, t.profile, t.revoked_at, t.last_seen, t.heartbeat::text AS heartbeat,
                   (SELECT count(*) FROM alert a WHERE a.terminal_id = t.id AND a.closed_at IS NULL) AS open_alerts
              FROM terminal t
            """;

    private final Database db;
    private final ObjectMapper json;

    public TerminalRepository(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Every terminal, optionally of one hall or region (null: all), ordered region, hall, id. */
    public List<Terminal> list(String region, String hall) throws SQLException {
        try (Connection c = db.connection();
                var st = c.prepareStatement(SELECT + " WHERE (?::text IS NULL OR t.region = ?) AND (?::text IS NULL OR t.hall = ?)"
                        + " ORDER BY t.region, t.hall, t.id")) {
            st.setString(1, region);
            st.setString(2, region);
            st.setString(3, hall);
            st.setString(4, hall);
            List<Terminal> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    public Optional<Terminal> find(String id) throws SQLException {
        try (Connection c = db.connection(); var st = c.prepareStatement(SELECT + " WHERE t.id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private Terminal read(ResultSet rs) throws SQLException {
        String heartbeat = rs.getString("heartbeat");
        try {
            return new Terminal(rs.getString("id"), rs.getString("region"), rs.getString("hall"),
                    rs.getString("profile"), instant(rs.getTimestamp("revoked_at")), instant(rs.getTimestamp("last_seen")),
                    heartbeat == null ? null : json.readTree(heartbeat), rs.getInt("open_alerts"));
        } catch (JsonProcessingException e) {
            throw new SQLException("stored heartbeat of " + rs.getString("id") + " is not JSON", e);
        }
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
