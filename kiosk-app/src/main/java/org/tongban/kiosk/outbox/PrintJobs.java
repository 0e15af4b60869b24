package org.tongban.kiosk.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The print jobs' state machine, QUEUED → SENT → PRINTING → DONE | FAILED, kept in the outbox file next to the
 * session's transactions: a job becomes DONE in the same unit of work that records its step. The methods are
 * {@link Outbox}'s; see it for what they promise.
 */
final class PrintJobs {

    private static final Logger log = LoggerFactory.getLogger(PrintJobs.class);

    private static final String JOB_COLUMNS =
            "id, session_id, step, title, state, destination, detail, created_at, updated_at";

    private final WriteUnit unit;
    private final TransactionQueue queue;
    private final Clock clock;

    PrintJobs(WriteUnit unit, TransactionQueue queue, Clock clock) {
        this.unit = unit;
        this.queue = queue;
        this.clock = clock;
    }

    void queue(String id, String sessionId, String step, String title) throws OutboxException {
        unit.write("queue print job " + id, c -> {
            long now = clock.millis();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO print_jobs (id, session_id, step, "
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

    boolean move(String id, PrintJobState next, String destination, String detail) throws OutboxException {
        String from = switch (next) {
            case SENT -> "'QUEUED', 'SENT'"; // SENT again only adds where it went
            case PRINTING -> "'SENT'";
            case FAILED -> "'QUEUED', 'SENT', 'PRINTING'";
            default -> throw new IllegalArgumentException("a job becomes " + next + " only through completePrintJob");
        };
        return unit.write("move print job " + id + " to " + next, c -> update(c, id, next, from, destination, detail));
    }

    /** DONE, and the step's record with its transactions, in one unit of work; false (nothing written) unless SENT or PRINTING. */
    boolean complete(String id, String destination, TransactionQueue.CompletedStep step) throws OutboxException {
        return unit.write("complete print job " + id, c -> {
            if (!update(c, id, PrintJobState.DONE, "'SENT', 'PRINTING'", destination, null)) {
                return false;
            }
            queue.record(c, step);
            return true;
        });
    }

    List<PrintJobRecord> closeInterrupted() throws OutboxException {
        List<PrintJobRecord> open = select("WHERE state IN ('QUEUED', 'SENT', 'PRINTING') ORDER BY created_at", null);
        for (PrintJobRecord job : open) {
            // id, title and state only: whoever asked for it is personal data
            log.warn("print job {} ({}) was {} when the terminal stopped; closed as FAILED, not printed again",
                    job.id(), job.title(), job.state());
            move(job.id(), PrintJobState.FAILED, job.destination(), job.state() == PrintJobState.QUEUED
                    ? "interrupted before it was sent: nothing printed"
                    : "interrupted after it was sent (" + job.state() + "): it may have printed; not sent again");
        }
        return open;
    }

    Optional<PrintJobRecord> find(String id) throws OutboxException {
        return select("WHERE id = ?", id).stream().findFirst();
    }

    List<PrintJobRecord> of(String sessionId) throws OutboxException {
        return select("WHERE session_id = ? ORDER BY created_at, rowid", sessionId);
    }

    private List<PrintJobRecord> select(String where, String parameter) throws OutboxException {
        return unit.read("read print jobs", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + JOB_COLUMNS + " FROM print_jobs " + where)) {
                if (parameter != null) {
                    select.setString(1, parameter);
                }
                List<PrintJobRecord> jobs = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(new PrintJobRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), PrintJobState.valueOf(rs.getString(5)), rs.getString(6),
                                rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)),
                                Instant.ofEpochMilli(rs.getLong(9))));
                    }
                }
                return jobs;
            }
        });
    }

    private boolean update(Connection c, String id, PrintJobState next, String fromStates, String destination,
                           String detail) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE print_jobs SET state = ?, "
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
}
