package org.tongban.kiosk.platformsim;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.Evaluation;
import org.tongban.kiosk.platform.Heartbeat;
import org.tongban.kiosk.platform.HeartbeatAnswer;
import org.tongban.kiosk.platform.IdType;
import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.kiosk.platform.PlatformException;
import org.tongban.kiosk.platform.PlatformException.Kind;
import org.tongban.kiosk.platform.PlatformSettings;
import org.tongban.kiosk.platform.QueryResult;
import org.tongban.signing.RequestSigner;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platform.TransactionKind;
import org.tongban.kiosk.platform.TransactionResult;
import org.tongban.kiosk.platform.TransactionResult.Status;

/** The simulator through the real client over loopback, as the kiosk meets it. */
class PlatformSimulatorTest {

    private static final String TERMINAL = "YN-KM-GD-0001";
    private static final byte[] SECRET = "secret-0001".getBytes(StandardCharsets.UTF_8);
    private static final Applicant ZHANG = new Applicant(IdType.RESIDENT_ID, "53010219900307123X", "张三");
    private static final String CATALOG = "{\"version\":\"2026.11\",\"items\":[]}";

    private PlatformSimulator simulator;
    private PlatformClient client;

    @BeforeEach
    void start() throws Exception {
        simulator = new PlatformSimulator(0, Map.of(TERMINAL, SECRET), CATALOG).start();
        client = clientWith(SECRET, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private PlatformClient clientWith(byte[] secret, Clock clock) {
        return new PlatformClient(new PlatformSettings(simulator.baseUrl(), TERMINAL, secret, Duration.ofSeconds(2)),
                clock);
    }

    private static Transaction submission() {
        return Transaction.submission(TERMINAL, "s1", Instant.now(), "530100-SB-001", ZHANG,
                Map.of("phone", "13800000000"), List.of());
    }

    @Test
    void filesABatchOnceAndAnswersDuplicateWithTheOriginalReceipt() throws Exception {
        List<Transaction> batch = List.of(submission(), submission(), Transaction.printRecord(TERMINAL, "s1",
                Instant.now(), "SI-CERT-CONTRIB", ZHANG, Map.of("pages", 1)));

        List<TransactionResult> first = client.submitBatch(batch);
        assertThat(first.stream().map(TransactionResult::status).toList(), everyItem(is(Status.ACCEPTED)));
        assertThat(first.stream().map(TransactionResult::receiptNo).toList(),
                everyItem(matchesPattern("SB\\d{8}\\d{6}")));

        List<TransactionResult> replay = client.submitBatch(batch);
        for (int i = 0; i < batch.size(); i++) {
            assertThat(replay.get(i).status(), is(Status.DUPLICATE));
            assertThat(replay.get(i).receiptNo(), equalTo(first.get(i).receiptNo()));
            assertThat(simulator.countById(batch.get(i).id()), is(1));
        }
        assertThat(simulator.transactions(), equalTo(batch));
    }

    @Test
    void rejectsInvalidTransactionsAndFilesTheRest() throws Exception {
        Transaction good = submission();
        Transaction noItem = new Transaction(UUID.randomUUID(), TransactionKind.SUBMISSION, TERMINAL, "s1",
                Instant.now(), null, ZHANG, Map.of(), List.of(), null);
        Transaction badLevel = Transaction.evaluation(TERMINAL, "s1", Instant.now(), ZHANG,
                new Evaluation(good.id(), 6, List.of(), null));
        Transaction goodLevel = Transaction.evaluation(TERMINAL, "s1", Instant.now(), ZHANG,
                new Evaluation(good.id(), 5, List.of("办事快"), "很好"));

        List<TransactionResult> results = client.submitBatch(List.of(good, noItem, badLevel, goodLevel));

        assertThat(results.stream().map(TransactionResult::status).toList(),
                contains(Status.ACCEPTED, Status.REJECTED, Status.REJECTED, Status.ACCEPTED));
        assertThat(results.get(1).code(), equalTo("MISSING_ITEM_CODE"));
        assertThat(results.get(2).code(), equalTo("INVALID_EVALUATION_LEVEL"));
        assertThat(results.get(2).message(), containsString("1..5"));
        assertThat(simulator.transactions(), equalTo(List.of(good, goodLevel)));
    }

    @Test
    void refusesWrongSecretsSkewedClocksAndReplayedNonces() throws Exception {
        PlatformException wrongSecret = assertThrows(PlatformException.class,
                () -> clientWith("nope".getBytes(StandardCharsets.UTF_8), Clock.systemUTC()).heartbeat(beat()));
        assertThat(wrongSecret.kind(), is(Kind.UNAUTHORIZED));

        Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(301));
        assertThat(assertThrows(PlatformException.class, () -> clientWith(SECRET, skewed).heartbeat(beat())).kind(),
                is(Kind.UNAUTHORIZED));
        Clock slightlyOff = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-250));
        assertThat(clientWith(SECRET, slightlyOff).heartbeat(beat()).commands(), empty());

        // The same signed request twice: the second is a replay.
        byte[] body = new ObjectMapper().writeValueAsBytes(Map.of("qrPayload", "x"));
        String timestamp = Long.toString(System.currentTimeMillis());
        String nonce = "00112233445566778899aabbccddeeff";
        String signature = new RequestSigner(SECRET).sign("POST", "/api/v1/licenses/verify", timestamp, nonce, body);
        HttpRequest request = HttpRequest.newBuilder(simulator.baseUrl().resolve("/api/v1/licenses/verify"))
                .header("X-Terminal-Id", TERMINAL).header("X-Timestamp", timestamp).header("X-Nonce", nonce)
                .header("X-Signature", signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpClient http = HttpClient.newHttpClient();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode(), is(200));
        HttpResponse<String> replay = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode(), is(401));
        assertProblem(replay, 401);

        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(simulator.baseUrl().resolve(
                "/api/v1/catalog")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(unsigned, 401);
    }

    @Test
    void enforcesTheBatchLimits() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Transaction> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(submission());
        }
        HttpResponse<String> tooMany = http.send(signedPost("/api/v1/transactions:batch",
                new ObjectMapper().findAndRegisterModules().writeValueAsBytes(Map.of("transactions", many))),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(tooMany, 413);

        byte[] huge = new byte[PlatformClient.MAX_BATCH_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) ' ');
        HttpResponse<String> tooBig = http.send(signedPost("/api/v1/transactions:batch", huge),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(tooBig, 413);
        assertThat(simulator.transactions(), empty());
        assertThrows(IllegalArgumentException.class, () -> client.submitBatch(many));
    }

    @Test
    void answersTheContributionCertificateDeterministically() throws Exception {
        QueryResult first = client.query(PlatformSimulator.CONTRIBUTION_CERTIFICATE, ZHANG, Map.of());
        QueryResult again = client.query(PlatformSimulator.CONTRIBUTION_CERTIFICATE, ZHANG, null);

        assertThat(first.title(), equalTo("社会保险参保缴费证明"));
        assertThat(first.fields().stream().map(QueryResult.Field::label).toList(),
                contains("姓名", "公民身份号码", "参保单位", "参保状态", "首次参保日期"));
        assertThat(first.fields().get(0).value(), equalTo("张三"));
        assertThat(first.fields().get(1).value(), equalTo("5301**********123X"));
        assertThat(first.table().columns(), contains("年月", "缴费基数", "单位缴纳", "个人缴纳", "缴费状态"));
        assertThat(first.table().rows(), hasSize(12));
        assertThat(first.table().rows().get(0).get(1), matchesPattern("\\d{4,5}\\.00"));
        assertThat(first.verifyCode(), matchesPattern("[0-9A-F]{4}(-[0-9A-F]{4}){3}"));
        assertThat(again.fields(), equalTo(first.fields()));
        assertThat(again.table(), equalTo(first.table()));

        QueryResult other = client.query(PlatformSimulator.CONTRIBUTION_CERTIFICATE,
                new Applicant(IdType.RESIDENT_ID, "530102198511230021", "李四"), null);
        assertThat(other.verifyCode(), not(equalTo(first.verifyCode())));

        assertThat(assertThrows(PlatformException.class, () -> client.query("NO-SUCH-ITEM", ZHANG, null)).kind(),
                is(Kind.NOT_FOUND));
        PlatformException badApplicant = assertThrows(PlatformException.class, () -> client.query(
                PlatformSimulator.CONTRIBUTION_CERTIFICATE, new Applicant(IdType.RESIDENT_ID, "123", "王五"), null));
        assertThat(badApplicant.kind(), is(Kind.REFUSED));
        assertThat(badApplicant.httpStatus(), is(422));
    }

    @Test
    void answersTheOtherQueryItemsOfItsCatalogWithAPlainRecord() throws Exception {
        simulator.setCatalog("{\"version\":\"2026.12\",\"items\":["
                + "{\"code\":\"HF-CERT-DEPOSIT\",\"name\":{\"zh\":\"住房公积金缴存证明打印\"},"
                + "\"flow\":[{\"step\":\"guidance\"},{\"step\":\"query\"},{\"step\":\"print\"}]},"
                + "{\"code\":\"HF-GUIDE\",\"name\":{\"zh\":\"指南\"},\"flow\":[{\"step\":\"guidance\"}]}]}");
        QueryResult first = client.query("HF-CERT-DEPOSIT", ZHANG, null);
        assertThat(first.itemCode(), equalTo("HF-CERT-DEPOSIT"));
        assertThat(first.title(), equalTo("住房公积金缴存证明"));
        assertThat(first.table().rows(), hasSize(12));
        assertThat(first.fields().get(1).value(), not(containsString("19900307")));
        QueryResult again = client.query("HF-CERT-DEPOSIT", ZHANG, null);
        assertThat(again.table(), equalTo(first.table()));
        assertThat(again.verifyCode(), equalTo(first.verifyCode()));
        assertThat(assertThrows(PlatformException.class, () -> client.query("HF-GUIDE", ZHANG, null)).kind(),
                equalTo(Kind.NOT_FOUND));
    }

    @Test
    void heartbeatLicenseIdentityAndCatalog() throws Exception {
        simulator.queueCommand(TERMINAL, HeartbeatAnswer.Command.of(HeartbeatAnswer.CommandType.RELOAD_CATALOG));
        HeartbeatAnswer answer = client.heartbeat(beat());
        assertThat(answer.commands(), contains(HeartbeatAnswer.Command.of(HeartbeatAnswer.CommandType.RELOAD_CATALOG)));
        assertThat(client.heartbeat(beat()).commands(), empty());

        assertThat(client.verifyLicense(PlatformSimulator.VALID_LICENSE_PREFIX + "abc").valid(), is(true));
        assertThat(client.verifyLicense(PlatformSimulator.VALID_LICENSE_PREFIX + "abc").license().issuer(),
                equalTo("昆明市市场监督管理局"));
        assertThat(client.verifyLicense("FAKE:abc").valid(), is(false));

        assertThat(client.verifyIdentity(ZHANG, new byte[] {(byte) 0xff, (byte) 0xd8}, 0.98).match(), is(true));
        simulator.answerIdentity(false, 0.12);
        assertThat(client.verifyIdentity(ZHANG, new byte[] {(byte) 0xff, (byte) 0xd8}, null).score(), is(0.12));

        var catalog = client.catalog(null).orElseThrow();
        assertThat(catalog.json(), equalTo(CATALOG));
        assertThat(client.catalog(catalog.etag()), equalTo(Optional.empty()));
        simulator.setCatalog("{\"version\":\"2026.12\"}");
        assertThat(client.catalog(catalog.etag()).orElseThrow().json(), containsString("2026.12"));
    }

    @Test
    void scriptedFaults() throws Exception {
        Transaction tx = submission();

        simulator.failNext(2, Duration.ofSeconds(30));
        for (int i = 0; i < 2; i++) {
            PlatformException busy = assertThrows(PlatformException.class, () -> client.submitBatch(List.of(tx)));
            assertThat(busy.kind(), is(Kind.RETRY_LATER));
            assertThat(busy.retryAfter(), equalTo(Optional.of(Duration.ofSeconds(30))));
        }
        assertThat(simulator.transactions(), empty());

        simulator.answerGarbage(1);
        assertThat(assertThrows(PlatformException.class, () -> client.submitBatch(List.of(tx))).kind(),
                is(Kind.BAD_RESPONSE));
        assertThat(simulator.transactions(), empty());

        simulator.dropConnectionAfterCommit(1);
        assertThat(assertThrows(PlatformException.class, () -> client.submitBatch(List.of(tx))).kind(),
                is(Kind.UNREACHABLE));
        assertThat(simulator.countById(tx.id()), is(1));

        Transaction second = submission();
        simulator.truncateAfterCommit(1);
        assertThat(assertThrows(PlatformException.class, () -> client.submitBatch(List.of(second))).kind(),
                is(Kind.BAD_RESPONSE));
        assertThat(simulator.countById(second.id()), is(1));
        assertThat(client.submitBatch(List.of(tx, second)).stream().map(TransactionResult::status).toList(),
                contains(Status.DUPLICATE, Status.DUPLICATE));

        simulator.delayAnswers(Duration.ofMillis(800));
        PlatformClient impatient = new PlatformClient(new PlatformSettings(simulator.baseUrl(), TERMINAL, SECRET,
                Duration.ofMillis(300)));
        assertThat(assertThrows(PlatformException.class, () -> impatient.heartbeat(beat())).kind(),
                is(Kind.UNREACHABLE));
        simulator.delayAnswers(Duration.ZERO);
    }

    @Test
    void goesDownAndComesBackOnTheSamePort() throws Exception {
        int port = simulator.port();
        simulator.stop();
        assertThat(assertThrows(PlatformException.class, () -> client.heartbeat(beat())).kind(),
                is(Kind.UNREACHABLE));
        simulator.start();
        assertThat(simulator.port(), is(port));
        assertThat(client.heartbeat(beat()).commands(), empty());
    }

    @Test
    void usesThePlatformClockForSkewAndReceipts() throws Exception {
        Clock platformClock = Clock.fixed(Instant.parse("2026-11-21T02:00:00Z"), ZoneOffset.UTC);
        try (PlatformSimulator fixed = new PlatformSimulator(0, Map.of(TERMINAL, SECRET), CATALOG, platformClock)
                .start()) {
            PlatformClient sameClock = new PlatformClient(new PlatformSettings(fixed.baseUrl(), TERMINAL, SECRET,
                    Duration.ofSeconds(2)), platformClock);
            Transaction tx = submission();
            assertThat(sameClock.submitBatch(List.of(tx)).get(0).receiptNo(), equalTo("SB20261121000001"));
            assertThat(sameClock.heartbeat(beat()).serverTime(), equalTo(platformClock.instant()));
        }
    }

    private HttpRequest signedPost(String path, byte[] body) {
        String timestamp = Long.toString(System.currentTimeMillis());
        RequestSigner signer = new RequestSigner(SECRET);
        String nonce = signer.newNonce();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulator.port() + path))
                .header("X-Terminal-Id", TERMINAL).header("X-Timestamp", timestamp).header("X-Nonce", nonce)
                .header("X-Signature", signer.sign("POST", path, timestamp, nonce, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode(), is(status));
        assertThat(response.headers().firstValue("Content-Type").orElse(""),
                containsString("application/problem+json"));
        JsonNode problem = new ObjectMapper().readTree(response.body());
        assertThat(problem.path("type").asText(), not(equalTo("")));
        assertThat(problem.path("title").asText(), not(equalTo("")));
        assertThat(problem.path("status").asInt(), is(status));
    }

    private static Heartbeat beat() {
        return new Heartbeat(TERMINAL, Heartbeat.Profile.HALL_KIOSK, "0.1.0", "2026.11", 60, 0, null,
                List.of(new Heartbeat.DeviceStatus("idcard", "ID_CARD_READER", Heartbeat.DeviceState.ONLINE, null)));
    }
}
