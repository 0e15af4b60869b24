package org.tongban.kiosk.platform;

import java.util.List;
import java.util.UUID;

/**
 * The national five-level "good/bad review" of one service: 5 very satisfied ... 1 very dissatisfied.
 * The level is not range-checked here; the platform judges it and rejects a bad one.
 */
public record Evaluation(UUID targetTransactionId, int level, List<String> reasons, String comment) {

    public Evaluation {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
