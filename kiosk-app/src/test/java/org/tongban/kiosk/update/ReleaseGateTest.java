package org.tongban.kiosk.update;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The fleet's gate: shut until the fleet answers, then its maxSequence, or the manifest alone without one. */
class ReleaseGateTest {

    @Test
    void withoutAFleetNothingIsHeld() {
        assertThat(ReleaseGate.none().allows(Long.MAX_VALUE), is(true));
    }

    @Test
    void withAFleetNothingPassesBeforeItsFirstAnswerThenItsMaximum() {
        ReleaseGate gate = ReleaseGate.untilTheFleetAnswers();
        assertThat(gate.allows(1), is(false));
        assertThat(gate.why(1), containsString("until the fleet server answers"));

        assertThat("the first answer is worth a check", gate.answered(OptionalLong.of(4)), is(true));
        assertThat(gate.allows(4), is(true));
        assertThat(gate.allows(5), is(false));
        assertThat(gate.why(5), containsString("5 is above 4"));

        assertThat("the same gate again: nothing new", gate.answered(OptionalLong.of(4)), is(false));
        assertThat("lowered (an abort): nothing new to fetch", gate.answered(OptionalLong.of(3)), is(false));
        assertThat(gate.allows(4), is(false));
        assertThat("raised", gate.answered(OptionalLong.of(5)), is(true));
        assertThat(gate.allows(5), is(true));
        assertThat("no rollout any more: the manifest decides", gate.answered(OptionalLong.empty()), is(true));
        assertThat(gate.allows(99), is(true));
        assertThat(gate.answered(OptionalLong.empty()), is(false));
    }
}
