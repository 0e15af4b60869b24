package org.tongban.kiosk.admin;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceRegistry;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.idcard.ReaderEmulator;
import org.tongban.devices.idcard.SocatPty;
import org.tongban.devices.printer.escpos.EscPosEmulator;
import org.tongban.kiosk.app.Terminal;

/**
 * Port discovery against real pseudo-terminals: the SAM reader emulator, the ESC/POS emulator, a
 * "QR scanner" that sends a line of text, and a port where nothing answers.
 */
class PortDiscoveryTest {

    @TempDir
    Path dir;
    private ReaderEmulator reader;
    private SocatPty readerPty;
    private EscPosEmulator printer;
    private Process qrPair;
    private SerialPort qrSide;
    private Process silentPair;
    private Thread qrSender;
    private DeviceRegistry registry;

    @BeforeEach
    void setUp() throws Exception {
        boolean socat = SocatPty.available();
        if (!socat && System.getenv("TONGBAN_REQUIRE_REAL_PARTS") != null) {
            throw new AssertionError("socat is required (TONGBAN_REQUIRE_REAL_PARTS is set)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(socat, "socat is not installed (.ci/test installs it)");
        reader = new ReaderEmulator(115200);
        readerPty = SocatPty.start(dir.resolve("ttyREADER"), reader.tcpPort());
        Path escDir = dir.resolve("esc");
        java.nio.file.Files.createDirectories(escDir);
        printer = EscPosEmulator.start(escDir);
        qrPair = pair(dir.resolve("qr-scanner"), dir.resolve("ttyQR"));
        qrSide = SerialPort.getCommPort(dir.resolve("qr-scanner").toString());
        qrSide.openPort();
        // A scanner in front of a code sends it again and again, each time a line.
        qrSender = new Thread(() -> {
            byte[] line = "https://example.org/verify?c=AB12\r\n".getBytes(StandardCharsets.US_ASCII);
            while (!Thread.currentThread().isInterrupted()) {
                qrSide.writeBytes(line, line.length);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        qrSender.setDaemon(true);
        qrSender.start();
        silentPair = pair(dir.resolve("nobody"), dir.resolve("ttySILENT"));
        registry = new DeviceRegistry(List.of(new DeviceSpec("idcard", DeviceClass.ID_CARD_READER, "simulated",
                "/dev/ttyUSB0", Map.of(), true)), Terminal.drivers());
    }

    private static Process pair(Path a, Path b) throws Exception {
        Process p = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!(java.nio.file.Files.exists(a) && java.nio.file.Files.exists(b)) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return p;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (qrSender != null) {
            qrSender.interrupt();
            qrSender.join(1000);
            qrSide.closePort();
        }
        for (Process p : new Process[] {qrPair, silentPair}) {
            if (p != null) {
                p.destroy();
            }
        }
        if (printer != null) {
            printer.close();
        }
        if (readerPty != null) {
            readerPty.close();
        }
        if (reader != null) {
            reader.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void eachPortIsNamedByWhatAnswersThere() {
        List<String> extra = List.of(readerPty.link().toString(), printer.kioskPort().toString(),
                dir.resolve("ttyQR").toString(), dir.resolve("ttySILENT").toString());
        PortDiscovery discovery = new PortDiscovery(registry, () -> extra);
        assertThat(discovery.list(), hasItems(extra.toArray(String[]::new)));

        PortDiscovery.Probe r = discovery.probe(extra.get(0));
        assertThat(r.answers(), equalTo(Optional.of(DeviceClass.ID_CARD_READER)));
        assertThat(r.detail(), containsString("SAM"));
        PortDiscovery.Probe p = discovery.probe(extra.get(1));
        assertThat(p.answers(), equalTo(Optional.of(DeviceClass.RECEIPT_PRINTER)));
        assertThat(p.detail(), containsString("paper ok"));
        PortDiscovery.Probe q = discovery.probe(extra.get(2));
        assertThat(q.answers(), equalTo(Optional.of(DeviceClass.QR_SCANNER)));
        assertThat(q.detail(), containsString("33 characters"));
        PortDiscovery.Probe s = discovery.probe(extra.get(3));
        assertThat(s.answers().isPresent(), is(false));
        assertThat(discovery.probe(dir.resolve("ttyGONE").toString()).detail(), equalTo("no such port"));
    }
}
