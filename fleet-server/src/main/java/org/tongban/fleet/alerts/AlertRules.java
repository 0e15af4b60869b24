package org.tongban.fleet.alerts;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which alerts a heartbeat calls for, each with its detail. OFFLINE is not here: it comes from a heartbeat
 * that does not arrive (see {@link Alerts#sweepOffline}).
 */
public final class AlertRules {

    private final Duration outboxStuckAfter;

    public AlertRules(Duration outboxStuckAfter) {
        this.outboxStuckAfter = outboxStuckAfter;
    }

    public Map<AlertKind, String> wanted(JsonNode heartbeat) {
        Map<AlertKind, String> wanted = new EnumMap<>(AlertKind.class);
        for (JsonNode d : heartbeat.path("devices")) {
            String state = d.path("state").asText();
            String detail = d.path("detail").asText("");
            String name = d.path("name").asText();
            if ("PAPER_OUT".equals(detail)) {
                wanted.merge(AlertKind.PAPER_OUT, name, (a, b) -> a + ", " + b);
            } else if ("PAPER_LOW".equals(detail)) {
                wanted.merge(AlertKind.PAPER_LOW, name, (a, b) -> a + ", " + b);
            } else if ("ERROR".equals(state) || "OFFLINE".equals(state)) {
                wanted.merge(AlertKind.DEVICE_ERROR, name + " " + state + (detail.isEmpty() ? "" : " " + detail),
                        (a, b) -> a + ", " + b);
            }
        }
        long oldest = heartbeat.path("oldestPendingAgeSeconds").asLong(0);
        if (heartbeat.path("outboxDepth").asLong(0) > 0 && oldest > outboxStuckAfter.toSeconds()) {
            wanted.put(AlertKind.OUTBOX_STUCK, heartbeat.path("outboxDepth").asLong() + " pending, oldest " + oldest + " s");
        }
        if (heartbeat.path("assistanceRequested").asBoolean(false)) {
            wanted.put(AlertKind.ASSISTANCE, heartbeat.path("screen").asText(""));
        }
        JsonNode update = heartbeat.path("update");
        if (update.hasNonNull("lastRefusal")) {
            wanted.put(AlertKind.UPDATE_REFUSED, text(update.path("lastRefusal")));
        }
        if (update.hasNonNull("lastRollback")) {
            wanted.put(AlertKind.ROLLED_BACK, text(update.path("lastRollback")));
        }
        return wanted;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }
}
