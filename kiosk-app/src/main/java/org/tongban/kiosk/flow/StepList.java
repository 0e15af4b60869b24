package org.tongban.kiosk.flow;

import java.util.ArrayList;
import java.util.List;
import org.tongban.kiosk.catalog.FlowStep;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.catalog.StepType;

/**
 * The steps of an item as the citizen counts them ("第 2 步 / 共 4 步"): the item's own flow from the catalog,
 * without its guidance (the introduction, read before the first step) and without what the citizen does not
 * see as a step of their own (a hand-off to staff). A step listed twice counts once, at its first place.
 */
public final class StepList {

    private StepList() {
    }

    /** Where the citizen is: step {@code number} (from 1; 0 before the first) of {@code steps}. */
    public record Position(int number, List<StepType> steps) {

        public Position {
            steps = List.copyOf(steps);
        }

        public int total() {
            return steps.size();
        }

        /** Whether step {@code i} (from 0) is done, at hand, or still to come. */
        public Progress progress(int i) {
            return i + 1 < number ? Progress.DONE : i + 1 == number ? Progress.CURRENT : Progress.TO_COME;
        }
    }

    public enum Progress { DONE, CURRENT, TO_COME }

    /** The steps the citizen counts, in order. */
    public static List<StepType> steps(ServiceItem item) {
        return steps(item.flow());
    }

    /** The steps the citizen counts in a flow as the catalog lists it. */
    public static List<StepType> steps(List<FlowStep> flow) {
        List<StepType> steps = new ArrayList<>();
        for (FlowStep s : flow) {
            if (s.step() != StepType.GUIDANCE && s.step() != StepType.HANDOFF && !steps.contains(s.step())) {
                steps.add(s.step());
            }
        }
        return steps;
    }

    /** Where the citizen is in {@code item} while its flow shows {@code state}; all done once the flow is done. */
    public static Position at(ServiceItem item, FlowState state) {
        return at(item.flow(), state);
    }

    /** Where the citizen is in a flow as the catalog lists it. */
    public static Position at(List<FlowStep> flow, FlowState state) {
        List<StepType> steps = steps(flow);
        if (state == null) {
            return new Position(0, steps);
        }
        if (state.stage() == Stage.DONE) {
            return new Position(steps.size() + 1, steps);
        }
        return new Position(steps.indexOf(state.step()) + 1, steps);
    }
}
