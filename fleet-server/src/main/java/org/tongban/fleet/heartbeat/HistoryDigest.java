package org.tongban.fleet.heartbeat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a heartbeat says about the terminal's state, as a SHA-256: the heartbeat without the fields that differ
 * every time (the uptime, the age of the oldest pending transaction) or that are deliveries rather than state
 * (usage counters, command results). Two heartbeats with the same digest would add nothing to the history.
 */
final class HistoryDigest {

    private static final List<String> NOT_STATE = List.of("uptimeSeconds", "oldestPendingAgeSeconds", "usage", "commandResults");

    private HistoryDigest() {
    }

    static String of(JsonNode heartbeat) {
        ObjectNode state = heartbeat.deepCopy();
        state.remove(NOT_STATE);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(state.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
