package org.tongban.fleet.heartbeat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;

import org.tongban.fleet.db.Database;
import org.tongban.fleet.http.Problem;
import org.tongban.signing.RequestSigner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/**
 * {@code POST /fleet/v1/heartbeat}: authenticates the terminal (HmacSm3 v1.1 or v1.0, skew, nonce), hands the
 * heartbeat to the {@link HeartbeatService} and signs the answer, whatever its status, whenever the terminal's
 * secret is known.
 */
public final class HeartbeatEndpoint {

    public static final String PATH = "/fleet/v1/heartbeat";
    static final Duration MAX_SKEW = Duration.ofSeconds(300);

    private final Database db;
    private final HeartbeatService service;
    private final ObjectMapper json;

    public HeartbeatEndpoint(Database db, HeartbeatService service, ObjectMapper json) {
        this.db = db;
        this.service = service;
        this.json = json;
    }

    private record Known(RequestSigner signer, boolean revoked) {
    }

    public void handle(Context ctx) throws SQLException, java.io.IOException {
        String terminalId = ctx.header(RequestSigner.TERMINAL_ID_HEADER);
        String timestamp = ctx.header(RequestSigner.TIMESTAMP_HEADER);
        String nonce = ctx.header(RequestSigner.NONCE_HEADER);
        String signature = ctx.header(RequestSigner.SIGNATURE_HEADER);
        if (terminalId == null || timestamp == null || nonce == null || signature == null) {
            problem(ctx, null, nonce, new Problem(401, "Unsigned request", "X-Terminal-Id, X-Timestamp, X-Nonce and X-Signature are required"));
            return;
        }
        Known known = lookup(terminalId);
        RequestSigner signer = known == null ? null : known.signer();
        byte[] body;
        try {
            body = ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            problem(ctx, signer, nonce, new Problem(413, "Body too large", "a heartbeat is at most 1 MiB"));
            return;
        }
        String target = ctx.req().getRequestURI() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        if (known == null) {
            problem(ctx, null, nonce, new Problem(401, "Unknown terminal", null));
            return;
        }
        boolean valid = signer.verify(terminalId, ctx.method().name(), target, timestamp, nonce, body, signature)
                || signer.verify(ctx.method().name(), target, timestamp, nonce, body, signature);
        if (!valid) {
            problem(ctx, signer, nonce, new Problem(401, "Bad signature", null));
            return;
        }
        if (known.revoked()) {
            problem(ctx, signer, nonce, new Problem(401, "Terminal revoked", null));
            return;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            problem(ctx, signer, nonce, new Problem(401, "Bad timestamp", "X-Timestamp is Unix milliseconds"));
            return;
        }
        if (Math.abs(System.currentTimeMillis() - ts) > MAX_SKEW.toMillis()) {
            problem(ctx, signer, nonce, new Problem(401, "Clock skew", "X-Timestamp is more than 300 s off the server's clock"));
            return;
        }
        if (!nonce.matches("[0-9a-fA-F]{16,128}")) {
            problem(ctx, signer, nonce, new Problem(401, "Bad nonce", "X-Nonce is 16 to 128 hex characters"));
            return;
        }
        JsonNode heartbeat;
        try {
            heartbeat = json.readTree(body);
        } catch (JsonProcessingException e) {
            problem(ctx, signer, nonce, new Problem(400, "Malformed JSON", e.getOriginalMessage()));
            return;
        }
        String invalid = heartbeat == null ? "empty body" : HeartbeatValidator.problem(heartbeat, terminalId);
        if (invalid != null) {
            problem(ctx, signer, nonce, new Problem(400, "Invalid heartbeat", invalid));
            return;
        }
        try {
            // the nonce is recorded in the heartbeat's own transaction (one commit per heartbeat, not two)
            var accepted = service.accept(terminalId, nonce, heartbeat);
            if (accepted.isEmpty()) {
                problem(ctx, signer, nonce, new Problem(401, "Replayed nonce", null));
                return;
            }
            byte[] answer = json.writeValueAsBytes(accepted.get());
            signed(ctx, signer, nonce, 200, "application/json", answer);
        } catch (SQLException | RuntimeException e) {
            if (Database.unavailable(e)) {
                ctx.header("Retry-After", "5");
                problem(ctx, signer, nonce, new Problem(503, "Database unavailable", "try again later"));
                return;
            }
            throw e;
        }
    }

    private Known lookup(String terminalId) throws SQLException {
        try (Connection c = db.connection();
                var st = c.prepareStatement("SELECT secret, revoked_at IS NOT NULL FROM terminal WHERE id = ?")) {
            st.setString(1, terminalId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new Known(new RequestSigner(HexFormat.of().parseHex(rs.getString(1))), rs.getBoolean(2)) : null;
            }
        }
    }

    private void problem(Context ctx, RequestSigner signer, String nonce, Problem p) {
        signed(ctx, signer, nonce, p.status(), Problem.CONTENT_TYPE, p.toJson(json));
    }

    private static void signed(Context ctx, RequestSigner signer, String nonce, int status, String type, byte[] body) {
        if (signer != null && nonce != null) {
            String ts = Long.toString(System.currentTimeMillis());
            ctx.header(RequestSigner.TIMESTAMP_HEADER, ts);
            ctx.header(RequestSigner.SIGNATURE_VERSION_HEADER, RequestSigner.VERSION_1_1);
            ctx.header(RequestSigner.SIGNATURE_HEADER, signer.signAnswer(status, nonce, ts, body));
        }
        ctx.status(status).contentType(type).result(body);
    }
}
