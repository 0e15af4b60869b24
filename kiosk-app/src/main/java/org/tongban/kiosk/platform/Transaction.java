package org.tongban.kiosk.platform;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One thing the terminal owes the platform. The {@code id} is the idempotency key: it is assigned once,
 * when the citizen finishes the step, and every retry sends the same id.
 *
 * <p>The canonical constructor checks only what the contract requires of every transaction; the
 * platform judges the rest (and answers REJECTED). Use the factories for the three kinds.
 */
public record Transaction(
        UUID id,
        TransactionKind kind,
        String terminalId,
        String sessionId,
        Instant createdAt,
        String itemCode,
        Applicant applicant,
        Map<String, Object> form,
        List<Attachment> attachments,
        Evaluation evaluation) {

    public Transaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(createdAt, "createdAt");
        // LinkedHashMap keeps the form's field order; Map.copyOf would refuse null values from a form.
        form = form == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(form));
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** An application for a service item. */
    public static Transaction submission(String terminalId, String sessionId, Instant now, String itemCode,
            Applicant applicant, Map<String, Object> form, List<Attachment> attachments) {
        Objects.requireNonNull(itemCode, "itemCode");
        return new Transaction(UUID.randomUUID(), TransactionKind.SUBMISSION, terminalId, sessionId, millis(now),
                itemCode, applicant, form, attachments, null);
    }

    /** The citizen's review of an earlier transaction. */
    public static Transaction evaluation(String terminalId, String sessionId, Instant now, Applicant applicant,
            Evaluation evaluation) {
        Objects.requireNonNull(evaluation, "evaluation");
        return new Transaction(UUID.randomUUID(), TransactionKind.EVALUATION, terminalId, sessionId, millis(now),
                null, applicant, null, null, evaluation);
    }

    /** A document printed for the citizen; {@code form} says what was printed (pages, copies, verify code). */
    public static Transaction printRecord(String terminalId, String sessionId, Instant now, String itemCode,
            Applicant applicant, Map<String, Object> form) {
        Objects.requireNonNull(itemCode, "itemCode");
        return new Transaction(UUID.randomUUID(), TransactionKind.PRINT_RECORD, terminalId, sessionId, millis(now),
                itemCode, applicant, form, null, null);
    }

    // Millisecond precision survives every store the transaction goes through (SQLite, JSON) unchanged.
    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Only the bookkeeping: the form and attachments may carry personal data. */
    @Override
    public String toString() {
        return "Transaction[" + id + " " + kind + " item=" + itemCode + " session=" + sessionId + " created="
                + createdAt + " applicant=" + applicant + " formFields=" + form.size() + " attachments="
                + attachments.size() + "]";
    }
}
