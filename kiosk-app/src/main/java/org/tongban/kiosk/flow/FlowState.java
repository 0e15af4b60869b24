package org.tongban.kiosk.flow;

import java.util.List;
import java.util.Map;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.catalog.StepType;
import org.tongban.kiosk.platform.QueryResult;

/**
 * What a flow shows now. {@code message} is a message key (with {@code detail} for the words of a
 * device or the platform), so the same state reads in either language.
 *
 * @param result the query answer once there is one (personal data: shown, never logged)
 * @param offlineAlternatives items that work without the platform, offered when it is unreachable
 * @param canRetry whether a retry button makes sense (a printer out of paper, a platform that asked to wait)
 * @param fieldErrors for a form: field name to the message key of what is wrong with it
 * @param reference for a submission: the short reference the citizen can quote
 * @param level for the review's reasons: the level chosen
 * @param pages for a capture: how many pages are captured so far
 */
public record FlowState(ServiceFlow.Stage stage, StepType step, String message, String detail,
                        QueryResult result, List<ServiceItem> offlineAlternatives, boolean canRetry,
                        Map<String, String> fieldErrors, String reference, int level, int pages) {

    public FlowState {
        offlineAlternatives = offlineAlternatives == null ? List.of() : List.copyOf(offlineAlternatives);
        fieldErrors = fieldErrors == null ? Map.of() : Map.copyOf(fieldErrors);
    }

    static FlowState of(ServiceFlow.Stage stage, StepType step, String message) {
        return new FlowState(stage, step, message, null, null, List.of(), false, Map.of(), null, 0, 0);
    }

    FlowState withDetail(String d) {
        return new FlowState(stage, step, message, d, result, offlineAlternatives, canRetry, fieldErrors, reference, level, pages);
    }

    FlowState withResult(QueryResult r) {
        return new FlowState(stage, step, message, detail, r, offlineAlternatives, canRetry, fieldErrors, reference, level, pages);
    }

    FlowState withAlternatives(List<ServiceItem> items) {
        return new FlowState(stage, step, message, detail, result, items, canRetry, fieldErrors, reference, level, pages);
    }

    FlowState retryable() {
        return new FlowState(stage, step, message, detail, result, offlineAlternatives, true, fieldErrors, reference, level, pages);
    }

    FlowState withFieldErrors(Map<String, String> errors) {
        return new FlowState(stage, step, message, detail, result, offlineAlternatives, canRetry, errors, reference, level, pages);
    }

    FlowState withLevel(int l) {
        return new FlowState(stage, step, message, detail, result, offlineAlternatives, canRetry, fieldErrors, reference, l, pages);
    }

    FlowState withPages(int n) {
        return new FlowState(stage, step, message, detail, result, offlineAlternatives, canRetry, fieldErrors, reference, level, n);
    }

    FlowState withReference(String ref) {
        return new FlowState(stage, step, message, detail, result, offlineAlternatives, canRetry, fieldErrors, ref, level, pages);
    }
}
