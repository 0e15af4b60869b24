package org.tongban.kiosk.platform;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tongban.kiosk.outbox.Outbox;
import org.tongban.kiosk.outbox.OutboxState;
import org.tongban.kiosk.outbox.SyncSettings;
import org.tongban.kiosk.outbox.SyncWorker;
import org.tongban.kiosk.platform.PlatformException.Kind;
import org.tongban.kiosk.platformsim.PlatformSimulator;
import org.tongban.kiosk.transport.LoopbackTls;
import org.tongban.kiosk.transport.TlsTrust;
import org.tongban.signing.RequestSigner;

/**
 * The link to the platform as an attacker on the path meets it, over real TLS on loopback: only the platform's
 * own CA is trusted, and an answer is acted on only when the platform signed it for this very request, just now.
 * Whatever else arrives counts as no answer (UNREACHABLE): the outbox keeps the transaction and tries again.
 */
class PlatformLinkTest {

    private static final String TERMINAL = "YN-KM-GD-0001";
    private static final byte[] SECRET = "link-test-secret".getBytes(StandardCharsets.UTF_8);
    private static final Applicant ZHANG = new Applicant(IdType.RESIDENT_ID, "53010219900307123X", "张三");
    private static final byte[] FACE = new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3};

    @TempDir
    Path dir;

    private LoopbackTls.Ca platformCa;
    private PlatformSimulator platform;

    @BeforeEach
    void start() throws Exception {
        platformCa = LoopbackTls.Ca.create("platform-ca", dir);
        platform = new PlatformSimulator(0, Map.of(TERMINAL, SECRET), "{\"version\":\"1\",\"items\":[]}")
                .useTls(platformCa.serverContext(), false).start();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private PlatformClient client(java.net.URI url) {
        return new PlatformClient(new PlatformSettings(url, TERMINAL, SECRET, Duration.ofSeconds(3),
                new PlatformSettings.Tls(platformCa.pem(), null, null, null)));
    }

    private static Heartbeat beat() {
        return new Heartbeat(TERMINAL, Heartbeat.Profile.HALL_KIOSK, "0.1.0", null, 1, 0, null, List.of());
    }

    @Test
    void overTlsTheTerminalTrustsOnlyThePlatformsCa() throws Exception {
        assertThat(client(platform.baseUrl()).heartbeat(beat()).commands(), empty());

        // The JDK's own store does not know the platform's CA: it is not what vouches for the platform.
        PlatformClient systemTrust = new PlatformClient(new PlatformSettings(platform.baseUrl(), TERMINAL, SECRET,
                Duration.ofSeconds(3)));
        assertThat(assertThrows(PlatformException.class, () -> systemTrust.heartbeat(beat())).kind(),
                is(Kind.UNREACHABLE));
    }

    @Test
    void aServerWithACertificateOfAnotherCaIsRefused() throws Exception {
        LoopbackTls.Ca rogue = LoopbackTls.Ca.create("rogue-ca", dir);
        try (PlatformSimulator impostor = new PlatformSimulator(0, Map.of(TERMINAL, SECRET), "{}")
                .useTls(rogue.serverContext(), false).start()) {
            impostor.answerIdentity(true, 0.99);
            PlatformException e = assertThrows(PlatformException.class,
                    () -> client(impostor.baseUrl()).verifyIdentity(ZHANG, FACE, 0.9));
            assertThat(e.kind(), is(Kind.UNREACHABLE));
            assertThat("the face never left the terminal", impostor.identityVerifications(), is(0));
        }
    }

    @Test
    void aForgedMatchIsRefused() throws Exception {
        platform.answerIdentity(false, 0.12);
        // A box on the path that even holds a certificate the terminal trusts, and rewrites the verdict.
        try (LoopbackTls.Server proxy = proxy(body -> body.replace("\"match\":false", "\"match\":true"))) {
            PlatformException e = assertThrows(PlatformException.class,
                    () -> client(proxy.url()).verifyIdentity(ZHANG, FACE, 0.9));
            assertThat(e.kind(), is(Kind.UNREACHABLE));
            assertThat(e.getMessage(), containsString("wrong signature"));
        }
        assertThat(client(platform.baseUrl()).verifyIdentity(ZHANG, FACE, 0.9).match(), is(false));
    }

    @Test
    void aForgedBatchAnswerLeavesTheTransactionPendingAsANetworkFailureWould() throws Exception {
        Clock clock = Clock.systemUTC();
        try (Outbox outbox = Outbox.open(dir.resolve("outbox.db"), dir.resolve("outbox.key"), clock);
                LoopbackTls.Server proxy = proxy(body -> body.replace("\"ACCEPTED\"", "\"REJECTED\"")
                        .replace("\"receiptNo\"", "\"code\":\"FORGED\",\"message\":\"forged\",\"was\""))) {
            Transaction tx = Transaction.submission(TERMINAL, "s1", clock.instant(), "530100-SB-001", ZHANG,
                    Map.of(), List.of());
            outbox.enqueue(tx);
            try (SyncWorker worker = worker(outbox, proxy.url())) {
                worker.start();
                await(() -> attempts(outbox, tx) >= 2);
                assertThat(worker.reachability().online(), is(false));
            }
            // Not REJECTED for a technician on a forger's word: still pending, and delivered once the path is clean.
            assertThat(state(outbox, tx), is(OutboxState.PENDING));
            try (SyncWorker worker = worker(outbox, platform.baseUrl())) {
                worker.start();
                await(() -> state(outbox, tx) == OutboxState.DELIVERED);
            }
            assertThat(platform.countById(tx.id()), is(1));
        }
    }

    @Test
    void aRecordedAnswerReplayedToALaterRequestIsRefused() throws Exception {
        platform.queueCommand(TERMINAL, HeartbeatAnswer.Command.of(HeartbeatAnswer.CommandType.LOCK));
        AtomicReference<Recorded> first = new AtomicReference<>();
        try (LoopbackTls.Server replayer = new LoopbackTls.Server(platformCa.serverContext(), exchange -> {
            Recorded answer = forward(exchange, UnaryOperator.identity());
            first.compareAndSet(null, answer);
            send(exchange, first.get());
        })) {
            PlatformClient client = client(replayer.url());
            assertThat(client.heartbeat(beat()).commands().get(0).type(), is(HeartbeatAnswer.CommandType.LOCK));
            PlatformException e = assertThrows(PlatformException.class, () -> client.heartbeat(beat()));
            assertThat("the LOCK signed for the first heartbeat's nonce", e.kind(), is(Kind.UNREACHABLE));
        }
    }

    @Test
    void unsignedStaleAndOtherSecretAnswersAreRefused() throws Exception {
        String match = "{\"verificationId\":\"IV1\",\"match\":true,\"score\":0.99}";
        Map<String, SignedBy> forgers = Map.of(
                "unsigned", (nonce, body) -> null,
                "signed with another secret", (nonce, body) -> signed(new RequestSigner(
                        "guessed".getBytes(StandardCharsets.UTF_8)), nonce, body, Instant.now()),
                "stale", (nonce, body) -> signed(new RequestSigner(SECRET), nonce, body,
                        Instant.now().minus(Duration.ofMinutes(10))));
        // over TLS (a server holding a certificate of the platform's CA) and over loopback http alike
        for (var forger : forgers.entrySet()) {
            for (javax.net.ssl.SSLContext tls : java.util.Arrays.asList(platformCa.serverContext(), null)) {
                try (LoopbackTls.Server server = new LoopbackTls.Server(tls, exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    byte[] body = match.getBytes(StandardCharsets.UTF_8);
                    String[] signature = forger.getValue().sign(
                            exchange.getRequestHeaders().getFirst(RequestSigner.NONCE_HEADER), body);
                    send(exchange, new Recorded(200, body, signature));
                })) {
                    PlatformException e = assertThrows(PlatformException.class,
                            () -> client(server.url()).verifyIdentity(ZHANG, FACE, 0.9), forger.getKey());
                    assertThat(forger.getKey(), e.kind(), is(Kind.UNREACHABLE));
                    assertThat(forger.getKey(), e.getMessage(), containsString("the answer is not the platform's"));
                }
            }
        }
    }

    @Test
    void withMutualTlsOnlyATerminalWithItsCertificateGetsIn() throws Exception {
        platform.stop();
        platform.useTls(platformCa.serverContextTrustingClientsOf(platformCa.authority()), true).start();
        PlatformException e = assertThrows(PlatformException.class, () -> client(platform.baseUrl()).heartbeat(beat()));
        assertThat(e.kind(), is(Kind.UNREACHABLE));

        Path[] identity = platformCa.clientIdentity(TERMINAL, dir);
        PlatformClient withIdentity = new PlatformClient(new PlatformSettings(platform.baseUrl(), TERMINAL, SECRET,
                Duration.ofSeconds(3), new PlatformSettings.Tls(platformCa.pem(), identity[0], identity[1], null)));
        assertThat(withIdentity.heartbeat(beat()).commands(), empty());
    }

    @Test
    void requestsAreSignedWithTheTerminalIdBound() throws Exception {
        AtomicReference<HttpExchange> seen = new AtomicReference<>();
        try (LoopbackTls.Server spy = new LoopbackTls.Server(platformCa.serverContext(), exchange -> {
            seen.set(exchange);
            send(exchange, forward(exchange, UnaryOperator.identity()));
        })) {
            client(spy.url()).heartbeat(beat());
        }
        var h = seen.get().getRequestHeaders();
        // version 1.1: X-Terminal-Id is the first line of what is signed
        assertThat(new RequestSigner(SECRET).verify(TERMINAL, "POST", "/api/v1/heartbeat",
                h.getFirst(RequestSigner.TIMESTAMP_HEADER), h.getFirst(RequestSigner.NONCE_HEADER),
                lastBody.get(), h.getFirst(RequestSigner.SIGNATURE_HEADER)), is(true));
    }

    // ---- the path between terminal and platform ------------------------------------------------------------

    private interface SignedBy {
        /** {timestamp, signature}, or null for an unsigned answer. */
        String[] sign(String nonce, byte[] body);
    }

    private static String[] signed(RequestSigner signer, String nonce, byte[] body, Instant at) {
        String timestamp = Long.toString(at.toEpochMilli());
        return new String[] {timestamp, signer.signAnswer(200, nonce, timestamp, body)};
    }

    private record Recorded(int status, byte[] body, String[] signature) {
    }

    private final AtomicReference<byte[]> lastBody = new AtomicReference<>();

    /** A TLS-terminating proxy in front of the simulator that rewrites the answer's body. */
    private LoopbackTls.Server proxy(UnaryOperator<String> rewrite) throws Exception {
        return new LoopbackTls.Server(platformCa.serverContext(), exchange -> send(exchange, forward(exchange, rewrite)));
    }

    /** Passes the request on to the simulator as it came, and its answer back through {@code rewrite}. */
    private Recorded forward(HttpExchange exchange, UnaryOperator<String> rewrite) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        lastBody.set(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.baseUrl().resolve(
                exchange.getRequestURI().getRawPath())).method(exchange.getRequestMethod(),
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : List.of(RequestSigner.TERMINAL_ID_HEADER, RequestSigner.TIMESTAMP_HEADER,
                RequestSigner.NONCE_HEADER, RequestSigner.SIGNATURE_HEADER, "Content-Type")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        try {
            HttpClient http = HttpClient.newBuilder().sslContext(TlsTrust.client(platformCa.pem(), null, null)).build();
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Recorded(answer.statusCode(), rewrite.apply(answer.body()).getBytes(StandardCharsets.UTF_8),
                    new String[] {answer.headers().firstValue(RequestSigner.TIMESTAMP_HEADER).orElseThrow(),
                            answer.headers().firstValue(RequestSigner.SIGNATURE_HEADER).orElseThrow()});
        } catch (InterruptedException | java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static void send(HttpExchange exchange, Recorded answer) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (answer.signature() != null) {
                exchange.getResponseHeaders().set(RequestSigner.TIMESTAMP_HEADER, answer.signature()[0]);
                exchange.getResponseHeaders().set(RequestSigner.SIGNATURE_HEADER, answer.signature()[1]);
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    // ---- the outbox ------------------------------------------------------------------------------------------

    private SyncWorker worker(Outbox outbox, java.net.URI url) {
        return new SyncWorker(outbox, client(url), Clock.systemUTC(),
                SyncSettings.defaults().withPacing(Duration.ofMillis(30), Duration.ofMillis(100), Duration.ofMillis(300)),
                PlatformLinkTest::beat);
    }

    private static int attempts(Outbox outbox, Transaction tx) {
        try {
            return outbox.find(tx.id()).orElseThrow().attempts();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static OutboxState state(Outbox outbox, Transaction tx) {
        try {
            return outbox.find(tx.id()).orElseThrow().state();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat("condition within 15 s", System.nanoTime() < deadline, is(true));
            Thread.sleep(20);
        }
    }
}
