package org.tongban.kiosk.flow;

import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.PlatformException;
import org.tongban.kiosk.platform.QueryResult;

/** {@code query}: the platform's answer for this citizen, kept in the session for the print step. */
final class QueryHandler implements StepHandler {

    private final StepContext flow;

    QueryHandler(StepContext flow) {
        this.flow = flow;
    }

    /** Where the answer is kept in the session. */
    static String resultKey(ServiceItem item) {
        return "query:" + item.code();
    }

    @Override
    public void enter() {
        flow.work("flow.querying", this::query);
    }

    private void query() {
        Applicant applicant = flow.applicant().orElseThrow(() -> new IllegalStateException("query before identify"));
        try {
            QueryResult result = flow.services().platform().query(flow.item().code(), applicant);
            flow.session().putResult(resultKey(flow.item()), result);
            flow.show(FlowState.of(Stage.RESULT, flow.step().step(), "flow.result")
                    .showing(new FlowState.Answer(result)));
        } catch (PlatformException e) {
            switch (e.kind()) {
                case UNREACHABLE, RETRY_LATER, BAD_RESPONSE -> flow.needsPlatform(e.getMessage());
                case NOT_FOUND -> flow.fail("flow.error.noRecord", e.detail(), false);
                default -> flow.fail("flow.error.platform", e.getMessage(), false);
            }
        }
    }
}
