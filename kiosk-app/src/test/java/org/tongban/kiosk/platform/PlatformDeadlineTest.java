package org.tongban.kiosk.platform;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tongban.kiosk.outbox.Outbox;
import org.tongban.kiosk.outbox.SyncSettings;
import org.tongban.kiosk.outbox.SyncWorker;
import org.tongban.kiosk.platform.PlatformException.Kind;
import org.tongban.kiosk.transport.LoopbackTls;
import org.tongban.signing.RequestSigner;

/**
 * Every call to the platform ends by its deadline, body included, and no answer is read past 8 MiB: a server
 * that trickles one byte a second or sends without end cannot hold a citizen's flow or the outbox's thread.
 */
class PlatformDeadlineTest {

    private static final String TERMINAL = "YN-KM-GD-0001";
    private static final byte[] SECRET = "deadline-secret".getBytes(StandardCharsets.UTF_8);
    private static final Duration DEADLINE = Duration.ofMillis(1_500);
    /** Room for a loaded CI machine; the old client stayed for the whole 100 000-second body. */
    private static final Duration MARGIN = Duration.ofMillis(1_500);

    @TempDir
    Path dir;

    private static PlatformClient client(URI url) {
        return new PlatformClient(new PlatformSettings(url, TERMINAL, SECRET, DEADLINE));
    }

    @Test
    void aBodyTricklingOneByteASecondIsCutAtTheDeadline() throws Exception {
        try (LoopbackTls.SlowDrip drip = new LoopbackTls.SlowDrip()) {
            PlatformClient client = client(drip.url());
            for (String call : List.of("catalog", "heartbeat")) {
                long started = System.nanoTime();
                PlatformException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                        PlatformException.class, () -> {
                            if (call.equals("catalog")) {
                                client.catalog(null);
                            } else {
                                client.heartbeat(new Heartbeat(TERMINAL, Heartbeat.Profile.HALL_KIOSK, "0.1.0", null,
                                        1, 0, null, List.of()));
                            }
                        }), call);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(call, e.kind(), is(Kind.UNREACHABLE));
                assertThat(call, e.getMessage(), containsString("no complete answer within 1500 ms"));
                assertThat(call + " took " + took.toMillis() + " ms", took, lessThan(DEADLINE.plus(MARGIN)));
            }
        }
    }

    @Test
    void theSyncThreadIsNotHeldByATricklingPlatform() throws Exception {
        Clock clock = Clock.systemUTC();
        try (LoopbackTls.SlowDrip drip = new LoopbackTls.SlowDrip();
                Outbox outbox = Outbox.open(dir.resolve("outbox.db"), dir.resolve("outbox.key"), clock)) {
            Transaction tx = Transaction.submission(TERMINAL, "s1", clock.instant(), "530100-SB-001",
                    new Applicant(IdType.RESIDENT_ID, "53010219900307123X", "张三"), Map.of(), List.of());
            outbox.enqueue(tx);
            try (SyncWorker worker = new SyncWorker(outbox, client(drip.url()), clock, SyncSettings.defaults()
                    .withPacing(Duration.ofMillis(30), Duration.ofMillis(50), Duration.ofMillis(100)),
                    () -> new Heartbeat(TERMINAL, Heartbeat.Profile.HALL_KIOSK, "0.1.0", null, 1, 0, null, List.of()))) {
                worker.start();
                long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                // Two failed attempts: the thread came back from the first and went on.
                while (outbox.find(tx.id()).orElseThrow().attempts() < 2 && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                assertThat(outbox.find(tx.id()).orElseThrow().attempts(), greaterThanOrEqualTo(2));
                assertThat(worker.reachability().online(), is(false));
            }
            assertThat(drip.connections.get(), greaterThanOrEqualTo(2));
        }
    }

    @Test
    void anAnswerOverEightMebibytesIsRefused() throws Exception {
        byte[] huge = new byte[8 * 1024 * 1024 + 1]; // one byte over the cap
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        for (boolean declared : List.of(true, false)) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    String nonce = exchange.getRequestHeaders().getFirst(RequestSigner.NONCE_HEADER);
                    String timestamp = Long.toString(System.currentTimeMillis());
                    exchange.getResponseHeaders().set(RequestSigner.TIMESTAMP_HEADER, timestamp);
                    exchange.getResponseHeaders().set(RequestSigner.SIGNATURE_HEADER,
                            new RequestSigner(SECRET).signAnswer(200, nonce, timestamp, huge));
                    // 0: chunked, so only counting the bytes as they come can stop it
                    exchange.sendResponseHeaders(200, declared ? huge.length : 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(huge);
                    } catch (java.io.IOException hungUp) {
                        // the client stopped reading: as it should
                    }
                }
            });
            server.start();
            try {
                PlatformException e = assertThrows(PlatformException.class, () -> client(URI.create("http://127.0.0.1:"
                        + server.getAddress().getPort())).catalog(null));
                assertThat(e.kind(), is(Kind.UNREACHABLE));
                assertThat(e.getMessage(), containsString("over the cap of 8388608 bytes"));
            } finally {
                server.stop(0);
            }
        }
    }
}
