package org.tongban.kiosk.outbox;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.platform.Transaction;

/** The print job state machine as the outbox keeps it, across a crash. */
class PrintJobRecordTest {

    private static final Instant T0 = Instant.parse("2026-11-21T01:00:00Z");

    @TempDir
    Path dir;
    private Path file;
    private final TestClock clock = new TestClock(T0);
    private Outbox outbox;

    @BeforeEach
    void open() throws Exception {
        file = dir.resolve("outbox.db");
        outbox = Outbox.open(file, dir.resolve("outbox.key"), clock);
    }

    @AfterEach
    void close() {
        outbox.close();
    }

    private static Transaction printRecord() {
        return Transaction.printRecord("YN-KM-GD-0001", "s1", T0, "SI-CERT", null, Map.of("title", "参保证明"));
    }

    private PrintJobState state(String id) throws OutboxException {
        return outbox.findPrintJob(id).orElseThrow().state();
    }

    @Test
    void aJobGoesQueuedSentPrintingDoneAndDoneWritesTheStepAndItsTransaction() throws Exception {
        outbox.queuePrintJob("j1", "s1", "SI-CERT/print", "参保证明");
        assertThat(state("j1"), equalTo(PrintJobState.QUEUED));
        outbox.movePrintJob("j1", PrintJobState.SENT, null, null);
        outbox.movePrintJob("j1", PrintJobState.SENT, "tongban-a4-17", null);
        outbox.movePrintJob("j1", PrintJobState.PRINTING, null, null);
        Transaction tx = printRecord();

        boolean done = outbox.completePrintJob("j1", "tongban-a4-17",
                new StepRecord("s1", "SI-CERT/print", T0, "{}"), List.of(tx));

        assertThat(done, is(true));
        PrintJobRecord job = outbox.findPrintJob("j1").orElseThrow();
        assertThat(job.state(), equalTo(PrintJobState.DONE));
        assertThat(job.destination(), equalTo("tongban-a4-17"));
        assertThat(outbox.findStep("s1", "SI-CERT/print").isPresent(), is(true));
        assertThat(outbox.find(tx.id()).isPresent(), is(true));
    }

    @Test
    void aJobThatNeverReachedThePrinterCannotBeDoneAndNothingIsRecordedForIt() throws Exception {
        outbox.queuePrintJob("j1", "s1", "SI-CERT/print", "参保证明");
        Transaction tx = printRecord();

        assertThat(outbox.completePrintJob("j1", "x", new StepRecord("s1", "SI-CERT/print", T0, "{}"), List.of(tx)),
                is(false));
        assertThat(outbox.findStep("s1", "SI-CERT/print"), equalTo(Optional.empty()));
        assertThat(outbox.find(tx.id()), equalTo(Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> outbox.movePrintJob("j1", PrintJobState.DONE, null, null));
    }

    @Test
    void aFailedJobStaysFailed() throws Exception {
        outbox.queuePrintJob("j1", "s1", "SI-CERT/print", "参保证明");
        outbox.movePrintJob("j1", PrintJobState.SENT, null, null);
        outbox.movePrintJob("j1", PrintJobState.FAILED, null, "NO_MEDIA: out of paper");

        assertThat(outbox.movePrintJob("j1", PrintJobState.PRINTING, null, null), is(false));
        assertThat(outbox.findPrintJob("j1").orElseThrow().detail(), equalTo("NO_MEDIA: out of paper"));
    }

    @Test
    void afterACrashOpenJobsAreClosedAsFailedNeitherLostNorSentAgain() throws Exception {
        outbox.queuePrintJob("queued", "s1", "A/print", "证明");
        outbox.queuePrintJob("sent", "s1", "B/print", "证明");
        outbox.movePrintJob("sent", PrintJobState.SENT, "tongban-a4-3", null);
        outbox.close(); // the power goes

        outbox = Outbox.open(file, dir.resolve("outbox.key"), clock);
        List<PrintJobRecord> interrupted = outbox.closeInterruptedPrintJobs();

        assertThat(interrupted.stream().map(PrintJobRecord::id).toList(), equalTo(List.of("queued", "sent")));
        assertThat(state("queued"), equalTo(PrintJobState.FAILED));
        assertThat(outbox.findPrintJob("queued").orElseThrow().detail(), containsString("nothing printed"));
        assertThat(outbox.findPrintJob("sent").orElseThrow().detail(), containsString("it may have printed"));
        assertThat(outbox.findPrintJob("sent").orElseThrow().destination(), equalTo("tongban-a4-3"));
        assertThat(outbox.closeInterruptedPrintJobs(), equalTo(List.of()));
    }
}
