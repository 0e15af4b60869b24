package org.tongban.fleet.heartbeat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.tongban.fleet.db.Database;

/**
 * Keeps the heartbeat history bounded twice over: by count (each terminal's last {@link HeartbeatService#HISTORY}
 * heartbeats, a ring the heartbeat itself overwrites) and by age ({@link #prune}, which the servers run now and
 * then: a terminal gone quiet does not keep its last heartbeats for ever). So the history of 10,000 terminals is at
 * most 500,000 rows, whatever the interval and however long the fleet runs.
 */
public final class HeartbeatHistory {

    private final Database db;

    public HeartbeatHistory(Database db) {
        this.db = db;
    }

    /** Deletes what is older than {@code keep}; returns how many rows went. */
    public int prune(Duration keep) throws SQLException {
        try (Connection c = db.connection(); var st = c.prepareStatement("DELETE FROM heartbeat_history WHERE received_at < now() - make_interval(secs => ?)")) {
            st.setDouble(1, keep.toSeconds());
            return st.executeUpdate();
        }
    }
}
