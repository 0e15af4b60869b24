package org.tongban.kiosk.flow;

import java.util.List;
import java.util.Map;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.catalog.StepType;
import org.tongban.kiosk.platform.QueryResult;

/**
 * What a flow shows now. {@code message} is a message key (with {@code detail} for the words of a
 * device or the platform), so the same state reads in either language; {@code shown} is what the
 * step at hand adds to it, one small record per kind of step.
 *
 * @param canRetry whether a retry button makes sense (a printer out of paper, a platform that asked to wait)
 */
public record FlowState(Stage stage, StepType step, String message, String detail, boolean canRetry,
                        Shown shown) {

    /** What one kind of step shows besides its message. */
    public sealed interface Shown permits Nothing, Answer, FormErrors, Filed, LevelChosen, Pages, Offline {
    }

    /** A step that shows only its message. */
    public record Nothing() implements Shown {
    }

    /** The query's answer (personal data: shown, never logged). */
    public record Answer(QueryResult result) implements Shown {
    }

    /** A form sent back: field name to the message key of what is wrong with it. */
    public record FormErrors(Map<String, String> errors) implements Shown {
        public FormErrors {
            errors = Map.copyOf(errors);
        }
    }

    /** A submission in the outbox: the short reference the citizen can quote. */
    public record Filed(String reference) implements Shown {
    }

    /** The review's reasons are asked for this level. */
    public record LevelChosen(int level) implements Shown {
    }

    /** A capture: how many pages are taken so far. */
    public record Pages(int count) implements Shown {
    }

    /** The platform is away: items that work without it, offered instead. */
    public record Offline(List<ServiceItem> alternatives) implements Shown {
        public Offline {
            alternatives = List.copyOf(alternatives);
        }
    }

    private static final Nothing NOTHING = new Nothing();

    public FlowState {
        shown = shown == null ? NOTHING : shown;
    }

    static FlowState of(Stage stage, StepType step, String message) {
        return new FlowState(stage, step, message, null, false, NOTHING);
    }

    FlowState withDetail(String d) {
        return new FlowState(stage, step, message, d, canRetry, shown);
    }

    FlowState withStage(Stage s) {
        return new FlowState(s, step, message, detail, canRetry, shown);
    }

    FlowState retryable() {
        return new FlowState(stage, step, message, detail, true, shown);
    }

    FlowState showing(Shown s) {
        return new FlowState(stage, step, message, detail, canRetry, s);
    }

    // ---- what the views read: each is empty unless the step shows it ------------------------------

    /** The query answer once there is one, else null. */
    public QueryResult result() {
        return shown instanceof Answer a ? a.result() : null;
    }

    public List<ServiceItem> offlineAlternatives() {
        return shown instanceof Offline o ? o.alternatives() : List.of();
    }

    public Map<String, String> fieldErrors() {
        return shown instanceof FormErrors f ? f.errors() : Map.of();
    }

    /** The submission's reference, else null. */
    public String reference() {
        return shown instanceof Filed f ? f.reference() : null;
    }

    /** The level whose reasons are asked, else 0. */
    public int level() {
        return shown instanceof LevelChosen l ? l.level() : 0;
    }

    /** Pages captured so far, else 0. */
    public int pages() {
        return shown instanceof Pages p ? p.count() : 0;
    }
}
