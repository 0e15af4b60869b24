package org.tongban.devices.qr;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.DataEvent;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceState;
import org.tongban.devices.idcard.SocatPty;

/**
 * The serial QR scanner driver over jSerialComm on a real pseudo-terminal (socat), with the test playing the
 * scanner on the other end: it "sees" a code and sends its text and a line end.
 */
class SerialQrScannerPtyTest {

    @TempDir
    Path dir;
    private ServerSocket server;
    private SocatPty pty;
    private Socket scannerSide;
    private SerialQrScanner scanner;
    private final List<QrCode> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void plugIn() throws Exception {
        boolean socat = SocatPty.available();
        if (!socat && System.getenv("TONGBAN_REQUIRE_REAL_PARTS") != null) {
            Assertions.fail("socat is not installed (.ci/test installs it)");
        }
        Assumptions.assumeTrue(socat, "socat is not installed (.ci/test installs it)");
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        pty = SocatPty.start(dir.resolve("ttyQR"), server.getLocalPort());
        scannerSide = accepted.get(5, TimeUnit.SECONDS);
        scanner = new SerialQrScanner("qr", pty.link().toString(), 9600);
        scanner.addListener(e -> {
            if (e instanceof DataEvent<?> d && d.data() instanceof QrCode c) {
                published.add(c);
            }
        });
        scanner.openClaimEnable(Duration.ofSeconds(2));
    }

    @AfterEach
    void unplug() throws Exception {
        if (scanner != null) {
            scanner.close();
        }
        if (pty != null) {
            pty.close();
        }
        if (scannerSide != null) {
            scannerSide.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void send(String text) throws Exception {
        OutputStream out = scannerSide.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void aCodeShownIsReadAndPublished() throws Exception {
        CompletableFuture<QrCode> read = CompletableFuture.supplyAsync(() -> {
            try {
                return scanner.read(Duration.ofSeconds(5));
            } catch (DeviceException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        send("DZZZ:91530100MA6K000001\r\n");
        assertThat(read.get(5, TimeUnit.SECONDS).text(), is("DZZZ:91530100MA6K000001"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3); // published right after the read is answered
        while (published.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(published.size(), is(1));
    }

    @Test
    void chineseTextAndEveryLineEnding() throws Exception {
        send("电子证照:营业执照\r" + "second\n" + "third\r\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (published.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(published.stream().map(QrCode::text).toList(), is(List.of("电子证照:营业执照", "second", "third")));
    }

    @Test
    void anOverlongLineIsDroppedWholeAndTheNextCodeStillReads() throws Exception {
        send("x".repeat(SerialQrScanner.MAX_LINE + 500) + "\n" + "DZZZ:after\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (published.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(published.stream().map(QrCode::text).toList(), is(List.of("DZZZ:after")));
        assertThat(scanner.linesDropped(), is(1));
    }

    @Test
    void unpluggedGoesOfflineAndAWaitingReadFails() throws Exception {
        CompletableFuture<DeviceException> read = CompletableFuture.supplyAsync(() ->
                assertThrows(DeviceException.class, () -> scanner.read(Duration.ofSeconds(5))));
        Thread.sleep(200);
        pty.close();
        pty = null;
        assertThat(read.get(6, TimeUnit.SECONDS).reason(), is(DeviceException.Reason.OFFLINE));
        assertThat(scanner.state(), is(DeviceState.OFFLINE));
    }
}
