package org.tongban.devices.qr;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceException.Reason;
import org.tongban.devices.DeviceState;
import org.tongban.devices.EventRecorder;

class SimulatedQrScannerTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final SimulatedQrScanner scanner = new SimulatedQrScanner("qr");
    private final EventRecorder recorder = new EventRecorder();

    @BeforeEach
    void start() throws DeviceException {
        scanner.addListener(recorder);
        scanner.openClaimEnable(SECOND);
    }

    @AfterEach
    void stop() {
        scanner.close();
    }

    private static Reason reasonOf(Executable call) {
        return assertThrows(DeviceException.class, call).reason();
    }

    /** Shows {@code text} from another thread once the read is under way, as a citizen would. */
    private Thread showWhenReading(String text) {
        Thread citizen = new Thread(() -> {
            try {
                recorder.awaitState(DeviceState.BUSY, Duration.ofSeconds(5));
                scanner.show(text);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        citizen.start();
        return citizen;
    }

    @Test
    void everyCodeShownWhileEnabledIsPublished() {
        scanner.show("APPT-2026-0001");
        scanner.show("APPT-2026-0002");
        assertThat(recorder.data(QrCode.class).stream().map(QrCode::text).toList(),
                contains("APPT-2026-0001", "APPT-2026-0002"));
        assertThat(scanner.codesSeen(), is(2));
    }

    @Test
    void aDisabledScannerSeesNothing() throws Exception {
        scanner.disable();
        scanner.show("APPT-2026-0003");
        assertThat(recorder.data(QrCode.class), is(empty()));
        assertThat(scanner.codesSeen(), is(0));
    }

    @Test
    void readWaitsForTheNextCodeAndPublishesItToo() throws Exception {
        Thread citizen = showWhenReading("https://zwfw.example.gov.cn/e-cert/123");
        QrCode code = scanner.read(Duration.ofSeconds(5));
        citizen.join();
        assertThat(code.text(), is("https://zwfw.example.gov.cn/e-cert/123"));
        assertThat(recorder.data(QrCode.class), contains(code));
    }

    @Test
    void aCodeShownBeforeTheReadDoesNotCount() {
        scanner.show("old code");
        assertThat(reasonOf(() -> scanner.read(Duration.ofMillis(100))), is(Reason.TIMEOUT));
    }

    @Test
    void aWaitingReadCanBeCancelled() throws Exception {
        Thread staff = new Thread(() -> {
            try {
                recorder.awaitState(DeviceState.BUSY, Duration.ofSeconds(5));
                scanner.cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        staff.start();
        long start = System.nanoTime();
        assertThat(reasonOf(() -> scanner.read(Duration.ofSeconds(20))), is(Reason.CANCELLED));
        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis(), lessThan(2000L));
        staff.join();
    }

    @Test
    void unpluggingFailsAWaitingReadAndPlugInRecovers() throws Exception {
        Thread technician = new Thread(() -> {
            try {
                recorder.awaitState(DeviceState.BUSY, Duration.ofSeconds(5));
                scanner.unplug();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        technician.start();
        assertThat(reasonOf(() -> scanner.read(Duration.ofSeconds(20))), is(Reason.OFFLINE));
        technician.join();
        assertThat(scanner.state(), is(DeviceState.OFFLINE));
        scanner.show("unseen");
        assertThat(scanner.codesSeen(), is(0));
        assertThat(scanner.checkHealth().text(), containsString("unplugged"));

        scanner.plugIn();
        recorder.clear(); // so the helper waits for the BUSY of the next read
        Thread citizen = showWhenReading("APPT-2026-0004");
        assertThat(scanner.read(Duration.ofSeconds(5)).text(), is("APPT-2026-0004"));
        citizen.join();
    }

    @Test
    void aCodeKeepsItsTextOutOfLogs() {
        QrCode code = new QrCode("TOKEN-SECRET-42", Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(code.toString(), is("QrCode[15 chars, 2026-01-01T00:00:00Z]"));
        assertThat(code.toString(), not(containsString("SECRET")));
    }
}
