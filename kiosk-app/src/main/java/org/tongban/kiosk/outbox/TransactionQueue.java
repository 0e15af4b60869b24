package org.tongban.kiosk.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
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

import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platform.TransactionKind;
import org.tongban.kiosk.platform.TransactionResult;

/**
 * The transactions the terminal owes the platform and the finished steps that produced them: queued, handed out
 * in batches, and marked with the platform's verdicts. The methods are {@link Outbox}'s; see it for what they
 * promise.
 */
final class TransactionQueue {

    private static final Logger log = LoggerFactory.getLogger(TransactionQueue.class);

    private static final String ENTRY_COLUMNS = "id, kind, item_code, session_id, created_at, state, attempts, "
            + "next_attempt_at, last_error, receipt_no, reject_code, reject_message, delivered_at, purged_at";

    /**
     * A finished step and the transactions it owes, their payloads already written out and checked: what a unit of
     * work records (alone, or with a print job's DONE).
     */
    record CompletedStep(StepRecord step, List<Transaction> transactions, List<String> payloads) {
    }

    private static final String INSERT_STEP = "INSERT INTO steps (session_id, step, completed_at, state) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (session_id, step) DO NOTHING";
    private static final String INSERT_TRANSACTION = "INSERT INTO transactions (id, kind, item_code, session_id, "
            + "created_at, payload, payload_bytes, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING') "
            + "ON CONFLICT (id) DO NOTHING";

    private final WriteUnit unit;
    private final SealedPayloads payloads;
    private final Clock clock;

    TransactionQueue(WriteUnit unit, SealedPayloads payloads, Clock clock) {
        this.unit = unit;
        this.payloads = payloads;
        this.clock = clock;
    }

    // ---- writes ----------------------------------------------------------------------------------------------

    boolean enqueue(Transaction transaction) throws OutboxException {
        String payload = payloads.clearText(transaction);
        return unit.write("enqueue " + transaction.id(), c -> insert(transaction, payload));
    }

    /** Checks every payload before the unit of work starts: a transaction that can never be sent writes nothing. */
    CompletedStep completed(StepRecord step, List<Transaction> transactions) throws OutboxException {
        List<String> clear = new ArrayList<>(transactions.size());
        for (Transaction t : transactions) {
            clear.add(payloads.clearText(t));
        }
        return new CompletedStep(step, List.copyOf(transactions), clear);
    }

    boolean completeStep(CompletedStep completed) throws OutboxException {
        StepRecord step = completed.step();
        return unit.write("complete step " + step.step() + " of session " + step.sessionId(),
                c -> record(c, completed));
    }

    /** Inside a caller's unit of work: the step's row and its transactions. Answers whether the step was new. */
    boolean record(Connection c, CompletedStep completed) throws SQLException {
        boolean added = insertStep(completed.step());
        for (int i = 0; i < completed.transactions().size(); i++) {
            insert(completed.transactions().get(i), completed.payloads().get(i));
        }
        return added;
    }

    void markDelivered(UUID id, String receiptNo) throws OutboxException {
        unit.write("mark " + id + " delivered", c -> {
            delivered(c, id, receiptNo, clock.millis());
            return null;
        });
    }

    void markRejected(UUID id, String code, String message) throws OutboxException {
        unit.write("mark " + id + " rejected", c -> {
            rejected(c, id, code, message);
            return null;
        });
    }

    void record(List<TransactionResult> results) throws OutboxException {
        unit.write("record " + results.size() + " results", c -> {
            long now = clock.millis();
            for (TransactionResult r : results) {
                if (r.delivered()) {
                    delivered(c, r.id(), r.receiptNo(), now);
                } else {
                    rejected(c, r.id(), r.code(), r.message());
                }
            }
            return null;
        });
    }

    void markRetry(Collection<UUID> ids, Instant nextAttemptAt, String error) throws OutboxException {
        unit.write("schedule " + ids.size() + " retries", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE transactions SET attempts = "
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

    int dueNow(Instant now) throws OutboxException {
        return unit.write("make pending transactions due", c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE transactions SET next_attempt_at = ? WHERE state = 'PENDING' AND next_attempt_at > ?")) {
                update.setLong(1, now.toEpochMilli());
                update.setLong(2, now.toEpochMilli());
                return update.executeUpdate();
            }
        });
    }

    int purgeDelivered(Instant before) throws OutboxException {
        return unit.write("purge delivered payloads", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE transactions SET payload = NULL, "
                    + "purged_at = ? WHERE state = 'DELIVERED' AND delivered_at < ? AND payload IS NOT NULL")) {
                update.setLong(1, clock.millis());
                update.setLong(2, before.toEpochMilli());
                return update.executeUpdate();
            }
        });
    }

    boolean retry(UUID id) throws OutboxException {
        return unit.write("re-queue " + id, c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE transactions SET state = 'PENDING', "
                    + "next_attempt_at = 0, reject_code = NULL, reject_message = NULL WHERE id = ? "
                    + "AND state = 'REJECTED' AND payload IS NOT NULL")) {
                update.setString(1, id.toString());
                return update.executeUpdate() == 1;
            }
        });
    }

    // ---- reads -----------------------------------------------------------------------------------------------

    List<Transaction> nextBatch(Instant now, int maxCount, long maxBytes) throws OutboxException {
        List<Transaction> batch = new ArrayList<>();
        List<UUID> unreadable = new ArrayList<>();
        unit.read("read the next batch", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT id, payload, payload_bytes FROM transactions "
                    + "WHERE state = 'PENDING' AND next_attempt_at <= ? ORDER BY created_at, rowid LIMIT ?")) {
                select.setLong(1, now.toEpochMilli());
                select.setInt(2, maxCount);
                long bytes = 0;
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        bytes += rs.getLong(3) + 1;
                        if (bytes > maxBytes && !batch.isEmpty()) {
                            break;
                        }
                        Transaction t = payloads.open(rs.getString(1), rs.getObject(2));
                        if (t == null) {
                            unreadable.add(UUID.fromString(rs.getString(1)));
                        } else {
                            batch.add(t);
                        }
                    }
                }
            }
            return null;
        });
        // A payload this software cannot read would block the queue forever; park it for a technician.
        for (UUID id : unreadable) {
            log.error("outbox payload of {} is unreadable; marked rejected", id);
            markRejected(id, "LOCAL_UNREADABLE_PAYLOAD", "the stored transaction cannot be read");
        }
        return batch;
    }

    OutboxStatus status() throws OutboxException {
        return unit.read("read the status", c -> {
            long pending = 0;
            long delivered = 0;
            long rejected = 0;
            Duration oldest = Duration.ZERO;
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT state, count(*) FROM transactions GROUP BY state")) {
                    while (rs.next()) {
                        switch (OutboxState.valueOf(rs.getString(1))) {
                            case PENDING -> pending = rs.getLong(2);
                            case DELIVERED -> delivered = rs.getLong(2);
                            case REJECTED -> rejected = rs.getLong(2);
                        }
                    }
                }
                try (ResultSet rs = s.executeQuery(
                        "SELECT min(created_at) FROM transactions WHERE state = 'PENDING'")) {
                    long min = rs.getLong(1);
                    if (!rs.wasNull()) {
                        Duration age = Duration.ofMillis(clock.millis() - min);
                        oldest = age.isNegative() ? Duration.ZERO : age;
                    }
                }
            }
            return new OutboxStatus(pending, delivered, rejected, oldest);
        });
    }

    List<OutboxEntry> entries(String where, String parameter) throws OutboxException {
        return unit.read("read entries", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + ENTRY_COLUMNS + " FROM transactions " + where)) {
                if (parameter != null) {
                    select.setString(1, parameter);
                }
                List<OutboxEntry> out = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        out.add(entry(rs));
                    }
                }
                return out;
            }
        });
    }

    List<Transaction> pendingTransactions() throws OutboxException {
        return unit.read("read pending transactions", c -> {
            List<Transaction> out = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id, payload FROM transactions "
                    + "WHERE state = 'PENDING' ORDER BY created_at, rowid");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Transaction t = payloads.open(rs.getString(1), rs.getObject(2));
                    if (t == null) {
                        log.error("outbox payload of {} is unreadable; left out", rs.getString(1));
                    } else {
                        out.add(t);
                    }
                }
            }
            return out;
        });
    }

    Optional<StepRecord> findStep(String sessionId, String step) throws OutboxException {
        return unit.read("read step " + step, c -> {
            try (PreparedStatement select = c.prepareStatement(
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
            }
        });
    }

    // ---- rows ------------------------------------------------------------------------------------------------

    private boolean insertStep(StepRecord step) throws SQLException {
        PreparedStatement insert = unit.prepared(INSERT_STEP);
        insert.setString(1, step.sessionId());
        insert.setString(2, step.step());
        insert.setLong(3, step.completedAt().toEpochMilli());
        insert.setString(4, step.stateJson());
        return insert.executeUpdate() == 1;
    }

    private boolean insert(Transaction t, String payload) throws SQLException {
        PreparedStatement insert = unit.prepared(INSERT_TRANSACTION);
        insert.setString(1, t.id().toString());
        insert.setString(2, t.kind().name());
        insert.setString(3, t.itemCode());
        insert.setString(4, t.sessionId());
        insert.setLong(5, t.createdAt().toEpochMilli());
        byte[] clear = payload.getBytes(StandardCharsets.UTF_8);
        insert.setBytes(6, payloads.seal(t.id().toString(), clear));
        insert.setInt(7, clear.length);
        return insert.executeUpdate() == 1;
    }

    private static void delivered(Connection c, UUID id, String receiptNo, long at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE transactions SET state = 'DELIVERED', "
                + "receipt_no = ?, delivered_at = ?, last_error = NULL WHERE id = ? AND state = 'PENDING'")) {
            update.setString(1, receiptNo);
            update.setLong(2, at);
            update.setString(3, id.toString());
            update.executeUpdate();
        }
    }

    private static void rejected(Connection c, UUID id, String code, String message) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE transactions SET state = 'REJECTED', "
                + "reject_code = ?, reject_message = ? WHERE id = ? AND state = 'PENDING'")) {
            update.setString(1, code);
            update.setString(2, message);
            update.setString(3, id.toString());
            update.executeUpdate();
        }
    }

    private static OutboxEntry entry(ResultSet rs) throws SQLException {
        long deliveredAt = rs.getLong(13);
        Instant delivered = rs.wasNull() ? null : Instant.ofEpochMilli(deliveredAt);
        long purgedAt = rs.getLong(14);
        Instant purged = rs.wasNull() ? null : Instant.ofEpochMilli(purgedAt);
        return new OutboxEntry(UUID.fromString(rs.getString(1)), TransactionKind.valueOf(rs.getString(2)),
                rs.getString(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)),
                OutboxState.valueOf(rs.getString(6)), rs.getInt(7), Instant.ofEpochMilli(rs.getLong(8)),
                rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), delivered, purged);
    }
}
