package org.tongban.kiosk.flow;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.session.MutableClock;
import org.tongban.kiosk.session.Session;
import org.tongban.kiosk.session.SessionListener;
import org.tongban.kiosk.session.SessionManager;

/**
 * The threading model (docs/adr/0007-threading-model.md) under load: citizens touching on two threads, cards read
 * on a device thread, idle ticks ending visits on the ticker, flows answering on their worker, all at once.
 * After every change the navigator's state must be consistent, and nothing of an ended visit may be shown.
 */
class NavigatorThreadsTest {

    private static final int ACTIONS_PER_THREAD = 3_000;
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final List<String> ITEMS = List.of("HR-GUIDE-MOVE", "EMP-REG-UNEMP", "SI-CERT-CONTRIB");

    @Test
    void touchesCardsIdleTicksAndFlowAnswersAtOnceKeepTheNavigatorConsistent(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
        try (FlowFixture fx = new FlowFixture(dir, clock)) {
            fx.platform.delay = Duration.ofMillis(1); // answers come back on the flows' worker, later
            // Told of an end before the navigator, and slow (as a journal writing to disk): the end of a visit
            // reaches the navigator a little after the session manager has let the next one start.
            fx.sessions.addListener(new SessionListener() {
                @Override
                public void ended(Session s, SessionManager.EndReason reason) {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            Navigator nav = fx.navigator();
            List<String> broken = new CopyOnWriteArrayList<>();
            Set<Session> started = ConcurrentHashMap.newKeySet();
            Set<Session> ended = ConcurrentHashMap.newKeySet();
            AtomicInteger changes = new AtomicInteger();
            AtomicInteger visitsEnded = new AtomicInteger();
            // Registered after the navigator: told of an end once the navigator has taken it.
            fx.sessions.addListener(new SessionListener() {
                @Override
                public void started(Session s) {
                    started.add(s);
                }

                @Override
                public void ended(Session s, SessionManager.EndReason reason) {
                    ended.add(s);
                    visitsEnded.incrementAndGet();
                }
            });
            nav.addListener(n -> {
                changes.incrementAndGet();
                consistent(n.shown(), ended, fx.sessions).ifPresent(broken::add);
            });

            List<Throwable> failures = new CopyOnWriteArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            threads.add(actor("citizen-1", go, failures, () -> citizen(nav)));
            threads.add(actor("citizen-2", go, failures, () -> citizen(nav)));
            threads.add(actor("card-reader", go, failures, () -> {
                nav.cardRead(Demo.sampleCard());
                pause();
            }));
            threads.add(actor("idle-ticker", go, failures, () -> {
                clock.advance(Duration.ofSeconds(ThreadLocalRandom.current().nextInt(0, 40)));
                fx.sessions.tick();
            }));
            go.countDown();
            long deadline = System.nanoTime() + LIMIT.toNanos();
            for (Thread t : threads) {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (t.isAlive()) {
                    threads.forEach(Thread::interrupt);
                    throw new AssertionError(t.getName() + " still running after " + LIMIT + " (a deadlock?)");
                }
            }
            fx.drain();

            assertThat(failures.toString(), failures, empty());
            assertThat(broken.toString(), broken, empty());
            assertThat(changes.get(), greaterThan(1_000));
            assertThat("visits ended by idle ticks and 'finish'", visitsEnded.get(), greaterThan(10));

            // At rest the navigator and the sessions agree: a visit is shown exactly when there is a session.
            Optional<Session> current = fx.sessions.current();
            Navigator.Shown at = nav.shown();
            assertThat(at.toString(), at.screen() != Navigator.Screen.ATTRACT, is(current.isPresent()));
            if (at.flow() != null) {
                assertThat(at.flow().session, is(current.orElseThrow()));
            }
            for (Session s : started) {
                assertThat(s.id() + " ended but not wiped", s.isWiped(), is(!current.equals(Optional.of(s))));
            }

            // The last visit ends: everything personal is gone, the next citizen gets the terminal's defaults.
            nav.touch();
            nav.setLocale(Locale.ENGLISH);
            nav.setElderly(true);
            nav.setHighContrast(true);
            fx.sessions.end(SessionManager.EndReason.COMPLETED);
            fx.drain();
            assertThat(started.stream().allMatch(Session::isWiped), is(true));
            try (Stream<Path> left = Files.exists(fx.sessionsDir()) ? Files.list(fx.sessionsDir()) : Stream.empty()) {
                assertThat(left.toList(), empty());
            }
            Navigator.Shown after = nav.shown();
            assertThat(after, equalTo(new Navigator.Shown(Navigator.Screen.ATTRACT, null, null, "", null,
                    Locale.SIMPLIFIED_CHINESE, false, false, -1, 0, false, false)));
        }
    }

    /** What is wrong with {@code s}, if anything: the screen and the state must say the same. */
    private static Optional<String> consistent(Navigator.Shown s, Set<Session> ended, SessionManager sessions) {
        boolean attract = s.screen() == Navigator.Screen.ATTRACT;
        // Only the navigator starts a session, holding its lock (which this listener holds too).
        if (attract && sessions.current().isPresent()) {
            return Optional.of("the attract loop is shown while a session is open behind it: " + s);
        }
        if (attract && (s.flow() != null || s.categoryId() != null || s.departmentId() != null || !s.query().isEmpty()
                || s.idleSecondsLeft() != -1 || s.staffCalled() || s.staffComing())) {
            return Optional.of("the attract loop keeps something of a visit: " + s);
        }
        if ((s.screen() == Navigator.Screen.ITEM) != (s.flow() != null)) {
            return Optional.of("a flow is shown on the item screen and only there: " + s);
        }
        if (s.screen() == Navigator.Screen.CATEGORY && s.categoryId() == null && s.departmentId() == null) {
            return Optional.of("a category screen without a category: " + s);
        }
        if (s.flow() != null && s.flow().cancelled()) {
            return Optional.of("a cancelled flow is shown: " + s);
        }
        if (s.flow() != null && ended.contains(s.flow().session)) {
            return Optional.of("a flow of a visit that ended is shown: " + s);
        }
        return Optional.empty();
    }

    /** One touch of a citizen: any of the things the screens offer, in any order. */
    private static void citizen(Navigator nav) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Optional<ServiceFlow> flow = nav.flow();
        switch (r.nextInt(14)) {
            case 0 -> nav.touch();
            case 1, 2 -> {
                nav.touch();
                nav.openItem(ITEMS.get(r.nextInt(ITEMS.size())));
            }
            case 3 -> flow.filter(f -> f.state().stage() != Stage.RESULT).ifPresent(ServiceFlow::proceed); // no printing
            case 4 -> flow.ifPresent(f -> f.submitForm(Map.of("phone", "13812345678", "reason", "其他")));
            case 5 -> flow.ifPresent(f -> f.chooseLevel(5));
            case 6 -> flow.ifPresent(ServiceFlow::skipReview);
            case 7 -> nav.back();
            case 8 -> nav.home();
            case 9 -> nav.finish();
            case 10 -> nav.openCategory("social-insurance");
            case 11 -> {
                nav.openSearch();
                nav.type("S");
            }
            case 12 -> nav.setLocale(r.nextBoolean() ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE);
            default -> {
                nav.setElderly(r.nextBoolean());
                nav.callStaff();
            }
        }
        pause();
    }

    private static void pause() {
        if (ThreadLocalRandom.current().nextInt(8) == 0) {
            Thread.yield();
        }
    }

    private static Thread actor(String name, CountDownLatch go, List<Throwable> failures, Runnable action) {
        Thread t = new Thread(() -> {
            try {
                go.await();
                for (int i = 0; i < ACTIONS_PER_THREAD && !Thread.currentThread().isInterrupted(); i++) {
                    action.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                failures.add(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
