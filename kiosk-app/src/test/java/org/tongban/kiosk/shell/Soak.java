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
import javafx.scene.Scene;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
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
                  int openFiles, long outboxBytes, long millis) {

        /** What the resident memory holds beyond what the JVM tracks (0 without tracking). */
        long outsideNativeMemoryBytes() {
            return nativeMemory.map(n -> residentBytes - n.committedBytes()).orElse(0L);
        }

        @Override
        public String toString() {
            return String.format("after %d visits (%.1f min): heap after GC %.1f MB of %.1f MB committed, resident %.1f MB "
                            + "(anonymous %.1f, files %.1f), %s, threads %d, open files %d, outbox %.1f MB",
                    visits, millis / 60000.0, mb(heapAfterGcBytes), mb(heapCommittedBytes), mb(residentBytes),
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

    Soak(FxRobot robot, Demo demo, Scene scene) {
        this.robot = robot;
        this.demo = demo;
        this.items = demo.terminal().catalog().current().items();
        TouchToScreen[] t = new TouchToScreen[1];
        robot.interact(() -> t[0] = TouchToScreen.on(scene));
        this.touchToScreen = t[0];
    }

    /** Touch to next screen so far (attract to home, home to attract), on the JavaFX thread's clock. */
    TouchToScreen touchToScreen() {
        return touchToScreen;
    }

    List<Sample> run(int visits, int sampleEvery) throws Exception {
        List<Sample> samples = new ArrayList<>();
        long start = System.currentTimeMillis();
        samples.add(sample(0, start));
        for (int v = 1; v <= visits; v++) {
            visit(v);
            forgetTestFxEvents();
            if (v % sampleEvery == 0) {
                samples.add(sample(v, start));
            }
        }
        return samples;
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
        robot.interact(() -> nav.openItem(item.code()));
        waitUntil(() -> nav.screen() == Navigator.Screen.ITEM || nav.screen() == Navigator.Screen.HOME);
        if (v % 11 == 3) {
            robot.interact(nav::callStaff);
            shows(robot, "#staffCalled");
            robot.interact(nav::staffArrived);
        }
        if (card) {
            demo.idCardReader().removeCard();
        }
        if (v % 13 == 4) {
            // walked away: the idle warning, its countdown, and the session ends by itself
            shows(robot, "#idleWarning");
        } else {
            robot.interact(nav::home);
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
    private void forgetTestFxEvents() {
        robot.interact(() -> FxToolkit.toolkitContext().setRegisteredStage(FxToolkit.toolkitContext().getRegisteredStage()));
    }

    private void touch(String control, Runnable action) throws Exception {
        touch(control, action, null);
    }

    /**
     * A touch on the control, by the robot; with {@code -Dsoak.robot=false} the same action straight on the
     * navigator, to tell a leak of the shell from one of the robot's input path. Timed to the screen holding
     * {@code next} (null: not timed).
     */
    private void touch(String control, Runnable action, String next) throws Exception {
        shows(robot, control); // the screen may be in the middle of a rebuild (status, language)
        robot.interact(() -> touchToScreen.expect(next));
        if (Boolean.parseBoolean(System.getProperty("soak.robot", "true"))) {
            robot.clickOn(control);
        } else {
            robot.interact(() -> {
                touchToScreen.touchedNow();
                action.run();
            });
        }
    }

    private Sample sample(int visits, long start) throws IOException {
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
                System.currentTimeMillis() - start);
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
