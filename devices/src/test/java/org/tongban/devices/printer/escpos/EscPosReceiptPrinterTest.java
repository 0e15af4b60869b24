package org.tongban.devices.printer.escpos;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceState;
import org.tongban.devices.printer.PrintOutcome;
import org.tongban.devices.printer.Receipt;
import org.tongban.devices.printer.ReceiptPrinterStatus;

/** The ESC/POS driver over a real pseudo-terminal, against the emulator at its other end. */
class EscPosReceiptPrinterTest {

    @TempDir
    Path dir;

    private EscPosEmulator emulator;
    private EscPosReceiptPrinter printer;

    @BeforeEach
    void start() throws Exception {
        boolean socat = Files.isExecutable(Path.of("/usr/bin/socat"));
        if (!socat && System.getenv("TONGBAN_REQUIRE_REAL_PARTS") != null) {
            fail("socat is not installed: .ci/test installs it");
        }
        assumeTrue(socat, "socat is not installed (apt-get install socat): no pty for the ESC/POS emulator");
        emulator = EscPosEmulator.start(dir);
        printer = new EscPosReceiptPrinter("receipt", emulator.kioskPort().toString(), 115200);
        printer.openClaimEnable(Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        if (printer != null) {
            printer.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private static Receipt receipt() {
        return Receipt.builder("r-1").title("办件回执").left("回执编号：TB-2024-000123")
                .left("申请人：欧*远").right("承诺时限：5 个工作日").qrCode("https://gov.example/track/TB-2024-000123")
                .center("请妥善保管本回执").cut().build();
    }

    @Test
    void aReceiptComesOutLineByLineWithItsQrCodeAndCut() throws Exception {
        PrintOutcome outcome = printer.print(receipt(), Duration.ofSeconds(5));

        assertThat(outcome.jobId(), equalTo("r-1"));
        assertThat(emulator.printed(), equalTo(List.of("办件回执", "回执编号：TB-2024-000123", "申请人：欧*远",
                "承诺时限：5 个工作日", "[QR https://gov.example/track/TB-2024-000123]", "请妥善保管本回执",
                "--- cut ---")));
        assertThat(printer.state(), equalTo(DeviceState.ONLINE));
    }

    @Test
    void paperRunningOutMidReceiptFailsTheJobAndPutsThePrinterInUserError() throws Exception {
        emulator.runOutOfPaperAfter(2);

        DeviceException e = assertThrows(DeviceException.class, () -> printer.print(receipt(), Duration.ofSeconds(5)));

        assertThat(e.reason(), equalTo(DeviceException.Reason.NO_MEDIA));
        assertThat(e.getMessage(), containsString("stopped while printing"));
        assertThat(e.getMessage(), containsString("paper out"));
        assertThat(printer.state(), equalTo(DeviceState.USER_ERROR));
        assertThat(printer.status().paper(), equalTo(ReceiptPrinterStatus.Paper.OUT));
        assertThat(emulator.printed(), equalTo(List.of("办件回执", "回执编号：TB-2024-000123")));
    }

    @Test
    void afterANewRollTheNextReceiptPrints() throws Exception {
        emulator.runOutOfPaperAfter(0);
        assertThrows(DeviceException.class, () -> printer.print(receipt(), Duration.ofSeconds(5)));

        emulator.loadPaper();
        printer.print(receipt(), Duration.ofSeconds(5));

        assertThat(emulator.printed(), hasItem("--- cut ---"));
        assertThat(printer.state(), equalTo(DeviceState.ONLINE));
    }

    @Test
    void anOpenCoverIsReportedBeforeAnythingIsSent() throws Exception {
        emulator.openCover(true);

        DeviceException e = assertThrows(DeviceException.class, () -> printer.print(receipt(), Duration.ofSeconds(5)));

        assertThat(e.getMessage(), containsString("cover open"));
        assertThat(emulator.printed(), equalTo(List.of()));
    }

    @Test
    void paperNearEndWarnsButPrints() throws Exception {
        emulator.paperNearEnd(true);

        printer.print(receipt(), Duration.ofSeconds(5));

        assertThat(printer.status().paper(), equalTo(ReceiptPrinterStatus.Paper.NEAR_END));
        assertThat(printer.checkHealth().text(), containsString("paper near end"));
        assertThat(emulator.printed(), not(equalTo(List.of())));
    }
}
