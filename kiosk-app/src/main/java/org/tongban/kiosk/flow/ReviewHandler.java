package org.tongban.kiosk.flow;

import java.util.List;
import org.tongban.kiosk.outbox.OutboxException;
import org.tongban.kiosk.platform.Evaluation;
import org.tongban.kiosk.platform.Transaction;

/**
 * {@code review}: the national five-level review (5 very satisfied … 1 very dissatisfied). The three good
 * levels are recorded at once; the two lowest ask why first. Also offered when the citizen leaves early.
 */
final class ReviewHandler implements StepHandler {

    /**
     * The reasons a citizen can give for the two lowest levels (sent to the platform as written here), as
     * message keys {@code review.reason.N} for the screen.
     */
    static final List<String> REASONS = List.of(
            "办事流程繁琐", "等待时间过长", "设备操作不便", "办事指南不清楚", "设备故障", "未能办成");
    private static final int MAX_COMMENT = 500;

    private final StepContext flow;

    ReviewHandler(StepContext flow) {
        this.flow = flow;
    }

    @Override
    public void enter() {
        flow.show(Stage.REVIEW, "flow.review");
    }

    /** The citizen leaves an unfinished service: the review of it is asked now instead. */
    void askBeforeLeaving() {
        flow.show(Stage.REVIEW, "flow.review.abandoned");
    }

    /** The citizen picked a level: a good one is recorded, a low one asks why first. */
    void choose(int level) {
        if (flow.state().stage() != Stage.REVIEW) {
            return;
        }
        checkLevel(level);
        if (level <= 2) {
            flow.show(FlowState.of(Stage.REVIEW_REASONS, flow.step().step(), "flow.review.why")
                    .showing(new FlowState.LevelChosen(level)));
        } else {
            review(level, List.of(), null);
        }
    }

    void review(int level, List<String> reasons, String comment) {
        Stage at = flow.state().stage();
        if (at != Stage.REVIEW && at != Stage.REVIEW_REASONS) {
            return;
        }
        checkLevel(level);
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        if (note != null && note.length() > MAX_COMMENT) {
            note = note.substring(0, MAX_COMMENT);
        }
        ServiceFlow.Services s = flow.services();
        Transaction tx = Transaction.evaluation(s.terminalId(), flow.session().id(), s.clock().instant(),
                flow.applicant().orElse(null),
                new Evaluation(flow.handover().reviewTarget(), level, List.copyOf(reasons), note));
        try {
            s.outbox().completeStep(flow.record(), List.of(tx));
        } catch (OutboxException e) {
            flow.fail("flow.error.storage", e.getMessage(), false);
            return;
        }
        if (flow.leaving()) {
            flow.show(Stage.DONE, "flow.done");
        } else {
            flow.next();
        }
    }

    private static void checkLevel(int level) {
        if (level < 1 || level > 5) {
            throw new IllegalArgumentException("review level must be 1..5, not " + level);
        }
    }
}
