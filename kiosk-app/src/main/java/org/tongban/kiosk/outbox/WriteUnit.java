package org.tongban.kiosk.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox file's one connection and its unit of work: every write is one SQLite transaction, committed whole
 * or rolled back whole, so the queue and the print jobs can write together (a job's DONE and its step's record).
 * It also remembers when the file itself fails (full, read-only, damaged) until a write succeeds again.
 *
 * <p>Every use of the connection, read or write, goes through this object's lock: the kiosk has one writer
 * process, and SQLite serialises writers anyway.
 */
final class WriteUnit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriteUnit.class);

    /** What runs inside a unit of work (or a read), given the connection. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final Clock clock;
    private final Connection connection;
    private final List<Consumer<Optional<StorageProblem>>> storageListeners = new CopyOnWriteArrayList<>();
    /** The hot path's statements, prepared once: preparing each time cost more than the rest of the CPU work. */
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private volatile StorageProblem storageProblem;

    WriteUnit(Path file, Clock clock, Connection connection) {
        this.file = file;
        this.clock = clock;
        this.connection = connection;
    }

    Path file() {
        return file;
    }

    /** Runs {@code work} as one SQLite transaction; on any failure it is rolled back whole. */
    synchronized <T> T write(String what, Work<T> work) throws OutboxException {
        T result;
        try {
            connection.setAutoCommit(false);
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                forgetPrepared(); // sqlite-jdbc leaves a statement that failed unusable (full disk, read-only)
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

    /**
     * The statement for {@code sql} on this file's connection, prepared on first use and kept until the file is
     * closed; only inside {@link #write} or {@link #read} (under the lock), never closed by the caller.
     */
    synchronized PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = connection.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        return statement;
    }

    /** Runs a read under the same lock; a failure of the file itself is remembered as for a write. */
    synchronized <T> T read(String what, Work<T> work) throws OutboxException {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw noted(failure(what, e), e);
        }
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

    private OutboxException failure(String what, SQLException e) {
        // SQLite's message names the cause plainly: "[SQLITE_FULL] ... (database or disk is full)".
        return new OutboxException("outbox " + file + ": cannot " + what + ": " + e.getMessage(), e);
    }

    Optional<StorageProblem> storageProblem() {
        return Optional.ofNullable(storageProblem);
    }

    void addStorageListener(Consumer<Optional<StorageProblem>> listener) {
        storageListeners.add(listener);
    }

    /** For tests that stand in for a full disk or a read-only mount on the real connection. */
    Connection connectionForTests() {
        return connection;
    }

    @Override
    public synchronized void close() {
        forgetPrepared();
        closeQuietly(connection);
    }

    private void forgetPrepared() {
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                log.warn("closing an outbox statement failed: {}", e.getMessage());
            }
        }
        prepared.clear();
    }

    static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("closing the outbox failed: {}", e.getMessage());
            }
        }
    }
}
