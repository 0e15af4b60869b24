package org.tongban.kiosk.update;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main class of the application releases the launcher test installs: it confirms its health (or, as a
 * bad release, never does) and then serves until its run time is over, like a kiosk would until stopped.
 * Whether it is healthy is in its jar ({@code fake-release.properties}).
 */
public final class FakeRelease {

    private FakeRelease() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            System.exit(2); // no arguments are taken: exits before confirming anything
        }
        String health = System.getenv(AppSlots.HEALTH_FILE_ENV);
        java.util.Properties p = new java.util.Properties();
        try (var in = FakeRelease.class.getResourceAsStream("/fake-release.properties")) {
            p.load(in);
        }
        boolean healthy = Boolean.parseBoolean(p.getProperty("healthy"));
        if (healthy && health != null) {
            Files.writeString(Path.of(health), "healthy\n");
        }
        // a healthy release serves briefly and exits normally; a broken one hangs until the launcher stops it
        Thread.sleep(healthy ? 300 : 60_000);
        System.exit(healthy ? 0 : 3);
    }
}
