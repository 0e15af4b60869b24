package org.tongban.devices.printer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceException.Reason;
import org.tongban.devices.DeviceState;
import org.tongban.devices.EventRecorder;
import org.tongban.devices.Lifecycle;
import org.tongban.devices.printer.ReceiptPrinterStatus.Paper;

class SimulatedReceiptPrinterTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @TempDir
    Path outputDir;

    private SimulatedReceiptPrinter printer;
    private final EventRecorder recorder = new EventRecorder();

    @BeforeEach
    void start() throws DeviceException {
        printer = new SimulatedReceiptPrinter("receipt", outputDir.resolve("receipts"));
        printer.addListener(recorder);
        printer.openClaimEnable(SECOND);
    }

    @AfterEach
    void stop() {
        printer.close();
    }

    private static Reason reasonOf(Executable call) {
        return assertThrows(DeviceException.class, call).reason();
    }

    private static Receipt queueTicket(String id) {
        return Receipt.builder(id)
                .title("取号凭条")
                .left("Service: 社保查询")
                .right("A017")
                .qrCode("https://example.gov.cn/q/A017")
                .cut()
                .build();
    }

    @Test
    void aReceiptComesOutAsUtf8TextLaidOutIn48Columns() throws Exception {
        PrintOutcome outcome = printer.print(queueTicket("t-1"), SECOND);
        assertThat(outcome.jobId(), is("t-1"));
        assertThat(outcome.sheets(), is(1));
        List<String> lines = Files.readAllLines(Path.of(outcome.destination()), StandardCharsets.UTF_8);
        // "取号凭条" is 4 characters, 8 columns, 16 at double size: (48 - 16) / 2 = 16 spaces before it.
        assertThat(lines.get(0), is(" ".repeat(16) + "取号凭条"));
        assertThat(lines.get(1), is("Service: 社保查询"));
        assertThat(lines.get(2), is(" ".repeat(44) + "A017"));
        assertThat(lines.get(3).trim(), is("[QR https://example.gov.cn/q/A017]"));
        assertThat(lines.get(4), containsString(" cut "));
        assertThat(lines.get(4).length(), is(48));
        assertThat(printer.printed(), is(1));
    }

    @Test
    void longLinesWrapByDisplayColumnsNotCharacters() {
        assertThat(SimulatedReceiptPrinter.wrap("x".repeat(50), 48), contains("x".repeat(48), "xx"));
        // Chinese characters are two columns wide: 24 of them fill a line.
        assertThat(SimulatedReceiptPrinter.wrap("办".repeat(25), 48), contains("办".repeat(24), "办"));
        assertThat(SimulatedReceiptPrinter.columns("社保A1，"), is(8));
        assertThat(SimulatedReceiptPrinter.wrap("", 48), contains(""));
    }

    @Test
    void paperNearEndStillPrintsButTellsTheTechnician() throws Exception {
        printer.paperNearEnd();
        assertThat(printer.status().paper(), is(Paper.NEAR_END));
        assertThat(printer.state(), is(DeviceState.ONLINE));
        assertThat(printer.checkHealth().healthy(), is(true));
        assertThat(printer.checkHealth().text(), containsString("replace the roll soon"));
        printer.print(queueTicket("t-2"), SECOND);
        assertThat(Files.exists(outputDir.resolve("receipts/t-2.txt")), is(true));
    }

    @Test
    void paperOutIsAUserErrorUntilRefilled() throws Exception {
        printer.paperOut();
        assertThat(printer.state(), is(DeviceState.USER_ERROR));
        assertThat(printer.status(), is(new ReceiptPrinterStatus(Paper.OUT, false)));
        assertThat(reasonOf(() -> printer.print(queueTicket("t-3"), SECOND)), is(Reason.NO_MEDIA));
        assertThat(printer.checkHealth().text(), containsString("load a new 80 mm roll"));
        assertThat(Files.exists(outputDir.resolve("receipts/t-3.txt")), is(false));

        printer.refill();
        assertThat(printer.state(), is(DeviceState.ONLINE));
        printer.print(queueTicket("t-3"), SECOND);
        assertThat(recorder.states(), hasItem(DeviceState.USER_ERROR));
    }

    @Test
    void anOpenCoverStopsPrintingAndEachFaultMustBeCleared() throws Exception {
        printer.openCover();
        assertThat(printer.state(), is(DeviceState.USER_ERROR));
        assertThat(printer.status().coverOpen(), is(true));
        assertThat(printer.status().canPrint(), is(false));
        printer.paperOut();
        printer.closeCover();
        assertThat("still out of paper", printer.state(), is(DeviceState.USER_ERROR));
        assertThat(printer.stateDetail(), containsString("paper out"));
        printer.refill();
        assertThat(printer.state(), is(DeviceState.ONLINE));
        assertThat(printer.print(queueTicket("t-4"), SECOND).jobId(), is("t-4"));
    }

    @Test
    void aJammedCutterIsAHardwareError() throws Exception {
        printer.cutterJam();
        assertThat(printer.state(), is(DeviceState.HARDWARE_ERROR));
        assertThat(reasonOf(() -> printer.print(queueTicket("t-5"), SECOND)), is(Reason.HARDWARE));
        printer.clearJam();
        printer.print(queueTicket("t-5"), SECOND);
        assertThat(printer.printed(), is(1));
    }

    @Test
    void anUnpluggedPrinterIsOfflineUntilPluggedIn() throws Exception {
        printer.unplug();
        assertThat(printer.state(), is(DeviceState.OFFLINE));
        assertThat(reasonOf(() -> printer.print(queueTicket("t-6"), SECOND)), is(Reason.OFFLINE));
        printer.plugIn();
        assertThat(printer.checkHealth().healthy(), is(true));
    }

    @Test
    void anUnusableOutputFolderFailsTheOpen() throws Exception {
        Path notAFolder = Files.writeString(outputDir.resolve("file"), "x");
        SimulatedReceiptPrinter broken = new SimulatedReceiptPrinter("receipt2", notAFolder.resolve("sub"));
        assertThat(reasonOf(broken::open), is(Reason.HARDWARE));
        assertThat(broken.lifecycle(), is(Lifecycle.CLOSED));
    }

    @Test
    void aReceiptIsCheckedWhenBuiltAndKeepsItsTextOutOfLogs() {
        assertThrows(IllegalArgumentException.class, () -> Receipt.builder("empty").build());
        assertThrows(IllegalArgumentException.class, () -> Receipt.builder("r").left("two\nlines"));
        Receipt receipt = Receipt.builder("r-9").left("姓名：张*").cut().build();
        assertThat(receipt.toString(), is("Receipt[r-9, 2 line(s)]"));
        assertThat(receipt.toString(), not(containsString("张")));
    }
}
