package org.tongban.kiosk.flow;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;
import org.tongban.kiosk.catalog.StepType;

/** The engine runs exactly the steps the configuration check lets through. */
class StepHandlersTest {

    @Test
    void everySupportedStepTypeHasAHandlerAndNoOtherDoes() {
        StepHandlers standard = StepHandlers.standard();
        for (StepType t : StepType.values()) {
            assertThat(t.yamlName(), standard.handles(t), is(t.supported()));
        }
    }
}
