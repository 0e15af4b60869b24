package org.tongban.kiosk.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox file's tables and how a file of an older version becomes the current one. SQLite's
 * {@code user_version} counts the migrations applied; the key that seals payloads is recorded in {@code meta}.
 */
final class OutboxSchema {

    private static final Logger log = LoggerFactory.getLogger(OutboxSchema.class);

    /** Schema migrations; entry i takes user_version i to i + 1. Append, never edit. */
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE transactions (
                id              TEXT PRIMARY KEY,
                kind            TEXT NOT NULL,
                item_code       TEXT,
                session_id      TEXT,
                created_at      INTEGER NOT NULL,
                payload         TEXT NOT NULL,
                payload_bytes   INTEGER NOT NULL,
                state           TEXT NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'REJECTED')),
                attempts        INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL DEFAULT 0,
                last_error      TEXT,
                receipt_no      TEXT,
                reject_code     TEXT,
                reject_message  TEXT,
                delivered_at    INTEGER
            )""",
            "CREATE INDEX transactions_due ON transactions (state, next_attempt_at, created_at)",
            """
            CREATE TABLE steps (
                session_id   TEXT NOT NULL,
                step         TEXT NOT NULL,
                completed_at INTEGER NOT NULL,
                state        TEXT,
                PRIMARY KEY (session_id, step)
            )"""),
            // 2: print jobs, QUEUED → SENT → PRINTING → DONE | FAILED, kept with the session's transactions.
            List.of(
            """
            CREATE TABLE print_jobs (
                id          TEXT PRIMARY KEY,
                session_id  TEXT NOT NULL,
                step        TEXT NOT NULL,
                title       TEXT NOT NULL,
                state       TEXT NOT NULL CHECK (state IN ('QUEUED', 'SENT', 'PRINTING', 'DONE', 'FAILED')),
                destination TEXT,
                detail      TEXT,
                created_at  INTEGER NOT NULL,
                updated_at  INTEGER NOT NULL
            )""",
            "CREATE INDEX print_jobs_open ON print_jobs (state)"),
            // 3: payloads sealed with SM4-GCM (a BLOB, NULL once purged after delivery); the key's fingerprint.
            List.of("""
            CREATE TABLE transactions_v2 (
                id              TEXT PRIMARY KEY,
                kind            TEXT NOT NULL,
                item_code       TEXT,
                session_id      TEXT,
                created_at      INTEGER NOT NULL,
                payload         BLOB,
                payload_bytes   INTEGER NOT NULL,
                state           TEXT NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'REJECTED')),
                attempts        INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL DEFAULT 0,
                last_error      TEXT,
                receipt_no      TEXT,
                reject_code     TEXT,
                reject_message  TEXT,
                delivered_at    INTEGER,
                purged_at       INTEGER
            )""",
            "INSERT INTO transactions_v2 (id, kind, item_code, session_id, created_at, payload, payload_bytes, state, "
                    + "attempts, next_attempt_at, last_error, receipt_no, reject_code, reject_message, delivered_at) "
                    + "SELECT id, kind, item_code, session_id, created_at, payload, payload_bytes, state, attempts, "
                    + "next_attempt_at, last_error, receipt_no, reject_code, reject_message, delivered_at "
                    + "FROM transactions",
            "DROP TABLE transactions",
            "ALTER TABLE transactions_v2 RENAME TO transactions",
            "CREATE INDEX transactions_due ON transactions (state, next_attempt_at, created_at)",
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"));

    /** The version that first sealed payloads: older files hold them in clear and are sealed on migration. */
    private static final int SEALED_SINCE = 3;
    private static final String KEY_ID = "payload_key_id";

    private OutboxSchema() {
    }

    /** The fingerprint of the key the file was sealed with, or null for a new (or never sealed) file. */
    static String keyId(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'")) {
            if (!rs.next()) {
                return null;
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            select.setString(1, KEY_ID);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Brings the file to the current schema in one transaction; clear payloads of old files are sealed. */
    static void migrate(Connection connection, Path file, SealedPayloads payloads) throws SQLException,
            OutboxException {
        int version;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.getInt(1);
        }
        if (version > MIGRATIONS.size()) {
            throw new OutboxException("outbox " + file + " has schema " + version + ", newer than this software ("
                    + MIGRATIONS.size() + ")");
        }
        if (version == MIGRATIONS.size()) {
            return;
        }
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            for (int v = version; v < MIGRATIONS.size(); v++) {
                for (String sql : MIGRATIONS.get(v)) {
                    s.execute(sql);
                }
            }
            int sealed = version < SEALED_SINCE ? sealClearPayloads(connection, payloads) : 0;
            try (PreparedStatement put = connection.prepareStatement(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")) {
                put.setString(1, KEY_ID);
                put.setString(2, payloads.keyId());
                put.executeUpdate();
            }
            s.execute("PRAGMA user_version = " + MIGRATIONS.size());
            connection.commit();
            log.info("outbox {} migrated from schema {} to {}{}", file, version, MIGRATIONS.size(),
                    sealed == 0 ? "" : ", " + sealed + " payload(s) sealed");
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        if (version > 0 && version < SEALED_SINCE) {
            // The clear payloads are gone from the tables; rewrite the file so no old page keeps a copy.
            try (Statement s = connection.createStatement()) {
                s.execute("VACUUM");
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
    }

    private static int sealClearPayloads(Connection connection, SealedPayloads payloads) throws SQLException {
        int n = 0;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, payload FROM transactions WHERE typeof(payload) = 'text'");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE transactions SET payload = ? WHERE id = ?")) {
            while (rs.next()) {
                String id = rs.getString(1);
                update.setBytes(1, payloads.seal(id, rs.getString(2)));
                update.setString(2, id);
                update.addBatch();
                n++;
            }
            update.executeBatch();
        }
        return n;
    }
}

