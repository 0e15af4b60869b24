package org.tongban.fleet.commands;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** A command to one terminal and where it stands (PENDING, DELIVERED, DONE, FAILED, REFUSED, EXPIRED). */
public record CommandView(UUID id, UUID batchId, String terminalId, CommandType type, JsonNode args, String status,
        String detail, String issuedBy, Instant issuedAt, Instant updatedAt) {

    public boolean finished() {
        return !"PENDING".equals(status) && !"DELIVERED".equals(status);
    }
}
