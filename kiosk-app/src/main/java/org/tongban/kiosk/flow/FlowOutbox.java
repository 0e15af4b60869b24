package org.tongban.kiosk.flow;

import java.util.List;
import java.util.Optional;
import org.tongban.kiosk.outbox.Outbox;
import org.tongban.kiosk.outbox.OutboxException;
import org.tongban.kiosk.outbox.PrintJobState;
import org.tongban.kiosk.outbox.StepRecord;
import org.tongban.kiosk.platform.Transaction;

/**
 * What the steps write: a finished step with its transactions in one local transaction, and the
 * print job's record. The SQLite outbox in a terminal; a test may pass the real one or a fake.
 */
public interface FlowOutbox {

    void completeStep(StepRecord step, List<Transaction> transactions) throws OutboxException;

    Optional<StepRecord> findStep(String sessionId, String step) throws OutboxException;

    void queuePrintJob(String id, String sessionId, String step, String title) throws OutboxException;

    void movePrintJob(String id, PrintJobState next, String destination, String detail) throws OutboxException;

    /** The job's DONE and the step's record with its transactions, in one local transaction. */
    void completePrintJob(String id, String destination, StepRecord step, List<Transaction> transactions)
            throws OutboxException;

    static FlowOutbox of(Outbox outbox) {
        return of(outbox, t -> { });
    }

    /** The outbox, telling {@code stored} of each transaction once it is stored (the usage counters count reviews). */
    static FlowOutbox of(Outbox outbox, java.util.function.Consumer<Transaction> stored) {
        return new FlowOutbox() {
            @Override
            public void completeStep(StepRecord step, List<Transaction> transactions) throws OutboxException {
                outbox.completeStep(step, transactions);
                transactions.forEach(stored);
            }

            @Override
            public Optional<StepRecord> findStep(String sessionId, String step) throws OutboxException {
                return outbox.findStep(sessionId, step);
            }

            @Override
            public void queuePrintJob(String id, String sessionId, String step, String title) throws OutboxException {
                outbox.queuePrintJob(id, sessionId, step, title);
            }

            @Override
            public void movePrintJob(String id, PrintJobState next, String destination, String detail)
                    throws OutboxException {
                outbox.movePrintJob(id, next, destination, detail);
            }

            @Override
            public void completePrintJob(String id, String destination, StepRecord step, List<Transaction> transactions)
                    throws OutboxException {
                outbox.completePrintJob(id, destination, step, transactions);
                transactions.forEach(stored);
            }
        };
    }
}
