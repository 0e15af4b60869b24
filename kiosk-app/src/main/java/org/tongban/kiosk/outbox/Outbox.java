package org.tongban.kiosk.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import org.tongban.kiosk.platform.ContractJson;
import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platform.TransactionKind;
import org.tongban.kiosk.platform.TransactionResult;

/**
 * The durable queue of what the terminal owes the platform, in one SQLite file. A citizen's finished step and
 * the transactions it produced are committed together ({@link #completeStep}); the sync worker then delivers
 * them, however long the platform is away. WAL with {@code synchronous=FULL}: a commit that returned survives a
 * power cut.
 *
 * <p>One connection, used under this object's lock: the kiosk has one writer process, and SQLite serialises
 * writers anyway.
 */
public final class Outbox implements AutoCloseable {

    /**
     * The most payload bytes a batch may carry: the contract's 8 MiB less room for the batch envelope. A single
     * transaction must fit, or it could never be delivered.
     */
    public static final int MAX_PAYLOAD_BYTES = PlatformClient.MAX_BATCH_BYTES - 1024;

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final java.time.format.DateTimeFormatter ASIDE_STAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

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

    private static final String ENTRY_COLUMNS = "id, kind, item_code, session_id, created_at, state, attempts, "
            + "next_attempt_at, last_error, receipt_no, reject_code, reject_message, delivered_at, purged_at";

    private final Path file;
    private final Clock clock;
    private final Connection connection;
    private final PayloadKey key;
    private final List<String> notices;
    private final ContractJson json = new ContractJson();
    private final List<Consumer<Optional<StorageProblem>>> storageListeners = new CopyOnWriteArrayList<>();
    private volatile StorageProblem storageProblem;

    private Outbox(Path file, Clock clock, Connection connection, PayloadKey key, List<String> notices) {
        this.file = file;
        this.clock = clock;
        this.connection = connection;
        this.key = key;
        this.notices = new CopyOnWriteArrayList<>(notices);
    }

    /**
     * Opens (creating, checking or migrating) the outbox file. A file that fails SQLite's integrity check is
     * moved aside (never deleted), what can still be read of it is copied into a new file, and the move is
     * reported in {@link #notices()} and the log.
     *
     * @param keyFile the SM4 key that seals payloads; created (mode 600) when neither it nor the outbox exists
     * @param clock   stamps deliveries and ages pending transactions
     * @throws OutboxException when the file cannot be opened or written, or the key does not fit the file
     */
    public static Outbox open(Path file, Path keyFile, Clock clock) throws OutboxException {
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
            String knownKey = keyId(connection);
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
            migrate(connection, file, key);
            Outbox outbox = new Outbox(file, clock, connection, key, notices);
            if (aside != null) {
                outbox.notices.add(outbox.salvage(aside));
            }
            return outbox;
        } catch (SQLException | OutboxException e) {
            closeQuietly(connection);
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
                    closeQuietly(connection);
                    throw new OutboxException("outbox " + file + " cannot use write-ahead logging");
                }
            }
            s.execute("PRAGMA synchronous = FULL");
            // Deleted and purged content is overwritten, not left in free pages.
            s.execute("PRAGMA secure_delete = ON");
        } catch (SQLException e) {
            closeQuietly(connection);
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
        String stamp = ASIDE_STAMP.format(clock.instant().atZone(java.time.ZoneOffset.UTC));
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
    private String salvage(Path damaged) {
        int copied = 0;
        String stopped = null;
        org.sqlite.SQLiteConfig readOnly = new org.sqlite.SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + damaged.toAbsolutePath(),
                        readOnly.toProperties());
                Statement s = old.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, kind, item_code, session_id, created_at, payload, "
                        + "payload_bytes, state, attempts, receipt_no, reject_code, reject_message, delivered_at "
                        + "FROM transactions ORDER BY rowid")) {
            while (rs.next()) {
                Object payload = rs.getObject(6);
                byte[] sealed = payload instanceof String clear
                        ? key.seal(clear.getBytes(StandardCharsets.UTF_8), rs.getString(1).getBytes(StandardCharsets.UTF_8))
                        : (byte[]) payload;
                write("salvage a row", () -> {
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

    private static String keyId(Connection connection) throws SQLException {
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

    private static void migrate(Connection connection, Path file, PayloadKey key) throws SQLException,
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
            int sealed = version < SEALED_SINCE ? sealClearPayloads(connection, key) : 0;
            try (PreparedStatement put = connection.prepareStatement(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")) {
                put.setString(1, KEY_ID);
                put.setString(2, key.id());
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

    private static int sealClearPayloads(Connection connection, PayloadKey key) throws SQLException {
        int n = 0;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, payload FROM transactions WHERE typeof(payload) = 'text'");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE transactions SET payload = ? WHERE id = ?")) {
            while (rs.next()) {
                String id = rs.getString(1);
                update.setBytes(1, key.seal(rs.getString(2).getBytes(StandardCharsets.UTF_8),
                        id.getBytes(StandardCharsets.UTF_8)));
                update.setString(2, id);
                update.addBatch();
                n++;
            }
            update.executeBatch();
        }
        return n;
    }

    /** What opening found and did that a technician must know (a damaged file moved aside); empty normally. */
    public List<String> notices() {
        return List.copyOf(notices);
    }

    /** The key's fingerprint, as recorded in the file. */
    public String keyId() {
        return key.id();
    }

    public Path file() {
        return file;
    }

    // ---- writes ----------------------------------------------------------------------------------------------

    /**
     * Queues one transaction. Enqueuing an id that is already there changes nothing.
     *
     * @return true when it was new
     */
    public boolean enqueue(Transaction transaction) throws OutboxException {
        String payload = payloadOf(transaction);
        return write("enqueue " + transaction.id(), () -> insert(transaction, payload));
    }

    /**
     * Records a finished step and the transactions it owes the platform in one SQLite transaction: either all
     * of them are on disk afterwards or none is. Completing a step again changes nothing (the step row and the
     * transactions, keyed by their ids, are already there).
     *
     * @return true when the step was new
     */
    public boolean completeStep(StepRecord step, List<Transaction> transactions) throws OutboxException {
        List<String> payloads = new ArrayList<>(transactions.size());
        for (Transaction t : transactions) {
            payloads.add(payloadOf(t));
        }
        return write("complete step " + step.step() + " of session " + step.sessionId(), () -> {
            boolean added = insertStep(step);
            for (int i = 0; i < transactions.size(); i++) {
                insert(transactions.get(i), payloads.get(i));
            }
            return added;
        });
    }

    // ---- print jobs --------------------------------------------------------------------------------------------

    /** Records a composed job as QUEUED, before anything goes to a printer. */
    public void queuePrintJob(String id, String sessionId, String step, String title) throws OutboxException {
        write("queue print job " + id, () -> {
            long now = clock.millis();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO print_jobs (id, session_id, step, "
                    + "title, state, created_at, updated_at) VALUES (?, ?, ?, ?, 'QUEUED', ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, sessionId);
                insert.setString(3, step);
                insert.setString(4, title);
                insert.setLong(5, now);
                insert.setLong(6, now);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Moves a job along QUEUED → SENT → PRINTING, or to FAILED from any state that is not final; null
     * {@code destination} and {@code detail} keep what is recorded.
     *
     * @return false when the job was not in a state that allows the move (nothing changed)
     */
    public boolean movePrintJob(String id, PrintJobState next, String destination, String detail)
            throws OutboxException {
        String from = switch (next) {
            case SENT -> "'QUEUED', 'SENT'"; // SENT again only adds where it went
            case PRINTING -> "'SENT'";
            case FAILED -> "'QUEUED', 'SENT', 'PRINTING'";
            default -> throw new IllegalArgumentException("a job becomes " + next + " only through completePrintJob");
        };
        return write("move print job " + id + " to " + next, () -> updateJob(id, next, from, destination, detail));
    }

    /**
     * The job came out: DONE, with the step's record and its transactions, in one SQLite transaction.
     *
     * @return false when the job was not SENT or PRINTING (then nothing is written)
     */
    public boolean completePrintJob(String id, String destination, StepRecord step, List<Transaction> transactions)
            throws OutboxException {
        List<String> payloads = new ArrayList<>(transactions.size());
        for (Transaction t : transactions) {
            payloads.add(payloadOf(t));
        }
        return write("complete print job " + id, () -> {
            if (!updateJob(id, PrintJobState.DONE, "'SENT', 'PRINTING'", destination, null)) {
                return false;
            }
            insertStep(step);
            for (int i = 0; i < transactions.size(); i++) {
                insert(transactions.get(i), payloads.get(i));
            }
            return true;
        });
    }

    /**
     * Closes the jobs a crash or power cut left open: whether they printed is unknown, so they become FAILED
     * (kept for a technician), never sent again by themselves. Answers them as they were.
     */
    public List<PrintJobRecord> closeInterruptedPrintJobs() throws OutboxException {
        List<PrintJobRecord> open = printJobs("WHERE state IN ('QUEUED', 'SENT', 'PRINTING') ORDER BY created_at");
        for (PrintJobRecord job : open) {
            movePrintJob(job.id(), PrintJobState.FAILED, job.destination(), job.state() == PrintJobState.QUEUED
                    ? "interrupted before it was sent: nothing printed"
                    : "interrupted after it was sent (" + job.state() + "): it may have printed; not sent again");
        }
        return open;
    }

    public synchronized Optional<PrintJobRecord> findPrintJob(String id) throws OutboxException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, session_id, step, title, state, "
                + "destination, detail, created_at, updated_at FROM print_jobs WHERE id = ?")) {
            select.setString(1, id);
            return readJobs(select).stream().findFirst();
        } catch (SQLException e) {
            throw failure("read print job " + id, e);
        }
    }

    /** A session's print jobs, oldest first. */
    public List<PrintJobRecord> printJobsOf(String sessionId) throws OutboxException {
        return printJobs("WHERE session_id = ? ORDER BY created_at, rowid", sessionId);
    }

    private List<PrintJobRecord> printJobs(String where) throws OutboxException {
        return printJobs(where, null);
    }

    private synchronized List<PrintJobRecord> printJobs(String where, String parameter) throws OutboxException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, session_id, step, title, state, "
                + "destination, detail, created_at, updated_at FROM print_jobs " + where)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            return readJobs(select);
        } catch (SQLException e) {
            throw failure("read print jobs", e);
        }
    }

    private static List<PrintJobRecord> readJobs(PreparedStatement select) throws SQLException {
        List<PrintJobRecord> jobs = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                jobs.add(new PrintJobRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        PrintJobState.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7),
                        Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9))));
            }
        }
        return jobs;
    }

    private boolean updateJob(String id, PrintJobState next, String fromStates, String destination, String detail)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE print_jobs SET state = ?, "
                + "destination = coalesce(?, destination), detail = coalesce(?, detail), updated_at = ? "
                + "WHERE id = ? AND state IN (" + fromStates + ")")) {
            update.setString(1, next.name());
            update.setString(2, destination);
            update.setString(3, detail);
            update.setLong(4, clock.millis());
            update.setString(5, id);
            return update.executeUpdate() == 1;
        }
    }

    /** The platform holds the transaction; keeps the first receipt if told twice. */
    public void markDelivered(UUID id, String receiptNo) throws OutboxException {
        write("mark " + id + " delivered", () -> {
            delivered(id, receiptNo, clock.millis());
            return null;
        });
    }

    /** The platform refused the transaction for good: it stays for a technician and is never retried. */
    public void markRejected(UUID id, String code, String message) throws OutboxException {
        write("mark " + id + " rejected", () -> {
            rejected(id, code, message);
            return null;
        });
    }

    /** Applies a batch's verdicts in one SQLite transaction. */
    public void record(List<TransactionResult> results) throws OutboxException {
        write("record " + results.size() + " results", () -> {
            long now = clock.millis();
            for (TransactionResult r : results) {
                if (r.delivered()) {
                    delivered(r.id(), r.receiptNo(), now);
                } else {
                    rejected(r.id(), r.code(), r.message());
                }
            }
            return null;
        });
    }

    /** Nothing is known about these: try them again at {@code nextAttemptAt}. */
    public void markRetry(Collection<UUID> ids, Instant nextAttemptAt, String error) throws OutboxException {
        write("schedule " + ids.size() + " retries", () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE transactions SET attempts = "
                    + "attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'PENDING'")) {
                for (UUID id : ids) {
                    update.setLong(1, nextAttemptAt.toEpochMilli());
                    update.setString(2, error);
                    update.setString(3, id.toString());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    /** Makes every PENDING transaction that waits for a later attempt due at {@code now}; answers how many. */
    public int dueNow(Instant now) throws OutboxException {
        return write("make pending transactions due", () -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE transactions SET next_attempt_at = ? WHERE state = 'PENDING' AND next_attempt_at > ?")) {
                update.setLong(1, now.toEpochMilli());
                update.setLong(2, now.toEpochMilli());
                return update.executeUpdate();
            }
        });
    }

    /**
     * Retention: drops the payloads (the personal data) of transactions delivered before {@code before}; their
     * bookkeeping (id, kind, item, state, receipt, times) stays for the journal. Answers how many were purged.
     */
    public int purgeDelivered(Instant before) throws OutboxException {
        return write("purge delivered payloads", () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE transactions SET payload = NULL, "
                    + "purged_at = ? WHERE state = 'DELIVERED' AND delivered_at < ? AND payload IS NOT NULL")) {
                update.setLong(1, clock.millis());
                update.setLong(2, before.toEpochMilli());
                return update.executeUpdate();
            }
        });
    }

    /**
     * A technician fixed what the platform refused (or the cause went away): the REJECTED transaction is queued
     * again, due now, with the same id. Answers false when there is no REJECTED transaction with that id.
     */
    public boolean retry(UUID id) throws OutboxException {
        return write("re-queue " + id, () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE transactions SET state = 'PENDING', "
                    + "next_attempt_at = 0, reject_code = NULL, reject_message = NULL WHERE id = ? "
                    + "AND state = 'REJECTED' AND payload IS NOT NULL")) {
                update.setString(1, id.toString());
                return update.executeUpdate() == 1;
            }
        });
    }

    // ---- reads -----------------------------------------------------------------------------------------------

    /**
     * The next batch to deliver: pending transactions due at {@code now}, oldest first, at most {@code maxCount}
     * and at most {@code maxBytes} of payload (one byte per separator included). The first one is always
     * returned: every payload fits {@link #MAX_PAYLOAD_BYTES}.
     */
    public synchronized List<Transaction> nextBatch(Instant now, int maxCount, long maxBytes)
            throws OutboxException {
        List<Transaction> batch = new ArrayList<>();
        List<UUID> unreadable = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, payload, payload_bytes FROM "
                + "transactions WHERE state = 'PENDING' AND next_attempt_at <= ? ORDER BY created_at, rowid LIMIT ?")) {
            select.setLong(1, now.toEpochMilli());
            select.setInt(2, maxCount);
            long bytes = 0;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    bytes += rs.getLong(3) + 1;
                    if (bytes > maxBytes && !batch.isEmpty()) {
                        break;
                    }
                    Transaction t = unseal(rs.getString(1), rs.getObject(2));
                    if (t == null) {
                        unreadable.add(UUID.fromString(rs.getString(1)));
                    } else {
                        batch.add(t);
                    }
                }
            }
        } catch (SQLException e) {
            throw noted(failure("read the next batch", e), e);
        }
        // A payload this software cannot read would block the queue forever; park it for a technician.
        for (UUID id : unreadable) {
            log.error("outbox payload of {} is unreadable; marked rejected", id);
            markRejected(id, "LOCAL_UNREADABLE_PAYLOAD", "the stored transaction cannot be read");
        }
        return batch;
    }

    public synchronized OutboxStatus status() throws OutboxException {
        long pending = 0;
        long delivered = 0;
        long rejected = 0;
        Duration oldest = Duration.ZERO;
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT state, count(*) FROM transactions GROUP BY state")) {
                while (rs.next()) {
                    switch (OutboxState.valueOf(rs.getString(1))) {
                        case PENDING -> pending = rs.getLong(2);
                        case DELIVERED -> delivered = rs.getLong(2);
                        case REJECTED -> rejected = rs.getLong(2);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT min(created_at) FROM transactions WHERE state = 'PENDING'")) {
                long min = rs.getLong(1);
                if (!rs.wasNull()) {
                    Duration age = Duration.ofMillis(clock.millis() - min);
                    oldest = age.isNegative() ? Duration.ZERO : age;
                }
            }
        } catch (SQLException e) {
            throw failure("read the status", e);
        }
        return new OutboxStatus(pending, delivered, rejected, oldest);
    }

    /** The transactions the platform refused, oldest first, for the technician screen. */
    public synchronized List<OutboxEntry> rejected() throws OutboxException {
        return entries("WHERE state = 'REJECTED' ORDER BY created_at, rowid", null);
    }

    /** Every transaction the outbox holds, oldest first (payloads left out). */
    public synchronized List<OutboxEntry> all() throws OutboxException {
        return entries("ORDER BY created_at, rowid", null);
    }

    /**
     * The PENDING transactions in full, oldest first, for an export carried to the platform by hand. A payload
     * that cannot be read is left out and named in the log.
     */
    public synchronized List<Transaction> pendingTransactions() throws OutboxException {
        List<Transaction> out = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, payload FROM transactions "
                + "WHERE state = 'PENDING' ORDER BY created_at, rowid");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Transaction t = unseal(rs.getString(1), rs.getObject(2));
                if (t == null) {
                    log.error("outbox payload of {} is unreadable; left out", rs.getString(1));
                } else {
                    out.add(t);
                }
            }
        } catch (SQLException e) {
            throw failure("read pending transactions", e);
        }
        return out;
    }

    public synchronized Optional<OutboxEntry> find(UUID id) throws OutboxException {
        return entries("WHERE id = ?", id.toString()).stream().findFirst();
    }

    public synchronized Optional<StepRecord> findStep(String sessionId, String step) throws OutboxException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT completed_at, state FROM steps WHERE session_id = ? AND step = ?")) {
            select.setString(1, sessionId);
            select.setString(2, step);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StepRecord(sessionId, step, Instant.ofEpochMilli(rs.getLong(1)),
                        rs.getString(2)));
            }
        } catch (SQLException e) {
            throw failure("read step " + step, e);
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(connection);
    }

    // ---- internals -------------------------------------------------------------------------------------------

    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} as one SQLite transaction; on any failure it is rolled back whole. */
    private synchronized <T> T write(String what, Work<T> work) throws OutboxException {
        T result;
        try {
            connection.setAutoCommit(false);
            try {
                result = work.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException afterRollback) {
                    // SQLite may have rolled back by itself (SQLITE_FULL does): nothing is left to end.
                    e.addSuppressed(afterRollback);
                }
                throw e;
            }
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw noted(failure(what, e), e);
        }
        if (storageProblem != null) {
            storageProblem = null;
            log.info("outbox {} writes again", file);
            storageListeners.forEach(l -> l.accept(Optional.empty()));
        }
        return result;
    }

    /** Remembers a failure of the file itself (full, read-only, damaged) for the status bar and technicians. */
    private OutboxException noted(OutboxException failure, SQLException cause) {
        StorageProblem.Kind kind = StorageProblem.kindOf(cause);
        if (kind != null) {
            boolean changed = storageProblem == null || storageProblem.kind() != kind;
            StorageProblem problem = new StorageProblem(kind, failure.getMessage(),
                    changed ? clock.instant() : storageProblem.since());
            storageProblem = problem;
            if (changed) {
                log.error("outbox storage problem: {}", failure.getMessage());
                storageListeners.forEach(l -> l.accept(Optional.of(problem)));
            }
        }
        return failure;
    }

    /** What is wrong with the outbox file now, if anything: new submissions fail until a write succeeds again. */
    public Optional<StorageProblem> storageProblem() {
        return Optional.ofNullable(storageProblem);
    }

    /** Hears when a storage problem appears (with it) and when it clears (empty); on the writing thread. */
    public void addStorageListener(Consumer<Optional<StorageProblem>> listener) {
        storageListeners.add(listener);
    }

    /**
     * The outbox's own connection, for tests that stand in for a full disk ({@code max_page_count}) or a
     * read-only mount ({@code query_only}): SQLite then fails with the same codes as the real conditions.
     */
    Connection connectionForTests() {
        return connection;
    }

    private OutboxException failure(String what, SQLException e) {
        // SQLite's message names the cause plainly: "[SQLITE_FULL] ... (database or disk is full)".
        return new OutboxException("outbox " + file + ": cannot " + what + ": " + e.getMessage(), e);
    }

    private String payloadOf(Transaction transaction) throws OutboxException {
        String payload = json.writeTransaction(transaction);
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PAYLOAD_BYTES) {
            throw new OutboxException("transaction " + transaction.id() + " is " + bytes + " bytes; the platform "
                    + "takes at most " + MAX_PAYLOAD_BYTES + " per batch");
        }
        return payload;
    }

    private boolean insertStep(StepRecord step) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO steps (session_id, step, "
                + "completed_at, state) VALUES (?, ?, ?, ?) ON CONFLICT (session_id, step) DO NOTHING")) {
            insert.setString(1, step.sessionId());
            insert.setString(2, step.step());
            insert.setLong(3, step.completedAt().toEpochMilli());
            insert.setString(4, step.stateJson());
            return insert.executeUpdate() == 1;
        }
    }

    private boolean insert(Transaction t, String payload) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO transactions (id, kind, item_code, "
                + "session_id, created_at, payload, payload_bytes, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING') "
                + "ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, t.id().toString());
            insert.setString(2, t.kind().name());
            insert.setString(3, t.itemCode());
            insert.setString(4, t.sessionId());
            insert.setLong(5, t.createdAt().toEpochMilli());
            byte[] clear = payload.getBytes(StandardCharsets.UTF_8);
            insert.setBytes(6, key.seal(clear, t.id().toString().getBytes(StandardCharsets.UTF_8)));
            insert.setInt(7, clear.length);
            return insert.executeUpdate() == 1;
        }
    }

    /** The transaction in a stored payload, or null when it cannot be read (altered, wrong key, purged). */
    private Transaction unseal(String id, Object payload) {
        if (!(payload instanceof byte[] sealed)) {
            return null;
        }
        try {
            return json.readTransaction(new String(key.open(sealed, id.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8));
        } catch (IOException | OutboxException e) {
            return null;
        }
    }

    private void delivered(UUID id, String receiptNo, long at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE transactions SET state = 'DELIVERED', "
                + "receipt_no = ?, delivered_at = ?, last_error = NULL WHERE id = ? AND state = 'PENDING'")) {
            update.setString(1, receiptNo);
            update.setLong(2, at);
            update.setString(3, id.toString());
            update.executeUpdate();
        }
    }

    private void rejected(UUID id, String code, String message) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE transactions SET state = 'REJECTED', "
                + "reject_code = ?, reject_message = ? WHERE id = ? AND state = 'PENDING'")) {
            update.setString(1, code);
            update.setString(2, message);
            update.setString(3, id.toString());
            update.executeUpdate();
        }
    }

    private List<OutboxEntry> entries(String where, String parameter) throws OutboxException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + ENTRY_COLUMNS + " FROM transactions " + where)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            List<OutboxEntry> out = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long deliveredAt = rs.getLong(13);
                    Instant delivered = rs.wasNull() ? null : Instant.ofEpochMilli(deliveredAt);
                    long purgedAt = rs.getLong(14);
                    Instant purged = rs.wasNull() ? null : Instant.ofEpochMilli(purgedAt);
                    out.add(new OutboxEntry(UUID.fromString(rs.getString(1)), TransactionKind.valueOf(rs.getString(2)),
                            rs.getString(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)),
                            OutboxState.valueOf(rs.getString(6)), rs.getInt(7), Instant.ofEpochMilli(rs.getLong(8)),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), delivered,
                            purged));
                }
            }
            return out;
        } catch (SQLException e) {
            throw noted(failure("read entries", e), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("closing the outbox failed: {}", e.getMessage());
            }
        }
    }
}
