package org.tongban.kiosk.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's half of the A/B health check: once the shell is up, it confirms to the launcher that
 * the required devices are open and the database opened and migrated, by writing the file the launcher
 * named. A release that cannot confirm writes nothing, and the launcher rolls it back.
 */
public final class HealthConfirmation {

    private static final Logger log = LoggerFactory.getLogger(HealthConfirmation.class);

    private final Path file;

    /** @param file where to confirm; null when the application was not started by the launcher */
    public HealthConfirmation(Path file) {
        this.file = file;
    }

    /** The file named by the launcher in the environment, if any. */
    public static HealthConfirmation fromEnvironment() {
        String f = System.getenv(AppSlots.HEALTH_FILE_ENV);
        return new HealthConfirmation(f == null || f.isBlank() ? null : Path.of(f));
    }

    /**
     * @param missingDevices the required devices that did not open
     * @param databaseProblem why the database is not usable, or null
     * @return true when the health was confirmed
     */
    public boolean confirm(List<String> missingDevices, String databaseProblem, String version, Instant now) {
        if (file == null) {
            return false;
        }
        if (!missingDevices.isEmpty() || databaseProblem != null) {
            log.error("not confirming health to the launcher: required devices not open {}, database {}",
                    missingDevices, databaseProblem == null ? "ok" : databaseProblem);
            return false;
        }
        try {
            Files.writeString(file, "healthy " + version + " " + now + "\n", StandardCharsets.UTF_8);
            log.info("health confirmed to the launcher");
            return true;
        } catch (IOException e) {
            log.error("could not confirm health to the launcher: {}", e.getMessage());
            return false;
        }
    }
}
