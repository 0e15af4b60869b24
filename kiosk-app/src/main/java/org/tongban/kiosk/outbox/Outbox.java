package org.tongban.kiosk.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platform.TransactionResult;

/**
 * The durable queue of what the terminal owes the platform, in one SQLite file. A citizen's finished step and
 * the transactions it produced are committed together ({@link #completeStep}); the sync worker then delivers
 * them, however long the platform is away.
 *
 * <p>A façade over the parts that do the work: {@link OutboxFile} opens (checks, salvages, migrates) the file,
 * {@link TransactionQueue} holds the transactions, {@link PrintJobs} runs the print jobs' state machine, and
 * both write through the one {@link WriteUnit}, so a job's DONE and its step's record are one SQLite transaction.
 */
public final class Outbox implements AutoCloseable {

    /**
     * The most payload bytes a batch may carry: the contract's 8 MiB less room for the batch envelope. A single
     * transaction must fit, or it could never be delivered.
     */
    public static final int MAX_PAYLOAD_BYTES = PlatformClient.MAX_BATCH_BYTES - 1024;

    private final OutboxFile file;
    private final WriteUnit unit;
    private final TransactionQueue queue;
    private final PrintJobs printJobs;

    private Outbox(OutboxFile file, Clock clock) {
        this.file = file;
        this.unit = file.unit();
        this.queue = new TransactionQueue(unit, file.payloads(), clock);
        this.printJobs = new PrintJobs(unit, queue, clock);
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
        return new Outbox(OutboxFile.open(file, keyFile, clock), clock);
    }

    /** What opening found and did that a technician must know (a damaged file moved aside); empty normally. */
    public List<String> notices() {
        return file.notices();
    }

    /** The key's fingerprint, as recorded in the file. */
    public String keyId() {
        return file.payloads().keyId();
    }

    public Path file() {
        return unit.file();
    }

    // ---- transactions ------------------------------------------------------------------------------------------

    /**
     * Queues one transaction. Enqueuing an id that is already there changes nothing.
     *
     * @return true when it was new
     */
    public boolean enqueue(Transaction transaction) throws OutboxException {
        return queue.enqueue(transaction);
    }

    /**
     * Records a finished step and the transactions it owes the platform in one SQLite transaction: either all
     * of them are on disk afterwards or none is. Completing a step again changes nothing (the step row and the
     * transactions, keyed by their ids, are already there).
     *
     * @return true when the step was new
     */
    public boolean completeStep(StepRecord step, List<Transaction> transactions) throws OutboxException {
        return queue.completeStep(queue.completed(step, transactions));
    }

    /** The platform holds the transaction; keeps the first receipt if told twice. */
    public void markDelivered(UUID id, String receiptNo) throws OutboxException {
        queue.markDelivered(id, receiptNo);
    }

    /** The platform refused the transaction for good: it stays for a technician and is never retried. */
    public void markRejected(UUID id, String code, String message) throws OutboxException {
        queue.markRejected(id, code, message);
    }

    /** Applies a batch's verdicts in one SQLite transaction. */
    public void record(List<TransactionResult> results) throws OutboxException {
        queue.record(results);
    }

    /** Nothing is known about these: try them again at {@code nextAttemptAt}. */
    public void markRetry(Collection<UUID> ids, Instant nextAttemptAt, String error) throws OutboxException {
        queue.markRetry(ids, nextAttemptAt, error);
    }

    /** Makes every PENDING transaction that waits for a later attempt due at {@code now}; answers how many. */
    public int dueNow(Instant now) throws OutboxException {
        return queue.dueNow(now);
    }

    /**
     * Retention: drops the payloads (the personal data) of transactions delivered before {@code before}; their
     * bookkeeping (id, kind, item, state, receipt, times) stays for the journal. Answers how many were purged.
     */
    public int purgeDelivered(Instant before) throws OutboxException {
        return queue.purgeDelivered(before);
    }

    /**
     * A technician fixed what the platform refused (or the cause went away): the REJECTED transaction is queued
     * again, due now, with the same id. Answers false when there is no REJECTED transaction with that id.
     */
    public boolean retry(UUID id) throws OutboxException {
        return queue.retry(id);
    }

    /**
     * The next batch to deliver: pending transactions due at {@code now}, oldest first, at most {@code maxCount}
     * and at most {@code maxBytes} of payload (one byte per separator included). The first one is always
     * returned: every payload fits {@link #MAX_PAYLOAD_BYTES}. A payload that cannot be read is marked rejected.
     */
    public List<Transaction> nextBatch(Instant now, int maxCount, long maxBytes) throws OutboxException {
        return queue.nextBatch(now, maxCount, maxBytes);
    }

    public OutboxStatus status() throws OutboxException {
        return queue.status();
    }

    /** The transactions the platform refused, oldest first, for the technician screen. */
    public List<OutboxEntry> rejected() throws OutboxException {
        return queue.entries("WHERE state = 'REJECTED' ORDER BY created_at, rowid", null);
    }

    /** Every transaction the outbox holds, oldest first (payloads left out). */
    public List<OutboxEntry> all() throws OutboxException {
        return queue.entries("ORDER BY created_at, rowid", null);
    }

    /**
     * The PENDING transactions in full, oldest first, for an export carried to the platform by hand. A payload
     * that cannot be read is left out and named in the log.
     */
    public List<Transaction> pendingTransactions() throws OutboxException {
        return queue.pendingTransactions();
    }

    public Optional<OutboxEntry> find(UUID id) throws OutboxException {
        return queue.entries("WHERE id = ?", id.toString()).stream().findFirst();
    }

    public Optional<StepRecord> findStep(String sessionId, String step) throws OutboxException {
        return queue.findStep(sessionId, step);
    }

    // ---- print jobs --------------------------------------------------------------------------------------------

    /** Records a composed job as QUEUED, before anything goes to a printer. */
    public void queuePrintJob(String id, String sessionId, String step, String title) throws OutboxException {
        printJobs.queue(id, sessionId, step, title);
    }

    /**
     * Moves a job along QUEUED → SENT → PRINTING, or to FAILED from any state that is not final; null
     * {@code destination} and {@code detail} keep what is recorded.
     *
     * @return false when the job was not in a state that allows the move (nothing changed)
     */
    public boolean movePrintJob(String id, PrintJobState next, String destination, String detail)
            throws OutboxException {
        return printJobs.move(id, next, destination, detail);
    }

    /**
     * The job came out: DONE, with the step's record and its transactions, in one SQLite transaction.
     *
     * @return false when the job was not SENT or PRINTING (then nothing is written)
     */
    public boolean completePrintJob(String id, String destination, StepRecord step, List<Transaction> transactions)
            throws OutboxException {
        return printJobs.complete(id, destination, queue.completed(step, transactions));
    }

    /**
     * Closes the jobs a crash or power cut left open: whether they printed is unknown, so they become FAILED
     * (kept for a technician), never sent again by themselves. Answers them as they were.
     */
    public List<PrintJobRecord> closeInterruptedPrintJobs() throws OutboxException {
        return printJobs.closeInterrupted();
    }

    public Optional<PrintJobRecord> findPrintJob(String id) throws OutboxException {
        return printJobs.find(id);
    }

    /** A session's print jobs, oldest first. */
    public List<PrintJobRecord> printJobsOf(String sessionId) throws OutboxException {
        return printJobs.of(sessionId);
    }

    // ---- the file ----------------------------------------------------------------------------------------------

    /** What is wrong with the outbox file now, if anything: new submissions fail until a write succeeds again. */
    public Optional<StorageProblem> storageProblem() {
        return unit.storageProblem();
    }

    /** Hears when a storage problem appears (with it) and when it clears (empty); on the writing thread. */
    public void addStorageListener(Consumer<Optional<StorageProblem>> listener) {
        unit.addStorageListener(listener);
    }

    /**
     * The outbox's own connection, for tests that stand in for a full disk ({@code max_page_count}) or a
     * read-only mount ({@code query_only}): SQLite then fails with the same codes as the real conditions.
     */
    Connection connectionForTests() {
        return unit.connectionForTests();
    }

    @Override
    public void close() {
        unit.close();
    }
}
