package org.tongban.kiosk.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tongban.signing.RequestSigner;

/**
 * {@code POST /fleet/v1/heartbeat}, signed as the contract says (HmacSm3, version 1.1). An answer counts only
 * when its signature is right and its timestamp within 300 s of our clock: anything else, and any status but
 * 200, is "nothing is known" ({@link FleetException}), so nothing a forger or a stale replay says is acted on.
 */
public final class FleetClient {

    static final String PATH = "/fleet/v1/heartbeat";
    private static final Duration MAX_SKEW = Duration.ofSeconds(300);
    private static final int MAX_ANSWER_BYTES = 1 << 20;

    private final FleetSettings settings;
    private final RequestSigner signer;
    private final URI uri;
    private final Clock clock;
    private final ObjectMapper json;
    private final HttpClient http;

    public FleetClient(FleetSettings settings, Clock clock, ObjectMapper json) {
        this.settings = settings;
        this.signer = new RequestSigner(settings.secret());
        this.uri = settings.server().resolve(PATH);
        this.clock = clock;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public String terminalId() {
        return settings.terminalId();
    }

    /** Sends one heartbeat; answers the server's signed answer or throws. */
    public FleetAnswer heartbeat(ObjectNode heartbeat) throws FleetException {
        byte[] body;
        try {
            body = json.writeValueAsBytes(heartbeat);
        } catch (IOException e) {
            throw new FleetException("heartbeat not written: " + e.getMessage(), null, e);
        }
        String timestamp = Long.toString(clock.millis());
        String nonce = signer.newNonce();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header(RequestSigner.TERMINAL_ID_HEADER, settings.terminalId())
                .header(RequestSigner.TIMESTAMP_HEADER, timestamp)
                .header(RequestSigner.NONCE_HEADER, nonce)
                .header(RequestSigner.SIGNATURE_HEADER,
                        signer.sign(settings.terminalId(), "POST", uri.getRawPath(), timestamp, nonce, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new FleetException("fleet server " + settings.server() + " unreachable: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("heartbeat interrupted", null, e);
        }
        int status = response.statusCode();
        byte[] answer = response.body();
        String answerTime = response.headers().firstValue(RequestSigner.TIMESTAMP_HEADER).orElse(null);
        String signature = response.headers().firstValue(RequestSigner.SIGNATURE_HEADER).orElse(null);
        Duration retryAfter = response.headers().firstValue("Retry-After").map(FleetClient::seconds).orElse(null);
        if (signature == null || answerTime == null) {
            throw new FleetException("HTTP " + status + " without the server's signature: nothing is known", retryAfter,
                    null);
        }
        if (!fresh(answerTime) || !signer.verifyAnswer(status, nonce, answerTime, answer, signature)) {
            throw new FleetException("HTTP " + status + " with a wrong or stale signature: refused", null, null);
        }
        if (status != 200) {
            throw new FleetException("fleet server answered HTTP " + status + ": " + title(answer), retryAfter, null);
        }
        if (answer.length > MAX_ANSWER_BYTES) {
            throw new FleetException("heartbeat answer over 1 MiB: refused");
        }
        return parse(answer);
    }

    private boolean fresh(String answerTime) {
        try {
            Instant at = Instant.ofEpochMilli(Long.parseLong(answerTime));
            return Duration.between(at, clock.instant()).abs().compareTo(MAX_SKEW) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private FleetAnswer parse(byte[] body) throws FleetException {
        try {
            JsonNode a = json.readTree(body);
            if (a == null || !a.path("intervalSeconds").canConvertToInt() || a.path("intervalSeconds").asInt() < 1
                    || !a.path("commands").isArray()) {
                throw new FleetException("heartbeat answer without intervalSeconds and commands");
            }
            List<FleetAnswer.Command> commands = new ArrayList<>();
            for (JsonNode c : a.path("commands")) {
                if (!c.path("id").isTextual() || !c.path("type").isTextual()) {
                    throw new FleetException("a command without id and type");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> args = c.path("args").isObject() ? json.convertValue(c.path("args"), Map.class) : Map.of();
                commands.add(new FleetAnswer.Command(c.path("id").asText(), c.path("type").asText(), args));
            }
            List<LocalDate> days = new ArrayList<>();
            for (JsonNode d : a.path("usageAcknowledged")) {
                days.add(LocalDate.parse(d.asText()));
            }
            JsonNode s = a.path("assistance");
            FleetAnswer.StaffComing coming = s.isObject()
                    ? new FleetAnswer.StaffComing(s.path("acknowledgedBy").asText(""),
                            s.hasNonNull("at") ? Instant.parse(s.path("at").asText()) : null)
                    : null;
            return new FleetAnswer(Duration.ofSeconds(a.path("intervalSeconds").asInt()), commands, days, coming);
        } catch (IOException | RuntimeException e) {
            throw new FleetException("heartbeat answer unreadable: " + e.getClass().getSimpleName(), null, e);
        }
    }

    private String title(byte[] problem) {
        try {
            return json.readTree(problem).path("title").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
