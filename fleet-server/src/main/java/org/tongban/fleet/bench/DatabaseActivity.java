package org.tongban.fleet.bench;

import java.sql.Connection;
import java.sql.SQLException;

import org.tongban.fleet.db.Database;

/**
 * What PostgreSQL did, from its own counters: transactions committed, rows written (inserted, updated, deleted) and
 * WAL bytes. Two samples around a phase say what one heartbeat costs the database, and the WAL a day of it writes
 * (what a replica receives and an archive keeps).
 */
record DatabaseActivity(long commits, long rowsWritten, long walBytes) {

    static DatabaseActivity sample(Database db) throws SQLException {
        try (Connection c = db.connection(); var rs = c.createStatement().executeQuery(
                "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint"
                        + " FROM pg_stat_database WHERE datname = current_database()")) {
            rs.next();
            return new DatabaseActivity(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    DatabaseActivity since(DatabaseActivity before) {
        return new DatabaseActivity(commits - before.commits, rowsWritten - before.rowsWritten, walBytes - before.walBytes);
    }

    /** One line: per heartbeat, and the WAL of a day at the phase's rate. */
    String perHeartbeat(String phase, long heartbeats, double perSecond) {
        if (heartbeats <= 0) {
            return phase + ": no heartbeats";
        }
        double walPerHeartbeat = (double) walBytes / heartbeats;
        return String.format("%s: per heartbeat %.1f commits, %.1f rows written, %.1f KiB of WAL; WAL of a day at %.0f/s: %.1f GiB",
                phase, (double) commits / heartbeats, (double) rowsWritten / heartbeats, walPerHeartbeat / 1024, perSecond,
                walPerHeartbeat * perSecond * 86_400 / (1L << 30));
    }
}
