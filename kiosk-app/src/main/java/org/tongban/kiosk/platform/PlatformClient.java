package org.tongban.kiosk.platform;

import org.tongban.signing.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tongban.kiosk.platform.PlatformException.Kind;
import org.tongban.kiosk.transport.BoundedCall;
import org.tongban.kiosk.transport.TlsTrust;

/**
 * The terminal's side of the platform contract ({@code docs/contracts/platform-api.yaml}). Every request is
 * signed with {@link RequestSigner} (version 1.1, the terminal id bound); every answer must carry the platform's
 * signature over its status, the request's nonce, a fresh timestamp and its body, or it is not acted on: it
 * counts as no answer at all ({@link Kind#UNREACHABLE}), like a network failure. Each call is held to
 * {@link PlatformSettings#requestTimeout()} as a whole and to {@link #MAX_ANSWER_BYTES}. Every failure is one
 * {@link PlatformException} whose kind tells the caller whether to retry. Bodies are never logged: they carry
 * names and ID numbers.
 */
public final class PlatformClient {

    /** The contract's batch limits. */
    public static final int MAX_BATCH_TRANSACTIONS = 100;
    public static final int MAX_BATCH_BYTES = 8 * 1024 * 1024;
    /** The contract's limit on the face image sent for identity verification. */
    public static final int MAX_FACE_IMAGE_BYTES = 200 * 1024;
    /** The largest answer read; the biggest in the contract, the catalog, is far below it. */
    public static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;
    /** The contract's limit on clock skew, for answers as for requests. */
    public static final Duration MAX_ANSWER_SKEW = Duration.ofSeconds(300);

    private static final Logger log = LoggerFactory.getLogger(PlatformClient.class);
    private static final String JSON = "application/json";

    private final PlatformSettings settings;
    private final String base;
    private final Clock clock;
    private final RequestSigner signer;
    private final ContractJson json = new ContractJson();
    private final HttpClient http;

    public PlatformClient(PlatformSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock the source of X-Timestamp; the platform rejects a skew over 300 s */
    public PlatformClient(PlatformSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.signer = new RequestSigner(settings.secret());
        String url = settings.baseUrl().toString();
        // Joined as text: URI.resolve would read "transactions:batch" as a scheme.
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        HttpClient.Builder http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("https".equalsIgnoreCase(settings.baseUrl().getScheme())) {
            sslContext(settings.tls()).ifPresent(http::sslContext);
        }
        this.http = http.build();
    }

    /** Our own CA bundle (and client certificate) when configured; else the JDK's defaults. */
    private static Optional<SSLContext> sslContext(PlatformSettings.Tls tls) {
        if (tls.suites() == PlatformSettings.Suites.SM) {
            // See docs/adr/0013: the Kona SSL provider (TLCP, RFC 8998) does not resolve for this build.
            throw new IllegalArgumentException("platform.tls: sm needs an SM TLS provider (Tencent Kona SSL), "
                    + "which this build does not include; use standard");
        }
        if (tls.caBundle() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(TlsTrust.client(tls.caBundle(), tls.clientCertificate(), tls.clientKey()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("platform TLS: cannot use " + tls.caBundle()
                    + (tls.clientCertificate() == null ? "" : " / " + tls.clientCertificate()) + ": " + e.getMessage(),
                    e);
        }
    }

    public String terminalId() {
        return settings.terminalId();
    }

    /**
     * Delivers 1..100 transactions; answers one result per transaction in request order.
     *
     * @throws IllegalArgumentException for an empty batch or one over 100 transactions (a caller's bug)
     */
    public List<TransactionResult> submitBatch(List<Transaction> transactions) throws PlatformException {
        if (transactions.isEmpty() || transactions.size() > MAX_BATCH_TRANSACTIONS) {
            throw new IllegalArgumentException("a batch holds 1.." + MAX_BATCH_TRANSACTIONS + " transactions, not "
                    + transactions.size());
        }
        JsonNode answer = post("/api/v1/transactions:batch", Map.of("transactions", transactions));
        JsonNode results = answer.get("results");
        if (results == null || !results.isArray()) {
            throw badResponse("batch answer without a results array", null);
        }
        if (results.size() != transactions.size()) {
            throw badResponse("batch of " + transactions.size() + " answered with " + results.size() + " results",
                    null);
        }
        List<TransactionResult> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            TransactionResult result = read(results.get(i), TransactionResult.class);
            Transaction sent = transactions.get(i);
            if (result == null || result.status() == null || !sent.id().equals(result.id())) {
                throw badResponse("result " + i + " is not for transaction " + sent.id(), null);
            }
            if (result.delivered() && (result.receiptNo() == null || result.receiptNo().isBlank())) {
                throw badResponse(result.status() + " without a receiptNo for " + sent.id(), null);
            }
            out.add(result);
        }
        return out;
    }

    /** A real-time query for one applicant, e.g. {@code SI-CERT-CONTRIB}; online only. */
    public QueryResult query(String itemCode, Applicant applicant, Map<String, Object> params)
            throws PlatformException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applicant", applicant);
        if (params != null && !params.isEmpty()) {
            body.put("params", params);
        }
        JsonNode answer = post("/api/v1/queries/" + pathSegment(itemCode), body);
        requireFields(answer, "query result", "itemCode", "title", "generatedAt");
        return read(answer, QueryResult.class);
    }

    public HeartbeatAnswer heartbeat(Heartbeat heartbeat) throws PlatformException {
        JsonNode answer = post("/api/v1/heartbeat", heartbeat);
        requireFields(answer, "heartbeat answer", "serverTime", "commands");
        HeartbeatAnswer parsed = read(answer, HeartbeatAnswer.class);
        if (parsed.commands().stream().anyMatch(c -> c == null || c.type() == null)) {
            throw badResponse("heartbeat command without a type", null);
        }
        return parsed;
    }

    /** Checks an e-license QR code shown on a citizen's phone. */
    public LicenseVerification verifyLicense(String qrPayload) throws PlatformException {
        JsonNode answer = post("/api/v1/licenses/verify", Map.of("qrPayload", qrPayload));
        requireFields(answer, "license verification", "valid");
        return read(answer, LicenseVerification.class);
    }

    /**
     * Compares one live JPEG frame with the registry photo of the applicant. The frame is sent and forgotten.
     *
     * @param livenessScore 0..1 from the camera's liveness check, or null when there was none
     */
    public IdentityVerification verifyIdentity(Applicant applicant, byte[] faceJpeg, Double livenessScore)
            throws PlatformException {
        if (faceJpeg.length == 0 || faceJpeg.length > MAX_FACE_IMAGE_BYTES) {
            throw new IllegalArgumentException("face image must be 1.." + MAX_FACE_IMAGE_BYTES + " bytes");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idNumber", applicant.idNumber());
        body.put("name", applicant.name());
        body.put("faceImage", Base64.getEncoder().encodeToString(faceJpeg));
        if (livenessScore != null) {
            body.put("livenessScore", livenessScore);
        }
        JsonNode answer = post("/api/v1/identity/verify", body);
        requireFields(answer, "identity verification", "verificationId", "match", "score");
        return read(answer, IdentityVerification.class);
    }

    /**
     * Fetches the service catalog unless it is unchanged.
     *
     * @param etag the ETag of the catalog the terminal has, or null
     * @return the new catalog, or empty when the platform answers 304 Not Modified
     */
    public Optional<CatalogUpdate> catalog(String etag) throws PlatformException {
        Map<String, String> headers = etag == null ? Map.of() : Map.of("If-None-Match", etag);
        HttpResponse<byte[]> response = exchange("GET", "/api/v1/catalog", new byte[0], headers);
        if (response.statusCode() == 304) {
            return Optional.empty();
        }
        JsonNode catalog = parse(response.body());
        if (!catalog.isObject()) {
            throw badResponse("catalog is not a JSON object", null);
        }
        return Optional.of(new CatalogUpdate(new String(response.body(), StandardCharsets.UTF_8),
                response.headers().firstValue("ETag").orElse(null)));
    }

    private JsonNode post(String path, Object body) throws PlatformException {
        return parse(exchange("POST", path, json.writeBytes(body), Map.of()).body());
    }

    /** Sends one signed request; answers a 2xx or 304 response, throws for everything else. */
    private HttpResponse<byte[]> exchange(String method, String path, byte[] body, Map<String, String> headers)
            throws PlatformException {
        URI uri = URI.create(base + path);
        String timestamp = Long.toString(clock.millis());
        String nonce = signer.newNonce();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", JSON)
                .header(RequestSigner.TERMINAL_ID_HEADER, settings.terminalId())
                .header(RequestSigner.TIMESTAMP_HEADER, timestamp)
                .header(RequestSigner.NONCE_HEADER, nonce)
                .header(RequestSigner.SIGNATURE_HEADER,
                        signer.sign(settings.terminalId(), method, target, timestamp, nonce, body));
        headers.forEach(request::header);
        if ("GET".equals(method)) {
            request.GET();
        } else {
            request.header("Content-Type", JSON).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        long started = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = BoundedCall.send(http, request.build(), settings.requestTimeout(), MAX_ANSWER_BYTES);
        } catch (HttpTimeoutException e) {
            log.debug("{} {} timed out: {}", method, path, e.getMessage());
            throw new PlatformException(Kind.UNREACHABLE, method + " " + path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            log.debug("{} {} unreachable: {}", method, path, e.toString());
            throw new PlatformException(Kind.UNREACHABLE, method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(Kind.UNREACHABLE, method + " " + path + " interrupted", e);
        }
        int status = response.statusCode();
        log.debug("{} {} -> {} in {} ms", method, path, status, (System.nanoTime() - started) / 1_000_000);
        String unauthentic = unauthentic(response, nonce);
        if (unauthentic != null) {
            // Someone on the path, or a server that is not the platform: what it says is not known to be true.
            log.warn("{} {} -> {}: answer refused, {}", method, path, status, unauthentic);
            if (status == 401) {
                // With a wrong terminal secret no answer verifies, and a 401 is what the platform then says. Read
                // as such it only stops the terminal, as silence would: nothing of its body is believed.
                throw new PlatformException(Kind.UNAUTHORIZED, method + " " + path + " -> HTTP 401, the answer "
                        + unauthentic + ": is the terminal secret the platform's?", status, null, null, null, null);
            }
            throw new PlatformException(Kind.UNREACHABLE, method + " " + path + ": the answer is not the "
                    + "platform's (" + unauthentic + ")", status, null, null, null, null);
        }
        if (status / 100 == 2 || status == 304) {
            return response;
        }
        throw failure(method + " " + path, response);
    }

    /** Why this answer is not the platform's own answer to the request that carried {@code nonce}, or null. */
    private String unauthentic(HttpResponse<byte[]> response, String nonce) {
        String timestamp = response.headers().firstValue(RequestSigner.TIMESTAMP_HEADER).orElse(null);
        String signature = response.headers().firstValue(RequestSigner.SIGNATURE_HEADER).orElse(null);
        if (timestamp == null || signature == null) {
            return "unsigned";
        }
        if (!signer.verifyAnswer(response.statusCode(), nonce, timestamp, response.body(), signature)) {
            return "wrong signature";
        }
        long sent;
        try {
            sent = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "X-Timestamp is not Unix milliseconds";
        }
        if (Math.abs(clock.millis() - sent) > MAX_ANSWER_SKEW.toMillis()) {
            return "stale: signed at " + sent + ", more than " + MAX_ANSWER_SKEW.toSeconds() + " s from now";
        }
        return null;
    }

    private PlatformException failure(String what, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String title = null;
        String detail = null;
        try {
            JsonNode problem = json.mapper().readTree(response.body());
            if (problem != null && problem.isObject()) {
                title = problem.path("title").asText(null);
                detail = problem.path("detail").asText(null);
            }
        } catch (IOException e) {
            // Not problem+json (a proxy's HTML page, say): the status alone still says what happened.
        }
        Kind kind;
        if (status == 408 || status == 429 || status / 100 == 5) {
            kind = Kind.RETRY_LATER;
        } else if (status == 401) {
            kind = Kind.UNAUTHORIZED;
        } else if (status == 404) {
            kind = Kind.NOT_FOUND;
        } else if (status / 100 == 4) {
            kind = Kind.REFUSED;
        } else {
            // 1xx/3xx are not in the contract: the platform spoke, but not our language.
            kind = Kind.BAD_RESPONSE;
        }
        Duration retryAfter = kind == Kind.RETRY_LATER ? retryAfter(response).orElse(null) : null;
        String message = what + " -> HTTP " + status + (title == null ? "" : " " + title)
                + (detail == null ? "" : ": " + detail);
        return new PlatformException(kind, message, status, retryAfter, title, detail, null);
    }

    /** Retry-After as delta-seconds or as an HTTP date; nonsense is ignored rather than trusted. */
    private Optional<Duration> retryAfter(HttpResponse<byte[]> response) {
        Optional<String> value = response.headers().firstValue("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.get());
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private JsonNode parse(byte[] body) throws PlatformException {
        try {
            JsonNode node = json.mapper().readTree(body);
            if (node == null || node.isMissingNode()) {
                throw badResponse("empty body", null);
            }
            return node;
        } catch (IOException e) {
            throw badResponse("body is not valid JSON", e);
        }
    }

    private <T> T read(JsonNode node, Class<T> type) throws PlatformException {
        try {
            return json.mapper().treeToValue(node, type);
        } catch (IOException | RuntimeException e) {
            // Jackson reports unknown enum values, bad UUIDs and dates as IOExceptions; a record's own checks
            // surface as runtime exceptions. Either way the platform broke the contract. Only the field path goes
            // into the message: Jackson's own message quotes the offending value, which may be personal data.
            String where = e instanceof JsonMappingException mapping ? " at " + mapping.getPathReference() : "";
            throw badResponse("cannot read " + type.getSimpleName() + where, e);
        }
    }

    private void requireFields(JsonNode node, String what, String... fields) throws PlatformException {
        if (!(node instanceof ObjectNode)) {
            throw badResponse(what + " is not a JSON object", null);
        }
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw badResponse(what + " lacks " + field, null);
            }
        }
    }

    private static PlatformException badResponse(String message, Throwable cause) {
        return new PlatformException(Kind.BAD_RESPONSE, message, cause);
    }

    /** Percent-encodes one path segment (RFC 3986 unreserved characters stay as they are). */
    private static String pathSegment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
