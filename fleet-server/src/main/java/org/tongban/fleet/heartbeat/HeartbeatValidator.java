package org.tongban.fleet.heartbeat;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks a heartbeat against the contract before anything of it is stored; returns the first problem or null. */
final class HeartbeatValidator {

    private static final Set<String> DEVICE_STATES = Set.of("ONLINE", "DEGRADED", "OFFLINE", "ERROR");
    private static final Set<String> RESULT_STATES = Set.of("DONE", "FAILED", "REFUSED");

    private HeartbeatValidator() {
    }

    static String problem(JsonNode hb, String terminalId) {
        if (!hb.isObject()) {
            return "the heartbeat must be a JSON object";
        }
        if (!hb.path("terminalId").isTextual() || !hb.path("terminalId").asText().equals(terminalId)) {
            return "terminalId must equal X-Terminal-Id";
        }
        if (!hb.path("softwareVersion").isTextual()) {
            return "softwareVersion (string) is required";
        }
        for (String n : new String[] {"uptimeSeconds", "outboxDepth"}) {
            if (!hb.path(n).canConvertToLong() || !hb.path(n).isIntegralNumber() || hb.path(n).asLong() < 0) {
                return n + " (integer >= 0) is required";
            }
        }
        if (hb.has("oldestPendingAgeSeconds") && !(hb.path("oldestPendingAgeSeconds").isIntegralNumber() && hb.path("oldestPendingAgeSeconds").asLong() >= 0)) {
            return "oldestPendingAgeSeconds must be an integer >= 0";
        }
        if (!hb.path("devices").isArray()) {
            return "devices (array) is required";
        }
        for (JsonNode d : hb.path("devices")) {
            if (!d.path("name").isTextual() || !d.path("kind").isTextual() || !DEVICE_STATES.contains(d.path("state").asText())) {
                return "each device needs name, kind and state (ONLINE, DEGRADED, OFFLINE or ERROR)";
            }
        }
        for (JsonNode r : hb.path("commandResults")) {
            if (!r.path("commandId").isTextual() || !RESULT_STATES.contains(r.path("status").asText())) {
                return "each command result needs commandId and status (DONE, FAILED or REFUSED)";
            }
        }
        for (JsonNode day : hb.path("usage")) {
            try {
                LocalDate.parse(day.path("date").asText());
            } catch (DateTimeParseException e) {
                return "usage date '" + day.path("date").asText() + "' is not YYYY-MM-DD";
            }
            if (!day.path("items").isArray()) {
                return "usage items (array) are required";
            }
            for (JsonNode item : day.path("items")) {
                if (!item.path("itemCode").isTextual()) {
                    return "each usage item needs an itemCode";
                }
                for (String n : new String[] {"started", "completed", "abandoned"}) {
                    if (!item.path(n).isIntegralNumber() || item.path(n).asLong() < 0 || item.path(n).asLong() > Integer.MAX_VALUE) {
                        return "usage " + n + " must be an integer >= 0";
                    }
                }
                for (String n : new String[] {"reviews", "abandonedAt", "reviewReasons"}) {
                    String bad = counters(item.path(n), n);
                    if (bad != null) {
                        return bad;
                    }
                }
            }
            String bad = counters(day.path("hours"), "hours");
            if (bad != null) {
                return bad;
            }
            for (var it = day.path("hours").fieldNames(); it.hasNext();) {
                if (!it.next().matches("[0-9]|1[0-9]|2[0-3]")) {
                    return "usage hours are keyed \"0\" to \"23\"";
                }
            }
        }
        return null;
    }

    /** Absent, or an object of at most 100 names (up to 64 characters) to integers >= 0. */
    private static String counters(JsonNode n, String name) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.isObject() || n.size() > 100) {
            return "usage " + name + " must be an object of at most 100 counters";
        }
        for (var it = n.fields(); it.hasNext();) {
            var e = it.next();
            if (e.getKey().isEmpty() || e.getKey().length() > 64 || !e.getValue().isIntegralNumber() || e.getValue().asLong() < 0
                    || e.getValue().asLong() > Integer.MAX_VALUE) {
                return "usage " + name + " must map names of 1..64 characters to integers >= 0";
            }
        }
        return null;
    }
}
