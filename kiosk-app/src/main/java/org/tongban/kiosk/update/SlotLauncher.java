package org.tongban.kiosk.update;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the active application slot as a child process and watches a slot on trial: when it has not
 * confirmed its health (the application writes {@link AppSlots#HEALTH_FILE_ENV}'s file once the shell is up,
 * the required devices are open and the database is opened and migrated) within the set time, or exits
 * before, the launcher stops it, switches back to the previous slot by itself and starts that one. The
 * failure stays in {@code slots.json} for the next heartbeat. It runs from the packaged application, which
 * an application release never replaces, so a bad release cannot break its own way back.
 */
public final class SlotLauncher {

    /** The exit code with which the application asks to be started again (a new release is in its slot). */
    public static final int RESTART_EXIT_CODE = 75;

    /**
     * @param java      the java executable for the children
     * @param packaged  the packaged application's class path, run while no slot holds a release
     * @param jvmOptions passed to every child, e.g. the launcher's own {@code -Dtongban.logDir}
     * @param appArgs   the command line for {@code org.tongban.kiosk.Main}, e.g. {@code run --config /etc/tongban}
     */
    public record Settings(Path dataDir, Duration healthTimeout, String java, String packaged, List<String> jvmOptions,
                           List<String> appArgs) {
    }

    private static final Logger log = LoggerFactory.getLogger(SlotLauncher.class);
    private static final String PACKAGED_MAIN = "org.tongban.kiosk.Main";

    private final Settings settings;
    private final AppSlots slots;
    private final ClassArchive archive;
    private final Clock clock;

    public SlotLauncher(Settings settings, Clock clock) {
        this.settings = settings;
        this.slots = new AppSlots(settings.dataDir());
        this.archive = new ClassArchive(settings.dataDir());
        this.clock = clock;
    }

    /** Runs the application until it exits other than to restart; returns its exit code. */
    public int run() throws IOException, InterruptedException {
        while (true) {
            AppSlots.State s = slots.state();
            Process p = start(s);
            if (s.active() != null && s.trial()) {
                String failure = awaitHealth(p, s.active());
                if (failure != null) {
                    stop(p);
                    AppSlots.State after = slots.rollBack(failure, clock.instant());
                    log.error("release {} in slot {} rolled back: {}; starting {} again", s.activeVersion(), s.active(),
                            failure, after.active() == null ? "the packaged application" : "slot " + after.active());
                    continue;
                }
                slots.commit();
                log.info("release {} in slot {} confirmed healthy", s.activeVersion(), s.active());
            }
            int code = p.waitFor();
            if (code != RESTART_EXIT_CODE) {
                return code;
            }
            log.info("the application asked to be started again");
        }
    }

    private Process start(AppSlots.State s) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(settings.java());
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.addAll(settings.jvmOptions());
        Path slot = s.active() == null ? null : slots.slot(s.active());
        String classPath = slot == null ? settings.packaged()
                : slot.resolve(AppSlots.JAR) + File.pathSeparator + slot.resolve("lib") + File.separator + "*";
        cmd.addAll(archive.jvmOptions(settings.java(), classPath));
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(slot == null ? PACKAGED_MAIN : AppSlots.mainClass(slot.resolve(AppSlots.JAR)));
        cmd.addAll(settings.appArgs());
        ProcessBuilder b = new ProcessBuilder(cmd).inheritIO();
        if (s.active() != null) {
            Path health = slots.healthFile(s.active());
            Files.deleteIfExists(health);
            b.environment().put(AppSlots.HEALTH_FILE_ENV, health.toAbsolutePath().toString());
        }
        log.info("starting {}", s.active() == null ? "the packaged application"
                : "slot " + s.active() + " (" + s.activeVersion() + (s.trial() ? ", on trial" : "") + ")");
        return b.start();
    }

    /** Null when the slot confirmed its health in time, else what went wrong. */
    private String awaitHealth(Process p, String slot) throws InterruptedException {
        Instant deadline = clock.instant().plus(settings.healthTimeout());
        Path health = slots.healthFile(slot);
        while (clock.instant().isBefore(deadline)) {
            if (Files.exists(health)) {
                return null;
            }
            if (p.waitFor(200, TimeUnit.MILLISECONDS)) {
                return Files.exists(health) ? null
                        : "it exited with code " + p.exitValue() + " before confirming its health";
            }
        }
        return Files.exists(health) ? null
                : "no health confirmation within " + settings.healthTimeout().toSeconds() + " s";
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }
}
