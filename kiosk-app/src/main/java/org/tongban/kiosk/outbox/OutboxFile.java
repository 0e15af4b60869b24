package org.tongban.kiosk.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Opening the outbox file: its folder made, SQLite's integrity check run, a damaged file moved aside (never
 * deleted) and what can be read of it salvaged into a new one, the payload key checked against the file, the
 * schema migrated. WAL with {@code synchronous=FULL}: a commit that returned survives a power cut.
 *
 * @param unit     the open file's unit of work
 * @param payloads how payloads are sealed in it
 * @param notices  what a technician must know about the opening (a damaged file moved aside); empty normally
 */
record OutboxFile(WriteUnit unit, SealedPayloads payloads, List<String> notices) {

    private static final Logger log = LoggerFactory.getLogger(OutboxFile.class);
    private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    OutboxFile {
        notices = List.copyOf(notices);
    }

    /** See {@link Outbox#open}. */
    static OutboxFile open(Path file, Path keyFile, Clock clock) throws OutboxException {
        List<String> notices = new ArrayList<>();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new OutboxException("cannot create the folder of outbox " + file + ": " + e.getMessage(), e);
        }
        Path aside = null;
        if (Files.exists(file)) {
            String damage = damage(file);
            if (damage != null) {
                aside = moveAside(file, clock);
                String notice = "outbox " + file + " was damaged (" + damage + "); moved aside to " + aside
                        + " for a technician";
                log.error(notice);
                notices.add(notice);
            }
        }
        PayloadKey key = PayloadKey.read(keyFile);
        Connection connection = null;
        try {
            connection = connect(file);
            String knownKey = OutboxSchema.keyId(connection);
            if (key == null) {
                if (knownKey != null) {
                    throw new OutboxException("outbox " + file + " was sealed with key " + knownKey
                            + ", but the key file " + keyFile + " is missing; restore it (a new key cannot read "
                            + "the stored payloads)");
                }
                key = PayloadKey.create(keyFile);
            } else if (knownKey != null && !knownKey.equals(key.id())) {
                throw new OutboxException("outbox " + file + " was sealed with key " + knownKey + ", but the key file "
                        + keyFile + " holds key " + key.id());
            }
            SealedPayloads payloads = new SealedPayloads(key);
            OutboxSchema.migrate(connection, file, payloads);
            WriteUnit unit = new WriteUnit(file, clock, connection);
            if (aside != null) {
                notices.add(salvage(aside, unit, payloads));
            }
            return new OutboxFile(unit, payloads, notices);
        } catch (SQLException | OutboxException e) {
            WriteUnit.closeQuietly(connection);
            if (e instanceof OutboxException oe) {
                throw oe;
            }
            throw new OutboxException("cannot open outbox " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException, OutboxException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            try (ResultSet mode = s.executeQuery("PRAGMA journal_mode = WAL")) {
                if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
                    WriteUnit.closeQuietly(connection);
                    throw new OutboxException("outbox " + file + " cannot use write-ahead logging");
                }
            }
            s.execute("PRAGMA synchronous = FULL");
            // Deleted and purged content is overwritten, not left in free pages.
            s.execute("PRAGMA secure_delete = ON");
        } catch (SQLException e) {
            WriteUnit.closeQuietly(connection);
            throw e;
        }
        return connection;
    }

    /** What SQLite's integrity check finds wrong with the file, or null when it is sound. */
    private static String damage(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            List<String> problems = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check(5)")) {
                while (rs.next()) {
                    problems.add(rs.getString(1));
                }
            }
            return problems.equals(List.of("ok")) ? null : String.join("; ", problems);
        } catch (SQLException e) {
            if (e instanceof SQLiteException se && isDamage(se.getResultCode())) {
                return se.getResultCode().name();
            }
            // Busy, read-only, cannot open: not damage. Opening proper reports it.
            return null;
        }
    }

    private static boolean isDamage(SQLiteErrorCode code) {
        return code == SQLiteErrorCode.SQLITE_CORRUPT || code == SQLiteErrorCode.SQLITE_NOTADB
                || code.name().startsWith("SQLITE_CORRUPT");
    }

    /** Renames the file and its WAL and shared-memory companions to {@code NAME.corrupt-TIMESTAMP*}. */
    private static Path moveAside(Path file, Clock clock) throws OutboxException {
        String stamp = ASIDE_STAMP.format(clock.instant().atZone(ZoneOffset.UTC));
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
        try {
            for (String suffix : List.of("-wal", "-shm", "")) {
                Path from = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(from)) {
                    Files.move(from, aside.resolveSibling(aside.getFileName() + suffix));
                }
            }
            return aside;
        } catch (IOException e) {
            throw new OutboxException("outbox " + file + " is damaged and cannot be moved aside: " + e.getMessage(),
                    e);
        }
    }

    /** Copies every row still readable from a damaged file; answers what it did, for the report. */
    private static String salvage(Path damaged, WriteUnit unit, SealedPayloads payloads) {
        int copied = 0;
        String stopped = null;
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + damaged.toAbsolutePath(),
                        readOnly.toProperties());
                Statement s = old.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, kind, item_code, session_id, created_at, payload, "
                        + "payload_bytes, state, attempts, receipt_no, reject_code, reject_message, delivered_at "
                        + "FROM transactions ORDER BY rowid")) {
            while (rs.next()) {
                Object payload = rs.getObject(6);
                byte[] sealed = payload instanceof String clear ? payloads.seal(rs.getString(1), clear)
                        : (byte[]) payload;
                unit.write("salvage a row", connection -> {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO transactions (id, kind, "
                            + "item_code, session_id, created_at, payload, payload_bytes, state, attempts, receipt_no, "
                            + "reject_code, reject_message, delivered_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
                            + "ON CONFLICT (id) DO NOTHING")) {
                        for (int i = 1; i <= 13; i++) {
                            insert.setObject(i, i == 6 ? sealed : rs.getObject(i));
                        }
                        return insert.executeUpdate();
                    }
                });
                copied++;
            }
        } catch (SQLException | OutboxException | RuntimeException e) {
            stopped = e.getMessage();
        }
        String report = "salvaged " + copied + " transaction(s) from " + damaged
                + (stopped == null ? "" : "; the rest could not be read (" + stopped + ")");
        log.error(report);
        return report;
    }
}
