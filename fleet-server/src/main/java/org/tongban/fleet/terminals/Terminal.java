package org.tongban.fleet.terminals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * An enrolled terminal as of its latest heartbeat ({@code heartbeat} is missing before the first one).
 * The state rules live here, in one place, for the API and the console alike.
 */
public record Terminal(String id, String region, String hall, String profile, Instant revokedAt, Instant lastSeen,
        JsonNode heartbeat, int openAlerts) {

    public Terminal {
        heartbeat = heartbeat == null ? MissingNode.getInstance() : heartbeat;
    }

    public TerminalState state(Instant now, Duration offlineAfter) {
        if (revokedAt != null) {
            return TerminalState.REVOKED;
        }
        if (lastSeen == null) {
            return TerminalState.NEVER_SEEN;
        }
        if (lastSeen.plus(offlineAfter).isBefore(now)) {
            return TerminalState.OFFLINE;
        }
        if (heartbeat.path("locked").asBoolean(false)) {
            return TerminalState.LOCKED;
        }
        for (Device d : devices()) {
            if (!"ONLINE".equals(d.state()) || d.paperLow()) {
                return TerminalState.DEGRADED;
            }
        }
        return TerminalState.ONLINE;
    }

    public List<Device> devices() {
        List<Device> devices = new ArrayList<>();
        for (JsonNode d : heartbeat.path("devices")) {
            devices.add(new Device(d.path("name").asText(), d.path("kind").asText(), d.path("state").asText(),
                    d.hasNonNull("detail") ? d.path("detail").asText() : null));
        }
        return devices;
    }

    public boolean assistanceRequested() {
        return heartbeat.path("assistanceRequested").asBoolean(false);
    }

    /** The screen the citizen is on, as the terminal names it (never personal data). */
    public String screen() {
        return heartbeat.path("screen").asText(null);
    }

    public String softwareVersion() {
        return heartbeat.path("softwareVersion").asText(null);
    }

    public String catalogVersion() {
        return heartbeat.path("catalogVersion").asText(null);
    }

    public Integer outboxDepth() {
        return heartbeat.has("outboxDepth") ? heartbeat.path("outboxDepth").asInt() : null;
    }

    public Integer oldestPendingAgeSeconds() {
        return heartbeat.has("oldestPendingAgeSeconds") ? heartbeat.path("oldestPendingAgeSeconds").asInt() : null;
    }

    public JsonNode update() {
        return heartbeat.path("update");
    }

    public record Device(String name, String kind, String state, String detail) {
        public boolean paperLow() {
            return "PAPER_LOW".equals(detail);
        }

        public boolean paperOut() {
            return "PAPER_OUT".equals(detail);
        }
    }
}
