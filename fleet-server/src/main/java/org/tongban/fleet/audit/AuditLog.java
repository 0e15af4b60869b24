package org.tongban.fleet.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.tongban.fleet.db.Database;

/** Every state-changing action: who, what, when, from where. Written in the action's own transaction. */
public final class AuditLog {

    public record Entry(Instant at, String actor, String action, String target, String detail, String address) {
    }

    private final Database db;

    public AuditLog(Database db) {
        this.db = db;
    }

    public void record(Connection c, String actor, String action, String target, String detail, String address)
            throws SQLException {
        try (var st = c.prepareStatement("INSERT INTO audit (actor, action, target, detail, address) VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, actor);
            st.setString(2, action);
            st.setString(3, target);
            st.setString(4, detail);
            st.setString(5, address);
            st.executeUpdate();
        }
    }

    public List<Entry> latest(int limit) throws SQLException {
        try (Connection c = db.connection();
                var st = c.prepareStatement("SELECT at, actor, action, target, detail, address FROM audit ORDER BY id DESC LIMIT ?")) {
            st.setInt(1, limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        }
    }
}
