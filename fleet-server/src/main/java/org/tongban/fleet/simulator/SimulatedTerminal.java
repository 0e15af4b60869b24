package org.tongban.fleet.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tongban.signing.RequestSigner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One simulated terminal: it sends signed heartbeats (version 1.1), accepts only answers whose signature checks
 * out, carries out each command once (LOCK locks it, UNLOCK unlocks it, the others just succeed) and reports
 * the results in its next heartbeat. Faults and a staff call are switched on by the caller.
 */
public final class SimulatedTerminal {

    /** What one heartbeat brought back. {@code answer} is null when the answer was not verified. */
    public record Exchange(int status, JsonNode answer, boolean signatureValid) {
    }

    private final String id;
    private final RequestSigner signer;
    private final URI heartbeatUri;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Map<String, String[]> devices = new LinkedHashMap<>();
    private final Set<String> carriedOut = new LinkedHashSet<>();
    private final List<ObjectNode> results = new ArrayList<>();
    private boolean locked;
    private boolean assistanceRequested;
    private String screen = "attract";
    private int outboxDepth;
    private int oldestPendingAgeSeconds;
    private String acknowledgedBy;
    private List<ObjectNode> usage = List.of();
    private long installedSequence = 41;
    private String installedVersion = "1.4.2";
    private long previousSequence = 40;
    private String previousVersion = "1.4.1";
    private Channel channel;
    private UpdateStep step = UpdateStep.IDLE;
    private ObjectNode lastRollback;

    /**
     * The release the simulated channel offers ({@code sequence}, {@code version}); this terminal takes it once the
     * server's gate ({@code release.maxSequence}) allows, one step a heartbeat (downloading, installed on trial,
     * then healthy), and rolls back instead of confirming its health when {@code rollsBack}.
     */
    public record Channel(long sequence, String version, boolean rollsBack) {
    }

    private enum UpdateStep { IDLE, DOWNLOADING, ON_TRIAL }

    public SimulatedTerminal(String id, byte[] secret, URI server, HttpClient http, ObjectMapper json) {
        this.id = id;
        this.signer = new RequestSigner(secret);
        this.heartbeatUri = server.resolve("/fleet/v1/heartbeat");
        this.http = http;
        this.json = json;
        devices.put("receipt-printer", new String[] {"RECEIPT_PRINTER", "ONLINE", null});
        devices.put("id-card-reader", new String[] {"ID_CARD_READER", "ONLINE", null});
        devices.put("camera", new String[] {"CAMERA", "ONLINE", null});
    }

    public static byte[] secretFromHex(String hex) {
        return HexFormat.of().parseHex(hex.strip());
    }

    public String id() {
        return id;
    }

    public synchronized void device(String name, String state, String detail) {
        String[] d = devices.get(name);
        devices.put(name, new String[] {d == null ? name.toUpperCase().replace('-', '_') : d[0], state, detail});
    }

    public synchronized void callStaff(String onScreen) {
        assistanceRequested = true;
        screen = onScreen;
    }

    public synchronized void staffArrived() {
        assistanceRequested = false;
        acknowledgedBy = null;
    }

    public synchronized void outbox(int depth, int oldestAgeSeconds) {
        outboxDepth = depth;
        oldestPendingAgeSeconds = oldestAgeSeconds;
    }

    /** The day's counters the next heartbeats carry (null: none). */
    public synchronized void usage(ObjectNode day) {
        usage = day == null ? List.of() : List.of(day);
    }

    /** Several days at once (a terminal back after days offline). */
    public synchronized void usageDays(List<ObjectNode> days) {
        usage = List.copyOf(days);
    }

    public synchronized void channel(Channel offered) {
        this.channel = offered;
    }

    public synchronized long installedSequence() {
        return installedSequence;
    }

    /** Whether a rollback of {@code version} is what this terminal last reported. */
    public synchronized boolean rolledBack() {
        return lastRollback != null;
    }

    public synchronized boolean locked() {
        return locked;
    }

    /** Who said they are coming, as the last verified answer told (null when nobody has yet). */
    public synchronized String acknowledgedBy() {
        return acknowledgedBy;
    }

    public synchronized Set<String> carriedOut() {
        return Set.copyOf(carriedOut);
    }

    public synchronized ObjectNode heartbeatBody() {
        ObjectNode hb = json.createObjectNode();
        hb.put("terminalId", id);
        hb.put("profile", "HALL_KIOSK");
        hb.put("softwareVersion", installedVersion);
        hb.put("catalogVersion", "2026.11.3");
        hb.put("uptimeSeconds", 3600);
        hb.put("outboxDepth", outboxDepth);
        hb.put("oldestPendingAgeSeconds", oldestPendingAgeSeconds);
        hb.put("screen", screen);
        ArrayNode devs = hb.putArray("devices");
        devices.forEach((name, d) -> {
            ObjectNode n = devs.addObject().put("name", name).put("kind", d[0]).put("state", d[1]);
            if (d[2] != null) {
                n.put("detail", d[2]);
            }
        });
        hb.put("locked", locked);
        hb.put("assistanceRequested", assistanceRequested);
        if (!results.isEmpty()) {
            ArrayNode r = hb.putArray("commandResults");
            results.forEach(r::add);
        }
        if (!usage.isEmpty()) {
            usage.forEach(hb.putArray("usage")::add);
        }
        ObjectNode update = hb.putObject("update").put("installedSequence", installedSequence).put("installedVersion", installedVersion)
                .put("appVersion", installedVersion).put("appOnTrial", step == UpdateStep.ON_TRIAL);
        if (step == UpdateStep.DOWNLOADING) {
            update.putObject("downloading").put("sequence", channel.sequence());
        }
        if (lastRollback != null) {
            update.set("lastRollback", lastRollback);
        }
        return hb;
    }

    /** Sends one heartbeat and acts on its answer when (and only when) the answer's signature is right. */
    public Exchange heartbeat() throws IOException, InterruptedException {
        byte[] body;
        synchronized (this) {
            body = json.writeValueAsBytes(heartbeatBody());
        }
        return send(body);
    }

    /** Sends any body, signed (tests use it for malformed ones). */
    public Exchange send(byte[] body) throws IOException, InterruptedException {
        String ts = Long.toString(System.currentTimeMillis());
        String nonce = signer.newNonce();
        String sig = signer.sign(id, "POST", heartbeatUri.getRawPath(), ts, nonce, body);
        return exchange(body, ts, nonce, sig);
    }

    public Exchange exchange(byte[] body, String ts, String nonce, String sig) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(heartbeatUri).header("Content-Type", "application/json")
                .header(RequestSigner.TERMINAL_ID_HEADER, id).header(RequestSigner.TIMESTAMP_HEADER, ts)
                .header(RequestSigner.NONCE_HEADER, nonce).header(RequestSigner.SIGNATURE_HEADER, sig)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        String answerTs = answer.headers().firstValue(RequestSigner.TIMESTAMP_HEADER).orElse(null);
        String answerSig = answer.headers().firstValue(RequestSigner.SIGNATURE_HEADER).orElse(null);
        boolean valid = answerTs != null && Math.abs(System.currentTimeMillis() - Long.parseLong(answerTs)) < 300_000
                && signer.verifyAnswer(answer.statusCode(), nonce, answerTs, answer.body(), answerSig);
        if (!valid) {
            return new Exchange(answer.statusCode(), null, false);
        }
        JsonNode tree = json.readTree(answer.body());
        if (answer.statusCode() == 200) {
            act(tree);
        }
        return new Exchange(answer.statusCode(), tree, true);
    }

    private synchronized void act(JsonNode answer) {
        results.clear();
        for (JsonNode c : answer.path("commands")) {
            String cid = c.path("id").asText();
            if (carriedOut.add(cid)) {
                switch (c.path("type").asText()) {
                    case "LOCK" -> locked = true;
                    case "UNLOCK" -> locked = false;
                    case "ROLLBACK" -> rollBack("the operator asked for it");
                    default -> { }
                }
            }
            results.add(json.createObjectNode().put("commandId", cid).put("status", "DONE"));
        }
        acknowledgedBy = answer.path("assistance").path("acknowledgedBy").asText(null);
        update(answer.path("release").path("maxSequence").asLong(Long.MAX_VALUE));
    }

    /** One step of taking the channel's release, as far as the gate allows (the manifest alone when there is none). */
    private void update(long maxSequence) {
        if (channel == null) {
            return;
        }
        switch (step) {
            case IDLE -> {
                if (channel.sequence() > installedSequence && channel.sequence() <= maxSequence
                        && (lastRollback == null || !channel.version().equals(lastRollback.path("release").asText()))) {
                    step = UpdateStep.DOWNLOADING;
                }
            }
            case DOWNLOADING -> {
                previousSequence = installedSequence;
                previousVersion = installedVersion;
                installedSequence = channel.sequence();
                installedVersion = channel.version();
                step = UpdateStep.ON_TRIAL;
            }
            case ON_TRIAL -> {
                step = UpdateStep.IDLE;
                if (channel.rollsBack()) {
                    rollBack("no health confirmation within 120 s");
                }
            }
        }
    }

    private void rollBack(String reason) {
        if (installedSequence == previousSequence) {
            return;
        }
        lastRollback = json.createObjectNode().put("release", installedVersion).put("reason", reason).put("at", java.time.Instant.now().toString());
        installedSequence = previousSequence;
        installedVersion = previousVersion;
        step = UpdateStep.IDLE;
    }
}
