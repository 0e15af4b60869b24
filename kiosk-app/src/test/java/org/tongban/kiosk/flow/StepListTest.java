package org.tongban.kiosk.flow;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tongban.kiosk.catalog.FlowStep;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.catalog.StepType;

class StepListTest {

    private static List<FlowStep> flow(StepType... types) {
        return java.util.Arrays.stream(types).map(t -> new FlowStep(t, null, null)).toList();
    }

    private static FlowState at(Stage stage, StepType step) {
        return new FlowState(stage, step, null, null, false, null);
    }

    @Test
    void theCitizenCountsTheItemsOwnStepsWithoutItsGuidance() {
        List<FlowStep> steps = flow(StepType.GUIDANCE, StepType.IDENTIFY, StepType.QUERY, StepType.PRINT, StepType.REVIEW);
        assertThat(StepList.steps(steps), contains(StepType.IDENTIFY, StepType.QUERY, StepType.PRINT, StepType.REVIEW));
    }

    @Test
    void theStepAtHandIsNumberedFromOneAndEveryStepBeforeItIsDone() {
        List<FlowStep> steps = flow(StepType.GUIDANCE, StepType.IDENTIFY, StepType.QUERY, StepType.PRINT, StepType.REVIEW);
        StepList.Position guidance = StepList.at(steps, at(Stage.GUIDANCE, StepType.GUIDANCE));
        assertThat(guidance.number(), equalTo(0));
        StepList.Position query = StepList.at(steps, at(Stage.WORKING, StepType.QUERY));
        assertThat(query.number(), equalTo(2));
        assertThat(query.total(), equalTo(4));
        assertThat(query.progress(0), equalTo(StepList.Progress.DONE));
        assertThat(query.progress(1), equalTo(StepList.Progress.CURRENT));
        assertThat(query.progress(3), equalTo(StepList.Progress.TO_COME));
        StepList.Position done = StepList.at(steps, at(Stage.DONE, StepType.REVIEW));
        assertThat(done.progress(3), equalTo(StepList.Progress.DONE));
    }

    @Test
    void aStepListedTwiceCountsOnceAndAHandOffIsNotCounted() {
        List<FlowStep> steps = flow(StepType.IDENTIFY, StepType.FORM, StepType.FORM, StepType.HANDOFF, StepType.SUBMIT);
        assertThat(StepList.steps(steps), contains(StepType.IDENTIFY, StepType.FORM, StepType.SUBMIT));
    }
}
