package org.tongban.kiosk.fleet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet's commands this terminal has taken on, in SQLite in the data folder, so each command id is carried
 * out at most once, across restarts too: an id is claimed (written) before it is carried out, and its result is
 * kept and reported until a signed answer confirms the heartbeat that carried it. A command found claimed but
 * without a result after a restart was cut short: it is reported FAILED, never run again.
 */
public final class CommandLedger implements AutoCloseable {

    /** The file inside the data folder. */
    public static final String FILE = "fleet-commands.db";

    public enum Status { DONE, FAILED, REFUSED }

    /** A command's outcome, as the heartbeat's {@code commandResults} carry it. */
    public record Result(String commandId, Status status, String detail, Instant at) {
    }

    private final Connection db;

    private CommandLedger(Connection db) {
        this.db = db;
    }

    public static CommandLedger open(Path dataDir) throws java.io.IOException {
        return new CommandLedger(DurableFile.open(dataDir.resolve(FILE),
                "CREATE TABLE IF NOT EXISTS command (id TEXT PRIMARY KEY, type TEXT NOT NULL, claimed_at TEXT NOT NULL,"
                        + " status TEXT, detail TEXT, done_at TEXT, reported INTEGER NOT NULL DEFAULT 0)",
                // Claimed before a restart and never finished: cut short. Reported, never run again.
                "UPDATE command SET status = 'FAILED', detail = 'cut short by a restart', done_at = claimed_at"
                        + " WHERE status IS NULL"));
    }

    /** Claims {@code id}: true the first time it is seen (carry it out now), false ever after. */
    public synchronized boolean claim(String id, String type, Instant now) throws SQLException {
        try (var st = db.prepareStatement("INSERT INTO command (id, type, claimed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            st.setString(1, id);
            st.setString(2, type);
            st.setString(3, now.toString());
            return st.executeUpdate() == 1;
        }
    }

    /** The outcome of a claimed command; reported from the next heartbeat on. */
    public synchronized void finish(Result r) throws SQLException {
        try (var st = db.prepareStatement("UPDATE command SET status = ?, detail = ?, done_at = ?, reported = 0 WHERE id = ?")) {
            st.setString(1, r.status().name());
            st.setString(2, r.detail());
            st.setString(3, r.at().toString());
            st.setString(4, r.commandId());
            st.executeUpdate();
        }
    }

    /** A command redelivered after we carried it out (its result was lost on the way): report it again. */
    public synchronized void reportAgain(String id) throws SQLException {
        try (var st = db.prepareStatement("UPDATE command SET reported = 0 WHERE id = ? AND status IS NOT NULL")) {
            st.setString(1, id);
            st.executeUpdate();
        }
    }

    /** Results the server has not confirmed yet, oldest first. */
    public synchronized List<Result> unreported() throws SQLException {
        List<Result> out = new ArrayList<>();
        try (var st = db.prepareStatement("SELECT id, status, detail, done_at FROM command WHERE status IS NOT NULL"
                + " AND reported = 0 ORDER BY done_at LIMIT 200"); var rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new Result(rs.getString(1), Status.valueOf(rs.getString(2)), rs.getString(3),
                        Instant.parse(rs.getString(4))));
            }
        }
        return out;
    }

    /** A signed answer came to the heartbeat that carried these results: the server has them. */
    public synchronized void reported(List<Result> results) throws SQLException {
        try (var st = db.prepareStatement("UPDATE command SET reported = 1 WHERE id = ? AND done_at = ?")) {
            for (Result r : results) {
                st.setString(1, r.commandId());
                st.setString(2, r.at().toString());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** How many command ids this terminal has taken on. */
    public synchronized int known() throws SQLException {
        try (var rs = db.createStatement().executeQuery("SELECT count(*) FROM command")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
