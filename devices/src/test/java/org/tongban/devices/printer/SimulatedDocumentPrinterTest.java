package org.tongban.devices.printer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceException.Reason;
import org.tongban.devices.DeviceState;
import org.tongban.devices.ErrorEvent;
import org.tongban.devices.EventRecorder;

class SimulatedDocumentPrinterTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final byte[] PDF = "%PDF-1.7 test".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private SimulatedDocumentPrinter printer;
    private final EventRecorder recorder = new EventRecorder();

    private SimulatedDocumentPrinter start(int sheets) throws DeviceException {
        printer = new SimulatedDocumentPrinter("a4", dir.resolve("out"), sheets);
        printer.addListener(recorder);
        printer.openClaimEnable(SECOND);
        return printer;
    }

    @AfterEach
    void stop() {
        if (printer != null) {
            printer.close();
        }
    }

    @Test
    void aJobIsWrittenAndItsSheetsTakenFromTheTray() throws Exception {
        start(10);
        PrintOutcome outcome = printer.print(new PrintJob("cert-1", "certificate", PDF, 2, 2), SECOND);
        assertThat(outcome.sheets(), is(4));
        assertArrayEquals(PDF, Files.readAllBytes(Path.of(outcome.destination())));
        assertThat(printer.sheetsInTray(), is(6));
        assertThat(printer.printed(), is(1));
    }

    @Test
    void tooLittlePaperFailsTheJobAndAsksForPaper() throws Exception {
        start(1);
        DeviceException e = assertThrows(DeviceException.class,
                () -> printer.print(new PrintJob("cert-2", "certificate", PDF, 2, 1), SECOND));
        assertThat(e.reason(), is(Reason.NO_MEDIA));
        assertThat(printer.state(), is(DeviceState.USER_ERROR));
        assertThat(recorder.of(ErrorEvent.class).get(0).reason(), is(Reason.NO_MEDIA));
        assertThat(Files.exists(dir.resolve("out/cert-2.pdf")), is(false));

        printer.refill(100);
        assertThat(printer.state(), is(DeviceState.ONLINE));
        assertThat(printer.print(new PrintJob("cert-2", "certificate", PDF, 2, 1), SECOND).sheets(), is(2));
    }

    @Test
    void anEmptyTrayIsAUserErrorFromTheStart() throws Exception {
        start(0);
        assertThat(printer.state(), is(DeviceState.USER_ERROR));
        assertThat(printer.checkHealth().healthy(), is(false));
        assertThat(printer.checkHealth().text(), containsString("out of paper"));
    }

    @Test
    void aJamIsAHardwareErrorUntilCleared() throws Exception {
        start(10);
        printer.jam();
        DeviceException e = assertThrows(DeviceException.class,
                () -> printer.print(new PrintJob("cert-3", "certificate", PDF, 1, 1), SECOND));
        assertThat(e.reason(), is(Reason.HARDWARE));
        printer.clearJam();
        assertThat(printer.print(new PrintJob("cert-3", "certificate", PDF, 1, 1), SECOND).jobId(), is("cert-3"));
    }

    @Test
    void aJobIsCheckedWhenBuiltAndItsBytesStayOutOfLogs() {
        assertThrows(IllegalArgumentException.class, () -> new PrintJob("x", "t", PDF, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PrintJob("x", "t", PDF, 1, 0));
        PrintJob job = new PrintJob("cert-4", "certificate", PDF, 3, 2);
        assertThat(job.sheets(), is(6));
        assertThat(job.toString(), is("PrintJob[cert-4, certificate, 3 page(s) x 2]"));
        assertThat(job.toString(), not(containsString("PDF")));
    }
}
