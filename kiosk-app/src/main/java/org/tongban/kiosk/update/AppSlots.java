package org.tongban.kiosk.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.jar.JarFile;
import org.tongban.kiosk.files.FolderTree;

/**
 * The two application slots, {@code DATA/app/slot-a} and {@code slot-b}, and {@code DATA/app/slots.json}
 * saying which is active. A new release goes into the inactive slot and becomes active "on trial"; the
 * launcher ({@link SlotLauncher}) commits it once the application has confirmed its health, or switches back
 * to the previous slot by itself. With no slot yet, the packaged application runs.
 */
public final class AppSlots {

    public static final String JAR = "kiosk-app.jar";
    /** The environment variable through which the launcher tells a slot on trial where to confirm its health. */
    public static final String HEALTH_FILE_ENV = "TONGBAN_HEALTH_FILE";

    /**
     * @param active     "a", "b", or null for the packaged application
     * @param previous   the slot to go back to (null: the packaged application)
     * @param trial      the active slot has not yet confirmed its health once
     * @param lastRollback the last release that did not come up healthy, reported in the heartbeat
     */
    public record State(String active, String previous, boolean trial, String versionA, String versionB,
                        Rollback lastRollback) {

        static final State PACKAGED = new State(null, null, false, null, null, null);

        public String activeVersion() {
            return active == null ? null : active.equals("a") ? versionA : versionB;
        }

        String inactive() {
            return "a".equals(active) ? "b" : "a";
        }
    }

    /** A release that was switched away from, why, and when. */
    public record Rollback(String version, String reason, Instant at) {
    }

    private final Path root;

    public AppSlots(Path dataDir) {
        this.root = dataDir.resolve("app");
    }

    public State state() throws IOException {
        return JsonFiles.read(root.resolve("slots.json"), State.class, State.PACKAGED);
    }

    private void write(State s) throws IOException {
        JsonFiles.write(root.resolve("slots.json"), s);
    }

    public Path slot(String name) {
        return root.resolve("slot-" + name);
    }

    public Path healthFile(String slot) {
        return root.resolve("health-" + slot);
    }

    /** Unpacks an application release into the inactive slot and makes it active on trial. */
    synchronized void install(Path zip, String version) throws IOException, UpdateRefused {
        State s = state();
        String target = s.inactive();
        Path tmp = root.resolve("slot-" + target + ".new");
        FolderTree.delete(tmp);
        Zips.unzip(zip, tmp);
        Path jar = tmp.resolve(JAR);
        if (!Files.isRegularFile(jar) || mainClass(jar) == null) {
            FolderTree.delete(tmp);
            throw new UpdateRefused(UpdateRefused.Reason.INVALID_CONTENT, "the application release has no " + JAR
                    + " with a Main-Class");
        }
        FolderTree.delete(slot(target));
        Files.move(tmp, slot(target));
        Files.deleteIfExists(healthFile(target));
        write(new State(target, s.active(), true, target.equals("a") ? version : s.versionA(),
                target.equals("b") ? version : s.versionB(), s.lastRollback()));
    }

    /** The slot on trial confirmed its health: it stays. */
    public synchronized void commit() throws IOException {
        State s = state();
        write(new State(s.active(), s.previous(), false, s.versionA(), s.versionB(), s.lastRollback()));
    }

    /**
     * Makes the previous slot active again (the packaged application when there is none).
     *
     * @return the state after, or empty-handed (unchanged) when nothing was installed
     */
    public synchronized State rollBack(String reason, Instant at) throws IOException {
        State s = state();
        if (s.active() == null) {
            return s;
        }
        State after = new State(s.previous(), null, false, s.versionA(), s.versionB(),
                new Rollback(s.activeVersion(), reason, at));
        write(after);
        return after;
    }

    /** The Main-Class of a release's jar, or null. */
    static String mainClass(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.getManifest() == null ? null : j.getManifest().getMainAttributes().getValue("Main-Class");
        }
    }
}
