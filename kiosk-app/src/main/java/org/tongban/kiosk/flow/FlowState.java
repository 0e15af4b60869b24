package org.tongban.kiosk.flow;

import java.util.List;
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
 */
public record FlowState(ServiceFlow.Stage stage, StepType step, String message, String detail,
                        QueryResult result, List<ServiceItem> offlineAlternatives, boolean canRetry) {

    public FlowState {
        offlineAlternatives = offlineAlternatives == null ? List.of() : List.copyOf(offlineAlternatives);
    }

    static FlowState of(ServiceFlow.Stage stage, StepType step, String message) {
        return new FlowState(stage, step, message, null, null, List.of(), false);
    }
}
