package org.tongban.kiosk.platformsim;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platform.TransactionResult;

/**
 * The simulated platform's store of delivered transactions: each id is stored at most once, a replay
 * answers DUPLICATE with the original receipt, an invalid transaction is REJECTED without being stored.
 */
final class Ledger {

    private static final DateTimeFormatter RECEIPT_DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Clock clock;
    private final ZoneId zone;
    private final ObjectMapper mapper;
    private final Map<UUID, String> receipts = new HashMap<>();
    // Ids refused by an injected rejection: a replay is refused again, as a real platform would.
    private final Map<UUID, TransactionResult> refused = new HashMap<>();
    private long duplicates;
    // Every store, in order; a second entry for one id would be the bug the idempotency key prevents.
    private final List<Transaction> stored = new ArrayList<>();
    private long sequence;

    Ledger(Clock clock, ZoneId zone, ObjectMapper mapper) {
        this.clock = clock;
        this.zone = zone;
        this.mapper = mapper;
    }

    /**
     * Files one batch atomically with respect to other batches; answers in request order.
     *
     * @param rejectNew asked once per new transaction: true refuses it for good (an injected fault)
     */
    synchronized List<TransactionResult> file(String terminalId, List<JsonNode> batch,
            java.util.function.BooleanSupplier rejectNew) throws Problem.Answer {
        List<UUID> ids = new ArrayList<>(batch.size());
        for (JsonNode node : batch) {
            ids.add(idOf(node));
        }
        List<TransactionResult> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            UUID id = ids.get(i);
            String receipt = receipts.get(id);
            if (receipt != null) {
                duplicates++;
                results.add(TransactionResult.duplicate(id, receipt));
                continue;
            }
            if (refused.containsKey(id)) {
                results.add(refused.get(id));
                continue;
            }
            TransactionResult rejection = validate(terminalId, id, batch.get(i));
            if (rejection == null && rejectNew.getAsBoolean()) {
                rejection = TransactionResult.rejected(id, "SIMULATED_REJECTION", "refused by an injected fault");
                refused.put(id, rejection);
            }
            if (rejection != null) {
                results.add(rejection);
                continue;
            }
            Transaction transaction;
            try {
                transaction = mapper.treeToValue(batch.get(i), Transaction.class);
            } catch (Exception e) {
                results.add(TransactionResult.rejected(id, "INVALID_TRANSACTION", "transaction does not match the "
                        + "contract: " + e.getMessage()));
                continue;
            }
            receipt = nextReceipt();
            receipts.put(id, receipt);
            stored.add(transaction);
            results.add(TransactionResult.accepted(id, receipt));
        }
        return results;
    }

    synchronized List<Transaction> transactions() {
        return List.copyOf(stored);
    }

    /** Replays answered DUPLICATE so far. */
    synchronized long duplicates() {
        return duplicates;
    }

    synchronized int countById(UUID id) {
        return (int) stored.stream().filter(t -> t.id().equals(id)).count();
    }

    synchronized String receiptOf(UUID id) {
        return receipts.get(id);
    }

    private static UUID idOf(JsonNode node) throws Problem.Answer {
        // Without a readable id there is nothing to answer per transaction: the whole batch is malformed.
        JsonNode id = node.get("id");
        try {
            if (node.isObject() && id != null && id.isTextual()) {
                return UUID.fromString(id.asText());
            }
        } catch (IllegalArgumentException e) {
            // falls through to the problem below
        }
        throw Problem.of(400, "malformed-batch", "Malformed batch", "every transaction needs a UUID id").answer();
    }

    private static TransactionResult validate(String terminalId, UUID id, JsonNode tx) {
        String kind = tx.path("kind").asText("");
        if (!List.of("SUBMISSION", "EVALUATION", "PRINT_RECORD").contains(kind)) {
            return TransactionResult.rejected(id, "INVALID_KIND", "unknown transaction kind '" + kind + "'");
        }
        if (!terminalId.equals(tx.path("terminalId").asText(null))) {
            return TransactionResult.rejected(id, "TERMINAL_MISMATCH",
                    "transaction terminalId differs from the signing terminal");
        }
        if (tx.path("createdAt").asText("").isEmpty()) {
            return TransactionResult.rejected(id, "MISSING_CREATED_AT", "createdAt is required");
        }
        if (!kind.equals("EVALUATION") && tx.path("itemCode").asText("").isBlank()) {
            return TransactionResult.rejected(id, "MISSING_ITEM_CODE", "itemCode is required for " + kind);
        }
        if (kind.equals("EVALUATION")) {
            JsonNode evaluation = tx.path("evaluation");
            if (!evaluation.isObject() || evaluation.path("targetTransactionId").asText("").isEmpty()) {
                return TransactionResult.rejected(id, "MISSING_EVALUATION",
                        "EVALUATION needs evaluation.targetTransactionId and level");
            }
            JsonNode level = evaluation.path("level");
            if (!level.isInt() || level.asInt() < 1 || level.asInt() > 5) {
                return TransactionResult.rejected(id, "INVALID_EVALUATION_LEVEL",
                        "evaluation level must be 1..5, was " + level);
            }
            if (evaluation.path("comment").asText("").length() > 500) {
                return TransactionResult.rejected(id, "EVALUATION_COMMENT_TOO_LONG",
                        "evaluation comment is limited to 500 characters");
            }
        }
        return null;
    }

    private String nextReceipt() {
        return String.format("SB%s%06d", LocalDate.now(clock.withZone(zone)).format(RECEIPT_DAY), ++sequence);
    }
}
