package org.tongban.fleet.alerts;

import java.time.Instant;
import java.util.UUID;

public record Alert(UUID id, String terminalId, String hall, AlertKind kind, String detail, Instant openedAt,
        Instant closedAt, String acknowledgedBy, Instant acknowledgedAt) {

    public boolean open() {
        return closedAt == null;
    }
}
