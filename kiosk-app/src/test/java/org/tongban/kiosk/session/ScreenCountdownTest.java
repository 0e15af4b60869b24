package org.tongban.kiosk.session;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.ScreenTime;
import org.tongban.kiosk.flow.Stage;

/** The countdown of each screen: its own start, longer on forms, doubled for elders, still while the machine works. */
class ScreenCountdownTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T08:00:00Z"), ZoneOffset.UTC);
    private final List<String> heard = new ArrayList<>();

    private SessionManager manager() {
        SessionManager m = new SessionManager(clock, dir, Duration.ofSeconds(60), Duration.ofSeconds(20), 2.0);
        m.addListener(new SessionListener() {
            @Override
            public void idleWarning(Session s, int left) {
                heard.add("warning " + left);
            }

            @Override
            public void ended(Session s, SessionManager.EndReason r) {
                heard.add("ended " + r);
            }
        });
        return m;
    }

    private static void show(SessionManager m, Navigator.Screen screen, Stage stage) {
        ScreenTime.Rule r = ScreenTime.of(screen, stage);
        m.screen(r.key(), r.factor(), r.paused());
    }

    private void pass(SessionManager m, int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        m.tick();
    }

    @Test
    void formsTakeLongerAndTheMachineWorkingPausesTheClock() {
        assertThat(ScreenTime.of(Navigator.Screen.HOME, null).factor(), equalTo(1.0));
        assertThat(ScreenTime.of(Navigator.Screen.ITEM, Stage.FORM).factor(), equalTo(2.0));
        assertThat(ScreenTime.of(Navigator.Screen.ITEM, Stage.RESULT).factor(), equalTo(1.0));
        assertThat(ScreenTime.of(Navigator.Screen.ITEM, Stage.WORKING).paused(), is(true));
        assertThat(ScreenTime.of(Navigator.Screen.ITEM, Stage.WAIT_FOR_CARD).paused(), is(false));
    }

    @Test
    void aPageShowsItsSecondsLeftAndWarnsTwentySecondsBeforeTheEnd() {
        SessionManager m = manager();
        m.startOrContinue(Session.Trigger.TOUCH);
        show(m, Navigator.Screen.HOME, null);
        assertThat(m.secondsLeft(), equalTo(80));
        pass(m, 59);
        assertThat(heard, empty());
        assertThat(m.secondsLeft(), equalTo(21));
        pass(m, 1);
        assertThat(heard, contains("warning 20"));
    }

    @Test
    void aFormGivesTwiceTheTimeAndElderlyModeDoublesItAgain() {
        SessionManager m = manager();
        m.startOrContinue(Session.Trigger.TOUCH);
        show(m, Navigator.Screen.ITEM, Stage.FORM);
        assertThat(m.secondsLeft(), equalTo(140));
        m.setElderly(true);
        assertThat(m.secondsLeft(), equalTo(280));
        pass(m, 239);
        assertThat(heard, empty());
        pass(m, 1);
        assertThat(heard, contains("warning 40"));
    }

    @Test
    void eachScreenStartsItsOwnCountdown() {
        SessionManager m = manager();
        m.startOrContinue(Session.Trigger.TOUCH);
        show(m, Navigator.Screen.HOME, null);
        pass(m, 50);
        assertThat(m.secondsLeft(), equalTo(30));
        show(m, Navigator.Screen.ITEM, Stage.GUIDANCE);
        assertThat(m.secondsLeft(), equalTo(80));
        show(m, Navigator.Screen.ITEM, Stage.GUIDANCE); // the same screen again: the count goes on
        pass(m, 10);
        assertThat(m.secondsLeft(), equalTo(70));
    }

    @Test
    void theCountdownStandsStillWhileTheMachinePrintsAndGoesOnAfter() {
        SessionManager m = manager();
        m.startOrContinue(Session.Trigger.TOUCH);
        show(m, Navigator.Screen.ITEM, Stage.RESULT);
        pass(m, 30);
        show(m, Navigator.Screen.ITEM, Stage.WORKING); // printing
        assertThat(m.paused(), is(true));
        int atStart = m.secondsLeft();
        pass(m, 300); // a slow printer: no warning, no end
        assertThat(heard, empty());
        assertThat(m.secondsLeft(), equalTo(atStart));
        show(m, Navigator.Screen.ITEM, Stage.PRINTED);
        assertThat(m.paused(), is(false));
        assertThat(m.secondsLeft(), equalTo(80));
        pass(m, 80);
        assertThat(heard, contains("ended IDLE_TIMEOUT"));
    }
}
