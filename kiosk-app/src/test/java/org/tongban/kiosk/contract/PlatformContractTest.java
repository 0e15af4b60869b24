package org.tongban.kiosk.contract;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.tongban.signing.RequestSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.Attachment;
import org.tongban.kiosk.platform.Evaluation;
import org.tongban.kiosk.platform.Heartbeat;
import org.tongban.kiosk.platform.HeartbeatAnswer;
import org.tongban.kiosk.platform.IdType;
import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.kiosk.platform.PlatformException;
import org.tongban.kiosk.platform.PlatformSettings;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platform.TransactionResult;
import org.tongban.kiosk.platformsim.PlatformSimulator;

/**
 * The platform contract ({@code docs/contracts/platform-api.yaml}) made executable: a real {@link PlatformClient}
 * talks to a real {@link PlatformSimulator} on loopback through a {@link RecordingProxy}, every operation of the
 * document is exercised (answers good and bad), and every request and answer that crossed the wire is checked
 * against the document by Atlassian's OpenAPI validator. If the client and the simulator drift from the
 * contract together, their own tests stay green; this one does not.
 */
class PlatformContractTest {

    static final Path CONTRACT = Path.of("..", "docs", "contracts", "platform-api.yaml");
    private static final String TERMINAL = "YN-KM-GD-0001";
    private static final byte[] SECRET = "secret-0001".getBytes(StandardCharsets.UTF_8);
    private static final Applicant ZHANG = new Applicant(IdType.RESIDENT_ID, "53010219900307123X", "张三");
    private static final String CATALOG = "{\"version\":\"2026.11\",\"items\":[]}";

    private static OpenAPI contract;
    private static OpenApiInteractionValidator validator;
    private PlatformSimulator simulator;
    private RecordingProxy proxy;
    private PlatformClient client;

    @BeforeAll
    static void readContract() {
        contract = new OpenAPIV3Parser().read(CONTRACT.toString());
        // The validator checks only an operation's own security requirement, not the document-wide one the
        // contract declares once: hand each operation the document's requirement so a missing signature counts.
        OpenAPI checked = new OpenAPIV3Parser().read(CONTRACT.toString());
        checked.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getSecurity() == null) {
                operation.setSecurity(checked.getSecurity());
            }
        }));
        validator = OpenApiInteractionValidator.createFor(checked).build();
    }

    @BeforeEach
    void start() throws Exception {
        simulator = new PlatformSimulator(0, Map.of(TERMINAL, SECRET), CATALOG).start();
        proxy = new RecordingProxy(simulator.baseUrl());
        client = clientWith(SECRET);
    }

    @AfterEach
    void stop() {
        proxy.close();
        simulator.close();
    }

    @Test
    void everyRequestTheClientSendsAndEveryAnswerTheSimulatorGivesFollowTheContract() throws Exception {
        Transaction submission = Transaction.submission(TERMINAL, "s1", Instant.now(), "530100-SB-001", ZHANG,
                Map.of("phone", "13800000000"), List.of(Attachment.of("page-1.pdf", "application/pdf", new byte[] {
                        '%', 'P', 'D', 'F'})));
        Transaction review = Transaction.evaluation(TERMINAL, "s1", Instant.now(), ZHANG,
                new Evaluation(submission.id(), 5, List.of("fast"), "好"));
        Transaction printed = Transaction.printRecord(TERMINAL, "s1", Instant.now(), "SI-CERT-CONTRIB", ZHANG,
                Map.of("pages", 1, "copies", 1));
        Transaction foreign = Transaction.submission("YN-KM-GD-9999", "s2", Instant.now(), "530100-SB-001", ZHANG,
                Map.of(), List.of());
        List<TransactionResult> results = client.submitBatch(List.of(submission, review, printed, foreign));
        assertThat(results.get(3).status(), is(TransactionResult.Status.REJECTED));
        assertThat(client.submitBatch(List.of(submission)).get(0).status(), is(TransactionResult.Status.DUPLICATE));

        client.query(PlatformSimulator.CONTRIBUTION_CERTIFICATE, ZHANG, Map.of("months", 12));
        assertThrows(PlatformException.class, () -> client.query("NO-SUCH-ITEM", ZHANG, null));
        assertThrows(PlatformException.class, () -> client.query(PlatformSimulator.CONTRIBUTION_CERTIFICATE,
                new Applicant(IdType.FOREIGN_PERMANENT_RESIDENT, "USA110079120101", "SMITH JOHN"), null));

        client.verifyIdentity(ZHANG, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}, 0.97);
        client.verifyIdentity(ZHANG, new byte[] {(byte) 0xFF, (byte) 0xD8}, null);

        client.verifyLicense(PlatformSimulator.VALID_LICENSE_PREFIX + "91530100MA6K");
        client.verifyLicense("not a licence");

        simulator.queueCommand(TERMINAL, new HeartbeatAnswer.Command(HeartbeatAnswer.CommandType.LOCK,
                Map.of("reason", "maintenance")));
        client.heartbeat(new Heartbeat(TERMINAL, Heartbeat.Profile.BANK_STM, "0.1.0", "2026.11", 60, 3, 42L,
                List.of(new Heartbeat.DeviceStatus("printer", "RECEIPT_PRINTER", Heartbeat.DeviceState.DEGRADED,
                        "paper low")),
                new Heartbeat.UpdateStatus(7, "1.4.2", "1.4.2", true,
                        new Heartbeat.UpdateProblem("1.4.3", "signature does not verify", Instant.now()), null),
                true));

        String etag = client.catalog(null).orElseThrow().etag();
        assertThat(client.catalog(etag).isPresent(), is(false));

        simulator.failNext(1, Duration.ofSeconds(5));
        assertThat(assertThrows(PlatformException.class, () -> client.heartbeat(quietBeat())).kind(),
                is(PlatformException.Kind.RETRY_LATER));
        assertThat(assertThrows(PlatformException.class,
                () -> clientWith("wrong".getBytes(StandardCharsets.UTF_8)).heartbeat(quietBeat())).kind(),
                is(PlatformException.Kind.UNAUTHORIZED));

        List<RecordingProxy.Exchange> exchanges = proxy.exchanges();
        List<String> broken = new ArrayList<>();
        Set<String> exercised = new TreeSet<>();
        Set<Integer> statuses = new TreeSet<>();
        for (RecordingProxy.Exchange exchange : exchanges) {
            exercised.add(operationOf(exchange.method(), exchange.rawPathAndQuery()));
            statuses.add(exchange.status());
            ValidationReport report = validator.validate(request(exchange), answer(exchange));
            if (report.hasErrors()) {
                broken.add(exchange.method() + " " + exchange.rawPathAndQuery() + " -> " + exchange.status() + ": "
                        + report.getMessages());
            }
        }
        assertThat(String.join("\n", broken), broken, empty());
        // Since 1.1 every answer carries the platform's signature over status, the request's nonce, its time and body
        // (the validator does not check required answer headers, so this test does).
        RequestSigner signer = new RequestSigner(SECRET);
        for (RecordingProxy.Exchange exchange : exchanges) {
            assertThat("answer to " + exchange.method() + " " + exchange.rawPathAndQuery() + " is signed",
                    signer.verifyAnswer(exchange.status(), header(exchange.requestHeaders(), "X-Nonce"),
                            header(exchange.answerHeaders(), "X-Timestamp"), exchange.answerBody(),
                            header(exchange.answerHeaders(), "X-Signature")), is(true));
        }
        assertThat("every operation of the contract was exercised", exercised, equalTo(operationIds()));
        assertThat(statuses, equalTo(Set.of(200, 304, 401, 404, 422, 503)));

        // The same recorded answer, headers and all, with one value broken: the check reads the bodies it is given.
        RecordingProxy.Exchange batch = exchanges.get(0);
        String tampered = new String(batch.answerBody(), StandardCharsets.UTF_8).replace("\"ACCEPTED\"", "\"OK\"");
        RecordingProxy.Exchange broke = new RecordingProxy.Exchange(batch.method(), batch.rawPathAndQuery(),
                batch.requestHeaders(), batch.requestBody(), batch.status(), batch.answerHeaders(),
                tampered.getBytes(StandardCharsets.UTF_8));
        assertThat(validator.validate(request(broke), answer(broke)).hasErrors(), is(true));
    }

    @Test
    void aRequestThatBreaksTheSchemaIsReported() {
        // An evaluation on the six-level scale of a misreading, and a transaction without its kind.
        String body = "{\"transactions\":[{\"id\":\"" + UUID.randomUUID() + "\",\"terminalId\":\"" + TERMINAL + "\","
                + "\"createdAt\":\"2026-12-04T08:00:00Z\",\"evaluation\":{\"targetTransactionId\":\""
                + UUID.randomUUID() + "\",\"level\":6}}]}";
        Request request = signed(SimpleRequest.Builder.post("/api/v1/transactions:batch"))
                .withContentType("application/json").withBody(body).build();

        ValidationReport report = validator.validateRequest(request);

        assertThat(report.hasErrors(), is(true));
        String messages = report.getMessages().toString();
        assertThat(messages, containsString("kind"));
        assertThat(messages, containsString("maximum"));
    }

    @Test
    void anAnswerThatBreaksTheSchemaIsReported() {
        // A result status the contract does not know and a receipt number as a number.
        Response answer = SimpleResponse.Builder.ok().withContentType("application/json").withBody(
                "{\"results\":[{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"OK\",\"receiptNo\":12}]}").build();

        ValidationReport report = validator.validateResponse("/api/v1/transactions:batch", Request.Method.POST, answer);

        assertThat(report.hasErrors(), is(true));
        String messages = report.getMessages().toString();
        assertThat(messages, containsString("OK"));
        assertThat(messages, containsString("receiptNo"));
    }

    @Test
    void anUnsignedRequestIsReported() {
        Request unsigned = SimpleRequest.Builder.get("/api/v1/catalog").build();

        ValidationReport report = validator.validateRequest(unsigned);

        assertThat(report.getMessages().stream().map(ValidationReport.Message::getKey).toList(),
                hasItem("validation.request.security.missing"));
    }

    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
    }

    private PlatformClient clientWith(byte[] secret) {
        return new PlatformClient(new PlatformSettings(proxy.baseUrl(), TERMINAL, secret, Duration.ofSeconds(5)),
                Clock.systemUTC());
    }

    private static Heartbeat quietBeat() {
        return new Heartbeat(TERMINAL, Heartbeat.Profile.HALL_KIOSK, "0.1.0", "2026.11", 1, 0, null, List.of());
    }

    private static SimpleRequest.Builder signed(SimpleRequest.Builder request) {
        return request.withHeader("X-Terminal-Id", TERMINAL).withHeader("X-Timestamp", "1764835200000")
                .withHeader("X-Nonce", "0123456789abcdef").withHeader("X-Signature", "0".repeat(64));
    }

    private static Request request(RecordingProxy.Exchange exchange) {
        URI uri = URI.create(exchange.rawPathAndQuery());
        SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), uri.getRawPath());
        exchange.requestHeaders().forEach(request::withHeader);
        if (exchange.requestBody().length > 0) {
            request.withBody(exchange.requestBody());
        }
        return request.build();
    }

    private static Response answer(RecordingProxy.Exchange exchange) {
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(exchange.status());
        exchange.answerHeaders().forEach(answer::withHeader);
        if (exchange.answerBody().length > 0) {
            answer.withBody(exchange.answerBody());
        }
        return answer.build();
    }

    private static Set<String> operationIds() {
        Set<String> ids = new TreeSet<>();
        contract.getPaths().values().forEach(item -> item.readOperations().forEach(op -> ids.add(op.getOperationId())));
        return ids;
    }

    /** The operation of the contract a request is for, by its method and path template. */
    private static String operationOf(String method, String rawPathAndQuery) {
        String path = URI.create(rawPathAndQuery).getRawPath();
        for (var entry : contract.getPaths().entrySet()) {
            Pattern template = Pattern.compile(Pattern.quote(entry.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
            if (template.matcher(path).matches()) {
                var operation = entry.getValue().readOperationsMap()
                        .get(io.swagger.v3.oas.models.PathItem.HttpMethod.valueOf(method));
                if (operation != null) {
                    return operation.getOperationId();
                }
            }
        }
        return "none: " + method + " " + path;
    }
}
