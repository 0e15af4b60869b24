package org.tongban.kiosk.fleet;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.tongban.kiosk.flow.FlowState;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.flow.Stage;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platform.TransactionKind;

/**
 * Counts, from what the navigator shows, how the service items are used: an item's flow shown is started; a flow
 * that reaches its end is completed; one left before (for another screen, or when the visit ended) is abandoned
 * at the last step it showed before its closing review. Reviews are counted from the evaluations stored in the
 * outbox ({@link #stored}), with the level and the reasons picked, never the comment. Only item codes, step
 * types, levels and the fixed reasons are counted: nothing about the citizen.
 */
public final class UsageWatch implements Consumer<Navigator> {

    private final UsageDays usage;
    private final Executor writer;
    private ServiceFlow current;
    private String lastStep;
    private boolean ended;

    /** @param writer where the counts are written (off the navigator's lock: a write waits for the disk) */
    public UsageWatch(UsageDays usage, Executor writer) {
        this.usage = usage;
        this.writer = writer;
    }

    /** Called by the navigator after every change (holding its lock). */
    @Override
    public synchronized void accept(Navigator nav) {
        ServiceFlow shown = nav.shown().flow();
        if (shown != current) {
            if (current != null && !ended) {
                abandoned(current.item().code(), lastStep);
            }
            current = shown;
            lastStep = null;
            ended = false;
            if (shown != null) {
                String code = shown.item().code();
                writer.execute(() -> usage.started(code));
            }
        }
        if (current == null || ended) {
            return;
        }
        FlowState state = current.state();
        if (state == null) {
            return;
        }
        if (!state.stage().closing() && state.step() != null) {
            lastStep = state.step().name();
        }
        if (state.stage() == Stage.DONE) {
            ended = true;
            String code = current.item().code();
            if (current.leaving()) {
                abandoned(code, lastStep);
            } else {
                writer.execute(() -> usage.completed(code));
            }
        }
    }

    /** A transaction stored in the outbox: an evaluation is the review of the item shown. */
    public synchronized void stored(Transaction t) {
        if (t.kind() == TransactionKind.EVALUATION && t.evaluation() != null && current != null) {
            String code = current.item().code();
            writer.execute(() -> usage.reviewed(code, t.evaluation().level(), t.evaluation().reasons()));
        }
    }

    private void abandoned(String code, String step) {
        writer.execute(() -> usage.abandoned(code, step));
    }
}
