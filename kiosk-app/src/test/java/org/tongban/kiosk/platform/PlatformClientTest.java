package org.tongban.kiosk.platform;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tongban.kiosk.platform.PlatformException.Kind;
import org.tongban.signing.RequestSigner;

/** How the client reads what a (scripted, contract-breaking) server answers. */
class PlatformClientTest {

    private static final byte[] SECRET = "s".getBytes(StandardCharsets.UTF_8);
    private static final Applicant APPLICANT = new Applicant(IdType.RESIDENT_ID, "53010219900307123X", "张三");

    private record Scripted(int status, Map<String, String> headers, String body, long delayMillis) {
    }

    private final AtomicReference<Scripted> next = new AtomicReference<>();
    private final AtomicReference<String> lastRequestBody = new AtomicReference<>();
    private HttpServer server;
    private PlatformClient client;
    private Transaction tx;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", exchange -> {
            try (exchange) {
                lastRequestBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                Scripted answer = next.get();
                if (answer.delayMillis() > 0) {
                    Thread.sleep(answer.delayMillis());
                }
                answer.headers().forEach(exchange.getResponseHeaders()::set);
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                signAnswer(exchange, answer.status(), body);
                exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // A pool, so that the slow answer does not hold the server's dispatcher when the test stops it.
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "scripted-platform");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        client = new PlatformClient(new PlatformSettings(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "YN-KM-GD-0001", SECRET, Duration.ofMillis(1_500)));
        tx = Transaction.submission("YN-KM-GD-0001", "s1", Instant.now(), "ITEM-1", APPLICANT, Map.of(), List.of());
    }

    /** The platform signs every answer (status, the request's nonce, its timestamp, the body). */
    private static void signAnswer(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body) {
        String nonce = exchange.getRequestHeaders().getFirst(RequestSigner.NONCE_HEADER);
        String timestamp = Long.toString(System.currentTimeMillis());
        exchange.getResponseHeaders().set(RequestSigner.TIMESTAMP_HEADER, timestamp);
        exchange.getResponseHeaders().set(RequestSigner.SIGNATURE_HEADER,
                new RequestSigner(SECRET).signAnswer(status, nonce, timestamp, body));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(int status, String body, String... headers) {
        Map<String, String> map = headers.length == 0 ? Map.of() : Map.of(headers[0], headers[1]);
        next.set(new Scripted(status, map, body, 0));
    }

    private PlatformException submitFails() {
        return assertThrows(PlatformException.class, () -> client.submitBatch(List.of(tx)));
    }

    @Test
    void readsResultsInRequestOrder() throws Exception {
        answer(200, "{\"results\":[{\"id\":\"" + tx.id() + "\",\"status\":\"ACCEPTED\",\"receiptNo\":\"SB1\","
                + "\"extra\":1}]}");
        assertThat(client.submitBatch(List.of(tx)), equalTo(List.of(TransactionResult.accepted(tx.id(), "SB1"))));
    }

    @Test
    void aTwoHundredThatBreaksTheContractIsBadResponse() {
        String id = tx.id().toString();
        for (String body : List.of(
                "<html>gateway</html>",
                "{\"results\":[{\"id\":\"" + id + "\",\"status\":\"ACC",
                "",
                "{\"results\":[]}",
                "{\"results\":[{\"id\":\"" + id + "\",\"status\":\"ACCEPTED\",\"receiptNo\":\"a\"},"
                        + "{\"id\":\"" + id + "\",\"status\":\"ACCEPTED\",\"receiptNo\":\"b\"}]}",
                "{\"results\":[{\"id\":\"" + id + "\",\"status\":\"QUEUED\"}]}",
                "{\"results\":[{\"id\":\"" + id + "\",\"status\":\"ACCEPTED\"}]}",
                "{\"results\":[{\"id\":\"" + java.util.UUID.randomUUID() + "\",\"status\":\"ACCEPTED\",\"receiptNo\":\"x\"}]}",
                "{\"results\":[null]}",
                "{\"results\":[\"ACCEPTED\"]}",
                "{\"results\":{}}",
                "[]")) {
            answer(200, body);
            assertThat(body, submitFails().kind(), is(Kind.BAD_RESPONSE));
        }
    }

    @Test
    void statusCodesMapToKinds() {
        answer(429, "{\"type\":\"t\",\"title\":\"Too many\",\"status\":429}", "Retry-After", "7");
        PlatformException busy = submitFails();
        assertThat(busy.kind(), is(Kind.RETRY_LATER));
        assertThat(busy.retryAfter(), equalTo(Optional.of(Duration.ofSeconds(7))));

        answer(500, "<html>oops</html>");
        PlatformException broken = submitFails();
        assertThat(broken.kind(), is(Kind.RETRY_LATER));
        assertThat(broken.retryAfter(), equalTo(Optional.empty()));

        answer(408, "");
        assertThat(submitFails().kind(), is(Kind.RETRY_LATER));

        answer(401, "{\"type\":\"t\",\"title\":\"Unauthorized\",\"status\":401}");
        assertThat(submitFails().kind(), is(Kind.UNAUTHORIZED));

        answer(404, "{\"type\":\"t\",\"title\":\"Not found\",\"status\":404}");
        assertThat(submitFails().kind(), is(Kind.NOT_FOUND));

        answer(422, "{\"type\":\"t\",\"title\":\"Invalid applicant\",\"status\":422,\"detail\":\"needs 18\"}");
        PlatformException refused = submitFails();
        assertThat(refused.kind(), is(Kind.REFUSED));
        assertThat(refused.httpStatus(), is(422));
        assertThat(refused.title(), equalTo("Invalid applicant"));
        assertThat(refused.detail(), equalTo("needs 18"));

        answer(302, "", "Location", "http://example.invalid/");
        assertThat(submitFails().kind(), is(Kind.BAD_RESPONSE));
    }

    @Test
    void retryAfterAsAnHttpDate() {
        String inNinetySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(90));
        answer(503, "", "Retry-After", inNinetySeconds);
        Duration wait = submitFails().retryAfter().orElseThrow();
        assertThat(wait.toSeconds() >= 85 && wait.toSeconds() <= 90, is(true));
    }

    @Test
    void slowAndAbsentPlatformsAreUnreachable() throws Exception {
        next.set(new Scripted(200, Map.of(), "{}", 3_000));
        assertThat(submitFails().kind(), is(Kind.UNREACHABLE));

        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        PlatformClient nowhere = new PlatformClient(new PlatformSettings(URI.create("http://127.0.0.1:" + freePort),
                "YN-KM-GD-0001", new byte[] {1}, Duration.ofSeconds(1)));
        PlatformException e = assertThrows(PlatformException.class, () -> nowhere.submitBatch(List.of(tx)));
        assertThat(e.kind(), is(Kind.UNREACHABLE));
    }

    @Test
    void otherAnswersAreCheckedAgainstTheContractToo() {
        answer(200, "{\"serverTime\":\"2026-11-21T00:00:00Z\",\"commands\":[{\"type\":\"SELF_DESTRUCT\"}]}");
        assertThat(assertThrows(PlatformException.class, () -> client.heartbeat(heartbeat())).kind(),
                is(Kind.BAD_RESPONSE));

        answer(200, "{\"serverTime\":\"2026-11-21T00:00:00Z\"}");
        assertThat(assertThrows(PlatformException.class, () -> client.heartbeat(heartbeat())).kind(),
                is(Kind.BAD_RESPONSE));

        answer(200, "{\"itemCode\":\"SI-CERT-CONTRIB\",\"generatedAt\":\"2026-11-21T00:00:00Z\"}");
        assertThat(assertThrows(PlatformException.class, () -> client.query("SI-CERT-CONTRIB", APPLICANT, null))
                .kind(), is(Kind.BAD_RESPONSE));

        answer(200, "{\"itemCode\":\"X\",\"title\":\"T\",\"generatedAt\":\"yesterday\"}");
        assertThat(assertThrows(PlatformException.class, () -> client.query("X", APPLICANT, null)).kind(),
                is(Kind.BAD_RESPONSE));

        answer(200, "{\"verificationId\":\"v\",\"match\":true}");
        assertThat(assertThrows(PlatformException.class,
                () -> client.verifyIdentity(APPLICANT, new byte[] {1}, null)).kind(), is(Kind.BAD_RESPONSE));

        answer(200, "[1,2]");
        assertThat(assertThrows(PlatformException.class, () -> client.catalog(null)).kind(),
                is(Kind.BAD_RESPONSE));
    }

    @Test
    void requestBodiesFollowTheContractsFieldNames() throws Exception {
        answer(200, "{\"valid\":false}");
        assertThat(client.verifyLicense("QR").valid(), is(false));
        assertThat(lastRequestBody.get(), equalTo("{\"qrPayload\":\"QR\"}"));

        answer(200, "{\"serverTime\":\"2026-11-21T00:00:00Z\",\"commands\":[{\"type\":\"SYNC_NOW\"}]}");
        HeartbeatAnswer beat = client.heartbeat(heartbeat());
        assertThat(beat.commands(), equalTo(List.of(HeartbeatAnswer.Command.of(HeartbeatAnswer.CommandType.SYNC_NOW))));
        assertThat(lastRequestBody.get().contains("\"outboxDepth\":3"), is(true));
    }

    private static Heartbeat heartbeat() {
        return new Heartbeat("YN-KM-GD-0001", Heartbeat.Profile.HALL_KIOSK, "0.1.0", null, 5, 3, null, List.of());
    }
}
