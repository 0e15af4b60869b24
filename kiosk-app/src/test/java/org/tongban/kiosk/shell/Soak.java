package org.tongban.kiosk.shell;

import static org.tongban.kiosk.shell.ShellScreens.shows;
import static org.tongban.kiosk.shell.ShellScreens.waitUntil;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.robot.BaseRobot;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.flow.Navigator;

/**
 * Citizen visits driven through the real shell, one after another, the way a hall sees them: touch and card
 * starts, every shipped item in turn, language and elderly switches, staff calls, visits abandoned to the idle
 * timeout, paper out and refilled, the platform dropping and coming back; sampling what a leak would grow
 * (heap after GC, resident memory, threads, open files, the outbox file) every {@code sampleEvery} visits.
 */
final class Soak {

    /**
     * One sample after {@code visits} visits. Resident memory is anonymous (the heap, native allocations) plus
     * file-backed (jars, libraries, the class-data archive); native memory is empty when the JVM runs without
     * Native Memory Tracking.
     */
    record Sample(int visits, long heapAfterGcBytes, long heapCommittedBytes, long residentBytes,
                  long residentAnonBytes, long residentFileBytes, Optional<NativeMemory> nativeMemory, int threads,
                  int openFiles, long outboxBytes, long millis, long idleMillis) {

        /** What the resident memory holds beyond what the JVM tracks (0 without tracking). */
        long outsideNativeMemoryBytes() {
            return nativeMemory.map(n -> residentBytes - n.committedBytes()).orElse(0L);
        }

        @Override
        public String toString() {
            return String.format("after %d visits (%.1f min, %.1f of them waiting for the idle timeout): heap after GC %.1f MB of %.1f MB committed, resident %.1f MB "
                            + "(anonymous %.1f, files %.1f), %s, threads %d, open files %d, outbox %.1f MB",
                    visits, millis / 60000.0, idleMillis / 60000.0, mb(heapAfterGcBytes), mb(heapCommittedBytes), mb(residentBytes),
                    mb(residentAnonBytes), mb(residentFileBytes),
                    nativeMemory.map(n -> String.format("NMT committed %.1f MB", mb(n.committedBytes())))
                            .orElse("NMT off"), threads, openFiles, mb(outboxBytes));
        }

        private static double mb(long bytes) {
            return bytes / (1024.0 * 1024.0);
        }
    }

    private final FxRobot robot;
    private final Demo demo;
    private final List<ServiceItem> items;
    private final TouchToScreen touchToScreen;
    private long idleMillis;

    Soak(FxRobot robot, Demo demo, Scene scene) throws Exception {
        this.robot = robot;
        this.demo = demo;
        this.items = demo.terminal().catalog().current().items();
        this.touchToScreen = ShellScreens.onFx(() -> TouchToScreen.on(scene));
    }

    /** Touch to next screen so far (attract to home, home to attract), on the JavaFX thread's clock. */
    TouchToScreen touchToScreen() {
        return touchToScreen;
    }

    /**
     * Up to {@code visits} visits, or fewer when {@code limit} (if not null) has passed: a long soak given a time
     * ends with the visits it made, sampled at the end too. Each sample is printed as it is taken, so
     * a soak stopped from outside still leaves its figures.
     */
    List<Sample> run(int visits, int sampleEvery, java.time.Duration limit) throws Exception {
        List<Sample> samples = new ArrayList<>();
        long start = System.currentTimeMillis();
        long end = limit == null ? Long.MAX_VALUE : start + limit.toMillis();
        samples.add(printed(sample(0, start)));
        for (int v = 1; v <= visits; v++) {
            visit(v);
            forgetTestFxEvents();
            boolean last = v == visits || System.currentTimeMillis() >= end;
            if (v % sampleEvery == 0 || last) {
                samples.add(printed(sample(v, start)));
            }
            if (last) {
                break;
            }
        }
        return samples;
    }

    private static Sample printed(Sample s) {
        System.out.println("soak: " + s);
        return s;
    }

    /** Visit v: which variations it takes is fixed by v, so two soaks of the same length do the same. */
    private void visit(int v) throws Exception {
        Navigator nav = demo.terminal().navigator();
        if (v % 17 == 5) {
            demo.printer().paperOut();
        } else if (v % 17 == 8) {
            demo.printer().refill(500);
        }
        if (v % 19 == 6) {
            demo.platform().stop();
        } else if (v % 19 == 9) {
            demo.platform().start();
            demo.terminal().sync().syncNow();
        }
        boolean card = v % 3 == 0;
        if (card) {
            demo.idCardReader().present(Demo.sampleCard());
        } else {
            touch("#start", nav::touch, "#home");
        }
        shows(robot, "#home");
        if (v % 5 == 1) {
            touch("#language", () -> nav.setLocale(nav.locale().getLanguage().equals("zh") ? java.util.Locale.ENGLISH : java.util.Locale.SIMPLIFIED_CHINESE));
        }
        if (v % 7 == 2) {
            touch("#elderly", () -> nav.setElderly(!nav.elderly()));
        }
        ServiceItem item = items.get(v % items.size());
        citizen(() -> nav.openItem(item.code()));
        waitUntil(() -> nav.screen() == Navigator.Screen.ITEM || nav.screen() == Navigator.Screen.HOME);
        if (v % 11 == 3) {
            citizen(nav::callStaff);
            shows(robot, "#staffCalled");
            onFx(nav::staffArrived);
        }
        if (card) {
            demo.idCardReader().removeCard();
        }
        if (v % 13 == 4) {
            // walked away: the idle warning, its countdown, and the session ends by itself
            long walkedAway = System.currentTimeMillis();
            shows(robot, "#idleWarning");
            shows(robot, "#attract");
            idleMillis += System.currentTimeMillis() - walkedAway;
        } else {
            citizen(nav::home);
            shows(robot, "#home");
            touch("#exit", nav::finish, "#attract");
        }
        shows(robot, "#attract");
    }

    /**
     * TestFX keeps every event fired on its registered stage for the test's whole length (its FiredEvents), and
     * through the events' targets every screen they reached, with the screens' full-HD render caches: ~24 MB a
     * visit that the kiosk, without TestFX, does not keep (docs/adr/0015-start-time.md). Registering the stage
     * again starts a fresh record.
     */
    private void forgetTestFxEvents() throws Exception {
        onFx(() -> FxToolkit.toolkitContext().setRegisteredStage(FxToolkit.toolkitContext().getRegisteredStage()));
    }

    private void touch(String control, Runnable action) throws Exception {
        touch(control, action, null);
    }

    /**
     * A touch on the control, by the robot; with {@code -Dsoak.robot=false} the same action straight on the
     * navigator, to tell a leak of the shell from one of the robot's input path. Timed to the screen holding
     * {@code next} (null: not timed).
     *
     * <p>A finger lands where it touches: the pointer goes straight to the control's centre and presses there,
     * not along TestFX's path of up to 200 interpolated moves a millisecond apart, each handled by the scene, and
     * without its settling after every step (five round trips to the JavaFX thread, 10 ms apart). The robot's
     * events go to the JavaFX thread in order; the next wait (the next screen showing) waits for their effect.
     */
    private void touch(String control, Runnable action, String next) throws Exception {
        shows(robot, control); // the screen may be in the middle of a rebuild (status, language)
        onFx(() -> touchToScreen.expect(next));
        if (Boolean.parseBoolean(System.getProperty("soak.robot", "true"))) {
            Point2D at = robot.point(control).query();
            BaseRobot finger = robot.robotContext().getBaseRobot();
            finger.moveMouse(at);
            finger.pressMouse(MouseButton.PRIMARY);
            finger.releaseMouse(MouseButton.PRIMARY);
        } else {
            onFx(() -> {
                touchToScreen.touchedNow();
                action.run();
            });
        }
    }

    /**
     * Runs on the JavaFX thread and waits for it: one round trip, where {@code robot.interact} adds TestFX's
     * settling (five more round trips, 10 ms apart); the soak's next step waits for what it needs to see anyway.
     */
    /**
     * A navigator action that stands for a citizen's touch keeps the visit alive as the touch would: without it a
     * slow machine let the idle timeout end a visit the soak meant to finish (waiting then for a button of a screen
     * already gone).
     */
    private void citizen(Runnable action) throws Exception {
        Navigator nav = demo.terminal().navigator();
        onFx(() -> {
            nav.activity();
            action.run();
        });
    }

    private static void onFx(Runnable action) throws Exception {
        ShellScreens.onFx(() -> {
            action.run();
            return null;
        });
    }

    private Sample sample(int visits, long start) throws IOException, InterruptedException {
        // The screen that just left holds its full-HD render caches (20-30 MB) until its transition ends: after
        // a visit abandoned to the idle timeout, more than three GCs in a row. A second's pause, once a sample.
        Thread.sleep(1000);
        // the least of three: a frame being drawn during one GC holds its buffers (tens of MB) only for that one
        Runtime rt = Runtime.getRuntime();
        long heapAfterGc = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            heapAfterGc = Math.min(heapAfterGc, rt.totalMemory() - rt.freeMemory());
        }
        List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
        return new Sample(visits, heapAfterGc, rt.totalMemory(), kb(status, "VmRSS:"),
                kb(status, "RssAnon:"), kb(status, "RssFile:") + kb(status, "RssShmem:"), NativeMemory.ofThisJvm(),
                ManagementFactory.getThreadMXBean().getThreadCount(), openFiles(), outboxBytes(),
                System.currentTimeMillis() - start, idleMillis);
    }

    private long outboxBytes() throws IOException {
        Path dir = Path.of(demo.terminal().config().kiosk().dataDir());
        long total = 0;
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path f = dir.resolve(Terminal.OUTBOX_FILE + suffix);
            total += Files.exists(f) ? Files.size(f) : 0;
        }
        return total;
    }

    private static int openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        }
    }

    /** A "Name:   1234 kB" line of /proc/self/status, in bytes (0 when the kernel has no such line). */
    private static long kb(List<String> status, String name) {
        return status.stream().filter(l -> l.startsWith(name))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).findFirst().orElse(0L);
    }
}
