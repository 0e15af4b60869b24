package org.tongban.kiosk.update;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What is installed in a data folder, read the way the heartbeat and the commands need it. */
public final class Updates {

    private final Path dataDir;

    public Updates(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The configuration folder installed from the channel, if any. */
    public Optional<Path> configDir() {
        return new Releases(dataDir, Releases.CONFIG).current();
    }

    /** The catalog folder installed from the channel, if any. */
    public Optional<Path> catalogDir() {
        return new Releases(dataDir, Releases.CATALOG).current();
    }

    /**
     * Rolls back the application slot, the configuration and the catalog; says which it could. The release left is
     * recorded for the heartbeat's {@code lastRollback} (the fleet's rollouts read it), whichever of the three it had.
     */
    public List<String> rollBack(String reason, Instant at) throws IOException {
        List<String> done = new ArrayList<>();
        AppSlots slots = new AppSlots(dataDir);
        if (slots.state().active() != null) {
            slots.rollBack(reason, at);
            done.add("application");
        }
        if (new Releases(dataDir, Releases.CONFIG).rollBack()) {
            done.add("configuration");
        }
        if (new Releases(dataDir, Releases.CATALOG).rollBack()) {
            done.add("catalog");
        }
        if (!done.isEmpty()) {
            UpdateState s = UpdateState.read(dataDir);
            s.rolledBack(new AppSlots.Rollback(s.version(), reason, at)).write(dataDir);
        }
        return done;
    }
}
