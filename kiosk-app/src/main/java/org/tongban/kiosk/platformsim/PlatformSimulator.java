package org.tongban.kiosk.platformsim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.ContractJson;
import org.tongban.kiosk.platform.HeartbeatAnswer;
import org.tongban.kiosk.platform.IdType;
import org.tongban.kiosk.platform.IdentityVerification;
import org.tongban.kiosk.platform.LicenseVerification;
import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.signing.RequestSigner;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platform.TransactionResult;

/**
 * The provincial platform's terminal gateway as it ships with the kiosk (demo mode) and as the tests use it:
 * the whole contract on 127.0.0.1 over plain HTTP or, after {@link #useTls}, over real TLS, in memory, with
 * scriptable faults.
 *
 * <p>It is strict where the terminal must be correct (signatures, clock skew, nonces, batch limits,
 * transaction validity) and lenient elsewhere: it accepts request signatures of version 1.0 and 1.1 (the
 * upgrade period) and says in {@code X-Signature-Version} that it expects 1.1. It signs every answer to a
 * request that names a terminal it knows, whatever the status, as the platform does.
 *
 * <p>Why it is longer than 400 lines: one HTTP server for every operation of the contract, with the checks the real platform makes (signatures,
 * skew, nonces, limits) and the faults tests inject; its sample data and certificates are classes of their own.
 */
public final class PlatformSimulator implements AutoCloseable {

    /** A QR payload starting with this is a genuine e-license. */
    public static final String VALID_LICENSE_PREFIX = "DZZZ:";
    /**
     * The query item simulated in detail: the social insurance contribution certificate. The other query
     * items of the served catalog get a plain record of monthly amounts ({@link SampleRecords}).
     */
    public static final String CONTRIBUTION_CERTIFICATE = ContributionCertificate.ITEM_CODE;

    static final Duration MAX_SKEW = Duration.ofSeconds(300);
    static final Duration NONCE_MEMORY = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(PlatformSimulator.class);
    private static final ZoneId PLATFORM_ZONE = ZoneId.of("Asia/Shanghai");
    private static final String BATCH_PATH = "/api/v1/transactions:batch";
    private static final String QUERY_PREFIX = "/api/v1/queries/";
    /** Signs the answer to one request: the terminal's secret and the request's nonce. */
    private record AnswerSigning(RequestSigner signer, String nonce) {
    }

    private final Map<String, RequestSigner> terminals = new HashMap<>();
    private final Clock clock;
    private final ObjectMapper mapper = new ContractJson().mapper();
    private final Ledger ledger;
    private final ContributionCertificate certificate = new ContributionCertificate(PLATFORM_ZONE);
    private final FaultScript faults = new FaultScript();
    private final Map<String, Instant> nonces = new ConcurrentHashMap<>();
    private final Map<String, Deque<HeartbeatAnswer.Command>> commands = new HashMap<>();
    private final Map<String, JsonNode> updateReports = new ConcurrentHashMap<>();
    private final Map<String, Boolean> assistance = new ConcurrentHashMap<>();
    private final List<Integer> batchSizes = new ArrayList<>();
    private final java.util.Set<String> poisoned = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicInteger licenseChecks = new AtomicInteger();
    private int port;
    private HttpServer server;
    private ExecutorService executor;
    private volatile String catalogJson;
    private volatile SampleRecords sampleRecords;
    private volatile IdentityVerification identityAnswer = new IdentityVerification(null, true, 0.93);
    private volatile SSLContext tls;
    /** How the answer of each open exchange is signed (not an exchange attribute: those are shared per context). */
    private final Map<HttpExchange, AnswerSigning> answerSigning =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private volatile boolean needClientCertificate;

    /**
     * @param port            the loopback port, 0 for any free one (see {@link #port()})
     * @param terminalSecrets terminal id to its HMAC-SM3 secret
     * @param catalogJson     the catalog document served on {@code GET /api/v1/catalog}
     */
    public PlatformSimulator(int port, Map<String, byte[]> terminalSecrets, String catalogJson) {
        this(port, terminalSecrets, catalogJson, Clock.systemUTC());
    }

    /** @param clock the platform's clock: signature skew, server time, receipt dates and certificates */
    public PlatformSimulator(int port, Map<String, byte[]> terminalSecrets, String catalogJson, Clock clock) {
        this.port = port;
        terminalSecrets.forEach((terminal, secret) -> terminals.put(terminal, new RequestSigner(secret)));
        this.catalogJson = catalogJson;
        this.sampleRecords = SampleRecords.of(catalogJson, mapper, PLATFORM_ZONE);
        this.clock = clock;
        this.ledger = new Ledger(clock, PLATFORM_ZONE, mapper);
    }

    /** Starts listening; after {@link #stop()} it starts again on the same port (the platform comes back). */
    public synchronized PlatformSimulator start() throws IOException {
        if (server != null) {
            return this;
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        HttpServer created;
        if (tls == null) {
            created = HttpServer.create(address, 50);
        } else {
            HttpsServer https = HttpsServer.create(address, 50);
            boolean needClient = needClientCertificate;
            https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    // Once SSLParameters are set, HttpsParameters' own setters are ignored: ask on them.
                    javax.net.ssl.SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                    ssl.setNeedClientAuth(needClient);
                    params.setSSLParameters(ssl);
                }
            });
            created = https;
        }
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "platform-sim-" + port);
            thread.setDaemon(true);
            return thread;
        });
        created.setExecutor(executor);
        created.createContext("/", this::handle);
        created.start();
        server = created;
        port = created.getAddress().getPort();
        log.info("platform simulator listening on {}", baseUrl());
        return this;
    }

    /** Stops listening and drops open connections; the stored transactions stay (the platform goes down). */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        log.info("platform simulator on port {} stopped", port);
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized int port() {
        return port;
    }

    public URI baseUrl() {
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + port() + "/");
    }

    /**
     * Serves over TLS from the next {@link #start()} on, with this context's certificate (one for 127.0.0.1).
     *
     * @param needClientCertificate whether a terminal must present a certificate the context's trust accepts
     */
    public synchronized PlatformSimulator useTls(SSLContext context, boolean needClientCertificate) {
        this.tls = context;
        this.needClientCertificate = needClientCertificate;
        return this;
    }

    // ---- fault injection -------------------------------------------------------------------------------

    /** The next {@code count} requests answer 503 with {@code Retry-After: seconds}. */
    public void failNext(int count, Duration retryAfter) {
        faults.unavailable(count, retryAfter);
    }

    /** The next {@code count} batches are filed, then the connection closes without an answer. */
    public void dropConnectionAfterCommit(int count) {
        faults.dropAfterCommit(count);
    }

    /** The next {@code count} requests answer 200 with a body that is not JSON; nothing is filed. */
    public void answerGarbage(int count) {
        faults.garbage(count);
    }

    /** The next {@code count} batches are filed, then answered 200 with half of the JSON. */
    public void truncateAfterCommit(int count) {
        faults.truncateAfterCommit(count);
    }

    /** Every answer waits this long first (Duration.ZERO for none). */
    public void delayAnswers(Duration delay) {
        faults.delay(delay);
    }

    /** From now on faults strike at random with these chances; the seed makes a run repeatable. */
    public void randomFaults(FaultRates rates, long seed) {
        faults.random(rates, seed);
    }

    /** Faults injected so far, by name (unavailable, garbage, dropAfterCommit, ...). */
    public Map<String, Long> faultsInjected() {
        return faults.injected();
    }

    /** Replays of an already stored transaction, answered DUPLICATE. */
    public long duplicatesAnswered() {
        return ledger.duplicates();
    }

    /** Every batch that holds this transaction is refused whole with 422 (a transaction that breaks the gateway). */
    public void refuseBatchesWith(UUID id) {
        poisoned.add(id.toString());
    }

    /** Forgets all scripted and random faults. */
    public void clearFaults() {
        faults.clear();
        poisoned.clear();
    }

    /** Queues a command for the terminal's next heartbeat answer. */
    public synchronized void queueCommand(String terminalId, HeartbeatAnswer.Command command) {
        commands.computeIfAbsent(terminalId, t -> new ArrayDeque<>()).add(command);
    }

    /** Scripts what identity verification answers from now on (by default a match with score 0.93). */
    public void answerIdentity(boolean match, double score) {
        identityAnswer = new IdentityVerification(null, match, score);
    }

    /** Serves this catalog from now on, and answers the queries of its items. */
    public void setCatalog(String json) {
        catalogJson = json;
        sampleRecords = SampleRecords.of(json, mapper, PLATFORM_ZONE);
    }

    // ---- inspection --------------------------------------------------------------------------------------

    /** The update report of the terminal's last heartbeat that had one (an extra property of the contract). */
    public java.util.Optional<JsonNode> lastUpdateReport(String terminalId) {
        return java.util.Optional.ofNullable(updateReports.get(terminalId));
    }

    /** Whether the terminal's last heartbeat said a citizen there has called for staff. */
    public boolean assistanceRequested(String terminalId) {
        return assistance.getOrDefault(terminalId, false);
    }

    /** Identity verifications answered so far (each carried one face picture, which is not kept). */
    public int identityVerifications() {
        return verifications.get();
    }

    /** E-licence QR payloads received for verification so far. */
    public int licenseChecks() {
        return licenseChecks.get();
    }

    /** Every transaction filed, in filing order. */
    public List<Transaction> transactions() {
        return ledger.transactions();
    }

    /** How many times a transaction id was filed: 0 or 1 unless idempotency is broken. */
    public int countById(UUID id) {
        return ledger.countById(id);
    }

    /** The receipt the platform issued for an id, or null. */
    public String receiptOf(UUID id) {
        return ledger.receiptOf(id);
    }

    /** The size of every batch request that reached the batch handler (signed and within limits). */
    public synchronized List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    /** All requests received, whatever they were answered. */
    public int requestCount() {
        return requests.get();
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        answerSigning(exchange);
        // Not try-with-resources: the exchange must still be open when a catch clause answers the problem.
        try {
            Duration delay = faults.delay();
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            Duration retryAfter = faults.takeUnavailable();
            if (retryAfter != null) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfter.toSeconds()));
                sendProblem(exchange, Problem.of(503, "unavailable", "Service unavailable",
                        "the gateway is under maintenance"));
                return;
            }
            if (faults.takeGarbage()) {
                send(exchange, 200, "application/json",
                        "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body = readBody(exchange);
            String terminal = authenticate(exchange, body);
            route(exchange, terminal, body);
        } catch (Problem.Answer answer) {
            sendProblem(exchange, answer.problem());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("platform simulator failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            sendProblem(exchange, Problem.of(500, "internal", "Internal error", e.toString()));
        } finally {
            answerSigning.remove(exchange);
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, String terminal, byte[] body) throws IOException, Problem.Answer {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (method.equals("GET") && path.equals("/api/v1/catalog")) {
            catalog(exchange);
            return;
        }
        if (!method.equals("POST")) {
            throw Problem.of(405, "method-not-allowed", "Method not allowed", method + " " + path).answer();
        }
        JsonNode request = parse(body);
        switch (path) {
            case BATCH_PATH -> batch(exchange, terminal, request);
            case "/api/v1/heartbeat" -> heartbeat(exchange, terminal, request);
            case "/api/v1/licenses/verify" -> license(exchange, request);
            case "/api/v1/identity/verify" -> identity(exchange, request);
            default -> {
                if (path.startsWith(QUERY_PREFIX)) {
                    query(exchange, path.substring(QUERY_PREFIX.length()), request);
                } else {
                    throw Problem.of(404, "not-found", "Not found", path).answer();
                }
            }
        }
    }

    private void batch(HttpExchange exchange, String terminal, JsonNode request) throws IOException, Problem.Answer {
        JsonNode transactions = request.get("transactions");
        if (transactions == null || !transactions.isArray() || transactions.isEmpty()) {
            throw Problem.of(400, "malformed-batch", "Malformed batch", "transactions must be a non-empty array")
                    .answer();
        }
        if (transactions.size() > PlatformClient.MAX_BATCH_TRANSACTIONS) {
            throw Problem.of(413, "batch-too-large", "Batch too large",
                    transactions.size() + " transactions, at most " + PlatformClient.MAX_BATCH_TRANSACTIONS)
                    .answer();
        }
        List<JsonNode> batch = new ArrayList<>();
        transactions.forEach(batch::add);
        for (JsonNode t : batch) {
            if (poisoned.contains(t.path("id").asText(""))) {
                throw Problem.of(422, "unprocessable-batch", "Unprocessable batch",
                        "a transaction of the batch breaks the gateway").answer();
            }
        }
        synchronized (this) {
            batchSizes.add(batch.size());
        }
        List<TransactionResult> results = ledger.file(terminal, batch, faults::takeReject);
        Duration slow = faults.takeSlowAfterCommit();
        if (!slow.isZero()) {
            try {
                Thread.sleep(slow.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (faults.takeDropAfterCommit()) {
            // Closing the exchange before any response header is sent closes the connection: the terminal
            // sees a network failure although everything was filed.
            return;
        }
        byte[] answer = mapper.writeValueAsBytes(Map.of("results", results));
        if (faults.takeTruncateAfterCommit()) {
            answer = Arrays.copyOf(answer, answer.length / 2);
        }
        send(exchange, 200, "application/json", answer);
    }

    private void query(HttpExchange exchange, String itemCode, JsonNode request) throws IOException, Problem.Answer {
        SampleRecords records = sampleRecords;
        if (!itemCode.equals(CONTRIBUTION_CERTIFICATE) && !records.answers(itemCode)) {
            throw Problem.of(404, "unknown-item", "Unknown query item", "no real-time query for " + itemCode)
                    .answer();
        }
        Applicant applicant;
        try {
            applicant = mapper.treeToValue(request.get("applicant"), Applicant.class);
        } catch (IOException | IllegalArgumentException e) {
            applicant = null;
        }
        if (applicant == null || applicant.idType() != IdType.RESIDENT_ID || applicant.idNumber().length() != 18) {
            throw Problem.of(422, "invalid-applicant", "Invalid applicant",
                    "the certificate needs a resident ID holder with an 18-character ID number").answer();
        }
        sendJson(exchange, itemCode.equals(CONTRIBUTION_CERTIFICATE) ? certificate.answer(applicant, clock.instant())
                : records.answer(itemCode, applicant, clock.instant()).orElseThrow());
    }

    private void heartbeat(HttpExchange exchange, String terminal, JsonNode request) throws IOException,
            Problem.Answer {
        for (String field : List.of("terminalId", "softwareVersion", "uptimeSeconds", "outboxDepth", "devices")) {
            if (!request.hasNonNull(field)) {
                throw Problem.of(400, "invalid-heartbeat", "Invalid heartbeat", field + " is required").answer();
            }
        }
        if (request.hasNonNull("update")) {
            updateReports.put(terminal, request.get("update"));
        }
        assistance.put(terminal, request.path("assistanceRequested").asBoolean(false));
        List<HeartbeatAnswer.Command> due = new ArrayList<>();
        synchronized (this) {
            Deque<HeartbeatAnswer.Command> queued = commands.remove(terminal);
            if (queued != null) {
                due.addAll(queued);
            }
        }
        sendJson(exchange, new HeartbeatAnswer(clock.instant(), due));
    }

    private void license(HttpExchange exchange, JsonNode request) throws IOException, Problem.Answer {
        licenseChecks.incrementAndGet();
        String payload = request.path("qrPayload").asText(null);
        if (payload == null || payload.length() > 4096) {
            throw Problem.of(400, "invalid-qr", "Invalid QR payload", "qrPayload is required, at most 4096")
                    .answer();
        }
        if (!payload.startsWith(VALID_LICENSE_PREFIX)) {
            sendJson(exchange, new LicenseVerification(false, null));
            return;
        }
        String digest = RequestSigner.sm3Hex(payload.getBytes(StandardCharsets.UTF_8)).toUpperCase();
        sendJson(exchange, new LicenseVerification(true, new LicenseVerification.License("营业执照",
                "91530100" + digest.substring(0, 10), "云南通办信息技术股份有限公司", "5301**********0018",
                "昆明市市场监督管理局", LocalDate.of(2019, 5, 20), "长期")));
    }

    private void identity(HttpExchange exchange, JsonNode request) throws IOException, Problem.Answer {
        byte[] face;
        try {
            face = Base64.getDecoder().decode(request.path("faceImage").asText(""));
        } catch (IllegalArgumentException e) {
            face = new byte[0];
        }
        if (request.path("idNumber").asText("").isEmpty() || request.path("name").asText("").isEmpty()
                || face.length == 0 || face.length > PlatformClient.MAX_FACE_IMAGE_BYTES) {
            throw Problem.of(422, "invalid-identity-request", "Invalid identity request",
                    "idNumber, name and a base64 faceImage of at most 200 KiB are required").answer();
        }
        IdentityVerification scripted = identityAnswer;
        sendJson(exchange, new IdentityVerification(String.format("IV%08d", verifications.incrementAndGet()),
                scripted.match(), scripted.score()));
    }

    private void catalog(HttpExchange exchange) throws IOException {
        String json = catalogJson;
        String etag = "\"" + RequestSigner.sm3Hex(json.getBytes(StandardCharsets.UTF_8)).substring(0, 16) + "\"";
        exchange.getResponseHeaders().set("ETag", etag);
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            send(exchange, 304, "application/json", new byte[0]);
            return;
        }
        send(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    // ---- checks --------------------------------------------------------------------------------------------

    private static byte[] readBody(HttpExchange exchange) throws IOException, Problem.Answer {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(PlatformClient.MAX_BATCH_BYTES + 1);
            if (body.length > PlatformClient.MAX_BATCH_BYTES) {
                throw Problem.of(413, "body-too-large", "Request body too large", "at most 8 MiB").answer();
            }
            return body;
        }
    }

    /** Every answer to a request naming a known terminal and a nonce is signed, even a refusal. */
    private void answerSigning(HttpExchange exchange) {
        var headers = exchange.getRequestHeaders();
        String terminal = headers.getFirst(RequestSigner.TERMINAL_ID_HEADER);
        String nonce = headers.getFirst(RequestSigner.NONCE_HEADER);
        RequestSigner signer = terminal == null ? null : terminals.get(terminal);
        if (signer != null && nonce != null) {
            answerSigning.put(exchange, new AnswerSigning(signer, nonce));
        }
    }

    /** Answers the signing terminal's id, or a 401 problem. */
    private String authenticate(HttpExchange exchange, byte[] body) throws Problem.Answer {
        var headers = exchange.getRequestHeaders();
        String terminal = headers.getFirst(RequestSigner.TERMINAL_ID_HEADER);
        String timestamp = headers.getFirst(RequestSigner.TIMESTAMP_HEADER);
        String nonce = headers.getFirst(RequestSigner.NONCE_HEADER);
        String signature = headers.getFirst(RequestSigner.SIGNATURE_HEADER);
        RequestSigner signer = terminal == null ? null : terminals.get(terminal);
        if (signer == null) {
            throw unauthorized("unknown or missing X-Terminal-Id");
        }
        Instant sent;
        try {
            sent = Instant.ofEpochMilli(Long.parseLong(timestamp));
        } catch (NumberFormatException e) {
            throw unauthorized("X-Timestamp must be Unix milliseconds");
        }
        Instant now = clock.instant();
        if (Duration.between(sent, now).abs().compareTo(MAX_SKEW) > 0) {
            throw unauthorized("X-Timestamp is more than 300 s away from the platform's clock");
        }
        if (nonce == null || nonce.length() < 16 || !nonce.chars().allMatch(HexFormat::isHexDigit)) {
            throw unauthorized("X-Nonce must be at least 16 hex characters");
        }
        URI uri = exchange.getRequestURI();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        // Version 1.1 binds the terminal id; 1.0 is still accepted while terminals are upgraded.
        if (!signer.verify(terminal, exchange.getRequestMethod(), target, timestamp, nonce, body, signature)
                && !signer.verify(exchange.getRequestMethod(), target, timestamp, nonce, body, signature)) {
            throw unauthorized("bad signature");
        }
        // Only signed requests reach the nonce memory, so a forger cannot burn a terminal's nonces.
        nonces.values().removeIf(seen -> seen.isBefore(now.minus(NONCE_MEMORY)));
        if (nonces.putIfAbsent(terminal + "/" + nonce, now) != null) {
            throw unauthorized("X-Nonce was used in the last 10 minutes");
        }
        return terminal;
    }

    private static Problem.Answer unauthorized(String detail) {
        return Problem.of(401, "unauthorized", "Unauthorized", detail).answer();
    }

    private JsonNode parse(byte[] body) throws Problem.Answer {
        try {
            JsonNode node = mapper.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // answered below
        }
        throw Problem.of(400, "malformed-json", "Malformed request", "the body must be a JSON object").answer();
    }

    private void sendJson(HttpExchange exchange, Object value) throws IOException {
        send(exchange, 200, "application/json", mapper.writeValueAsBytes(value));
    }

    private void sendProblem(HttpExchange exchange, Problem problem) throws IOException {
        send(exchange, problem.status(), "application/problem+json", mapper.writeValueAsBytes(problem));
    }

    private void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType + "; charset=utf-8");
        headers.set(RequestSigner.SIGNATURE_VERSION_HEADER, RequestSigner.VERSION_1_1);
        AnswerSigning signing = answerSigning.get(exchange);
        if (signing != null) {
            String timestamp = Long.toString(clock.millis());
            headers.set(RequestSigner.TIMESTAMP_HEADER, timestamp);
            headers.set(RequestSigner.SIGNATURE_HEADER, signing.signer().signAnswer(status, signing.nonce(), timestamp,
                    body));
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
