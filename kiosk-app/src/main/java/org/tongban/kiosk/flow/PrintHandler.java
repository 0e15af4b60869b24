package org.tongban.kiosk.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.DeviceException;
import org.tongban.devices.printer.DocumentPrinter;
import org.tongban.devices.printer.PrintJob;
import org.tongban.devices.printer.PrintOutcome;
import org.tongban.devices.printer.PrintProgress;
import org.tongban.kiosk.outbox.OutboxException;
import org.tongban.kiosk.outbox.PrintJobState;
import org.tongban.kiosk.platform.QueryResult;
import org.tongban.kiosk.platform.Transaction;

/**
 * {@code print}: the query's answer as a certificate, with the print job's record in the outbox
 * (QUEUED → SENT → PRINTING → DONE | FAILED); DONE and the PRINT_RECORD are one local transaction.
 */
final class PrintHandler implements StepHandler {

    private static final Logger log = LoggerFactory.getLogger(PrintHandler.class);

    private final StepContext flow;

    PrintHandler(StepContext flow) {
        this.flow = flow;
    }

    @Override
    public void enter() {
        flow.work("flow.printing", this::print);
    }

    private void print() {
        ServiceFlow.Services s = flow.services();
        QueryResult result = flow.session().result(QueryHandler.resultKey(flow.item()), QueryResult.class)
                .orElseThrow(() -> new IllegalStateException("print before query"));
        DocumentPrinter printer = s.printer().get().orElse(null);
        if (printer == null) {
            flow.fail("flow.error.noPrinter", null, false);
            return;
        }
        if (alreadyPrinted()) {
            flow.show(Stage.PRINTED, "flow.printed");
            return;
        }
        PrintJob job;
        try {
            // the document the preview showed, when it did; composed anew for a retry
            job = flow.handover().takeDocument();
            if (job == null) {
                job = CertificateDocument.compose(s, flow.item(), result);
            }
        } catch (Exception e) {
            // Not the message: a font lacking a rare character names that character, which may be a citizen's name.
            log.error("flow {}: could not compose the document: {}", flow.item().code(), e.getClass().getSimpleName());
            flow.fail("flow.error.compose", e.getMessage(), false);
            return;
        }
        PrintOutcome outcome;
        try {
            outcome = printTracked(printer, job);
        } catch (DeviceException e) {
            // a retry is the citizen asking again: it composes and records a new job
            flow.fail(e.reason() == DeviceException.Reason.NO_MEDIA ? "flow.error.printNoPaper" : "flow.error.print",
                    e.getMessage(), true);
            return;
        } catch (OutboxException e) {
            flow.fail("flow.error.storage", e.getMessage(), false);
            return;
        }
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("title", result.title());
        what.put("verifyCode", result.verifyCode());
        what.put("pages", job.pages());
        what.put("sheets", outcome.sheets());
        Transaction tx = Transaction.printRecord(s.terminalId(), flow.session().id(), s.clock().instant(),
                flow.item().code(), flow.applicant().orElse(null), what);
        try {
            s.outbox().completePrintJob(job.id(), outcome.destination(), flow.record(), List.of(tx));
        } catch (OutboxException e) {
            // The paper is out, but the platform will not hear of it: a technician must see this.
            log.error("flow {}: printed job {} but could not record it: {}", flow.item().code(), job.id(), e.getMessage());
            flow.fail("flow.error.storage", e.getMessage(), false);
            return;
        }
        flow.handover().reviewTarget(tx.id());
        flow.show(Stage.PRINTED, "flow.printed");
    }

    /**
     * Prints {@code job} with its record kept in the outbox: QUEUED before, SENT just before the printer gets
     * it, PRINTING when it says so, FAILED on an error. DONE is written with the step's transaction.
     */
    private PrintOutcome printTracked(DocumentPrinter printer, PrintJob job) throws DeviceException, OutboxException {
        FlowOutbox outbox = flow.services().outbox();
        outbox.queuePrintJob(job.id(), flow.session().id(), flow.record().step(), job.title());
        outbox.movePrintJob(job.id(), PrintJobState.SENT, null, null);
        try {
            return printer.print(job, flow.services().printTimeout(), new PrintProgress() {
                @Override
                public void sent(String destination) {
                    moveQuietly(job.id(), PrintJobState.SENT, destination);
                }

                @Override
                public void printing() {
                    moveQuietly(job.id(), PrintJobState.PRINTING, null);
                }
            });
        } catch (DeviceException e) {
            outbox.movePrintJob(job.id(), PrintJobState.FAILED, null, e.reason() + ": " + e.getMessage());
            throw e;
        }
    }

    private void moveQuietly(String jobId, PrintJobState state, String destination) {
        try {
            flow.services().outbox().movePrintJob(jobId, state, destination, null);
        } catch (OutboxException e) {
            log.warn("flow {}: print job {} progress not recorded: {}", flow.item().code(), jobId, e.getMessage());
        }
    }

    /** The print step of this session is already on record: printing again needs the citizen to ask anew. */
    private boolean alreadyPrinted() {
        try {
            return flow.services().outbox().findStep(flow.session().id(), flow.record().step()).isPresent();
        } catch (OutboxException e) {
            return false;
        }
    }
}
