package org.tongban.fleet.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.fleet.db.Database;

/**
 * Posts queued alerts to the webhook (JSON), retrying a failure after 2, 4, 8 ... seconds (at most 5 minutes
 * apart). Rows are claimed with SKIP LOCKED, so several instances never post the same alert twice at once.
 */
public final class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final int MAX_BACKOFF_SECONDS = 300;

    private final Database db;
    private final URI webhook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public WebhookDispatcher(Database db, URI webhook) {
        this.db = db;
        this.webhook = webhook;
    }

    /** Delivers what is due now; returns how many were delivered. */
    public int deliverDue() throws SQLException {
        return db.inTransaction(c -> {
            int delivered = 0;
            try (var st = c.prepareStatement("SELECT id, payload::text, attempts FROM webhook_delivery"
                    + " WHERE delivered_at IS NULL AND next_attempt_at <= now() ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String error = post(rs.getString(2));
                    if (error == null) {
                        delivered++;
                    }
                    mark(c, rs.getLong(1), rs.getInt(3) + 1, error);
                }
            }
            return delivered;
        });
    }

    private String post(String payload) {
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() / 100 == 2 ? null : "HTTP " + answer.statusCode();
        } catch (java.io.IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void mark(Connection c, long id, int attempts, String error) throws SQLException {
        if (error == null) {
            try (var st = c.prepareStatement("UPDATE webhook_delivery SET delivered_at = now(), attempts = ?, last_error = NULL WHERE id = ?")) {
                st.setInt(1, attempts);
                st.setLong(2, id);
                st.executeUpdate();
            }
            return;
        }
        log.warn("webhook delivery {} failed (attempt {}): {}", id, attempts, error);
        try (var st = c.prepareStatement("UPDATE webhook_delivery SET attempts = ?, last_error = ?,"
                + " next_attempt_at = now() + make_interval(secs => ?) WHERE id = ?")) {
            st.setInt(1, attempts);
            st.setString(2, error);
            st.setInt(3, backoffSeconds(attempts));
            st.setLong(4, id);
            st.executeUpdate();
        }
    }

    static int backoffSeconds(int attempts) {
        return (int) Math.min(MAX_BACKOFF_SECONDS, 1L << Math.min(attempts, 20));
    }
}
