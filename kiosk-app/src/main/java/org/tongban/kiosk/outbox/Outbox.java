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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
            )"""), List.of(
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
            "CREATE INDEX print_jobs_open ON print_jobs (state)"));

    private static final String ENTRY_COLUMNS = "id, kind, item_code, session_id, created_at, state, attempts, "
            + "next_attempt_at, last_error, receipt_no, reject_code, reject_message, delivered_at";

    private final Path file;
    private final Clock clock;
    private final Connection connection;
    private final ContractJson json = new ContractJson();

    private Outbox(Path file, Clock clock, Connection connection) {
        this.file = file;
        this.clock = clock;
        this.connection = connection;
    }

    public static Outbox open(Path file) throws OutboxException {
        return open(file, Clock.systemUTC());
    }

    /**
     * Opens (creating or migrating) the outbox file.
     *
     * @param clock stamps deliveries and ages pending transactions
     */
    public static Outbox open(Path file, Clock clock) throws OutboxException {
        Connection connection = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000");
                try (ResultSet mode = s.executeQuery("PRAGMA journal_mode = WAL")) {
                    if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
                        throw new OutboxException("outbox " + file + " cannot use write-ahead logging");
                    }
                }
                s.execute("PRAGMA synchronous = FULL");
            }
            migrate(connection, file);
            return new Outbox(file, clock, connection);
        } catch (SQLException | IOException | OutboxException e) {
            closeQuietly(connection);
            if (e instanceof OutboxException oe) {
                throw oe;
            }
            throw new OutboxException("cannot open outbox " + file + ": " + e.getMessage(), e);
        }
    }

    private static void migrate(Connection connection, Path file) throws SQLException, OutboxException {
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
            s.execute("PRAGMA user_version = " + MIGRATIONS.size());
            connection.commit();
            log.info("outbox {} migrated from schema {} to {}", file, version, MIGRATIONS.size());
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
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

    /** Forgets delivered transactions older than {@code before}; answers how many. */
    public int purgeDelivered(Instant before) throws OutboxException {
        return write("purge delivered", () -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM transactions WHERE state = 'DELIVERED' AND delivered_at < ?")) {
                delete.setLong(1, before.toEpochMilli());
                return delete.executeUpdate();
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
                    try {
                        batch.add(json.readTransaction(rs.getString(2)));
                    } catch (IOException e) {
                        unreadable.add(UUID.fromString(rs.getString(1)));
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("read the next batch", e);
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
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
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
            insert.setString(6, payload);
            insert.setInt(7, payload.getBytes(StandardCharsets.UTF_8).length);
            return insert.executeUpdate() == 1;
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
                    out.add(new OutboxEntry(UUID.fromString(rs.getString(1)), TransactionKind.valueOf(rs.getString(2)),
                            rs.getString(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)),
                            OutboxState.valueOf(rs.getString(6)), rs.getInt(7), Instant.ofEpochMilli(rs.getLong(8)),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), delivered));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read entries", e);
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
