package org.tongban.kiosk.session;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.idcard.IdCard;

class SessionManagerTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
    private final List<String> heard = new ArrayList<>();

    private SessionManager manager() {
        SessionManager m = new SessionManager(clock, dir, Duration.ofSeconds(60), Duration.ofSeconds(20), 2.0);
        m.addListener(new SessionListener() {
            @Override
            public void started(Session s) {
                heard.add("started " + s.trigger());
            }

            @Override
            public void idleWarning(Session s, int left) {
                heard.add("warning " + left);
            }

            @Override
            public void idleWarningCleared(Session s) {
                heard.add("cleared");
            }

            @Override
            public void ended(Session s, SessionManager.EndReason r) {
                heard.add("ended " + r + " wiped=" + s.isWiped());
            }
        });
        return m;
    }

    static IdCard card() {
        return new IdCard(IdCard.CardType.RESIDENT_ID, "张三", null, IdCard.Sex.MALE, "01",
                LocalDate.of(1949, 12, 31), "北京市东城区某街道1号", "11010519491231002X", "北京市公安局东城分局",
                LocalDate.of(2020, 1, 1), null, null, null, new byte[] {1, 2, 3, 4});
    }

    @Test
    void idleWarningThenCountdownThenEndAndWipe() throws Exception {
        SessionManager m = manager();
        Session s = m.startOrContinue(Session.Trigger.TOUCH);
        IdCard card = card();
        s.identify(card);
        s.putForm("phone", "13812345678");
        s.putResult("doc", new byte[] {9, 9, 9});
        Path scratch = Files.writeString(s.workDir().resolve("preview.pdf"), "personal");

        clock.advance(Duration.ofSeconds(59));
        m.tick();
        assertThat(heard, contains("started TOUCH"));
        clock.advance(Duration.ofSeconds(1));
        m.tick();
        clock.advance(Duration.ofSeconds(15));
        m.tick();
        clock.advance(Duration.ofSeconds(5));
        m.tick();

        assertThat(heard, contains("started TOUCH", "warning 20", "warning 5", "ended IDLE_TIMEOUT wiped=true"));
        assertThat(m.current().isPresent(), is(false));
        assertThat(s.identity().isPresent(), is(false));
        assertThat(s.form().isEmpty(), is(true));
        assertThat(s.result("doc", byte[].class).isPresent(), is(false));
        assertThat(Files.exists(scratch), is(false));
        assertThat(Files.exists(scratch.getParent()), is(false));
        List<Byte> photo = new ArrayList<>();
        for (byte b : card.photoWlt()) {
            photo.add(b);
        }
        assertThat(photo, everyItem(equalTo((byte) 0)));
        assertThrows(IllegalStateException.class, () -> s.putForm("x", "y"));
    }

    @Test
    void activityClearsTheWarningAndRestartsTheClock() {
        SessionManager m = manager();
        m.startOrContinue(Session.Trigger.ID_CARD);
        clock.advance(Duration.ofSeconds(65));
        m.tick();
        m.activity();
        clock.advance(Duration.ofSeconds(59));
        m.tick();
        assertThat(heard, contains("started ID_CARD", "warning 15", "cleared"));
        assertThat(m.current().isPresent(), is(true));
    }

    @Test
    void elderlyModeAtLeastDoublesBothTimes() {
        SessionManager m = manager();
        m.setElderly(true);
        m.startOrContinue(Session.Trigger.TOUCH);
        clock.advance(Duration.ofSeconds(100));
        m.tick();
        assertThat(heard, contains("started TOUCH"));
        clock.advance(Duration.ofSeconds(20));
        m.tick();
        assertThat(heard, contains("started TOUCH", "warning 40"));
        assertThat(m.countdown(), equalTo(Duration.ofSeconds(40)));
    }

    @Test
    void endingByAnyPathWipes() {
        SessionManager m = manager();
        for (SessionManager.EndReason reason : SessionManager.EndReason.values()) {
            Session s = m.startOrContinue(Session.Trigger.TOUCH);
            s.identify(card());
            m.end(reason);
            assertThat(s.isWiped(), is(true));
            assertThat(s.identity().isPresent(), is(false));
        }
    }

    @Test
    void theCardNeverShowsInFullInText() {
        String text = card().toString();
        assertThat(text.contains("11010519491231002X"), is(false));
        assertThat(text.contains("张三"), is(false));
    }
}
