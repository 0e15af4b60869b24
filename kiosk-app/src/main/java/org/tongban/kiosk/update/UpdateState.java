package org.tongban.kiosk.update;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What this terminal has installed from the channel ({@code DATA/update/state.json}): the sequence is the
 * rollback guard, so it only ever grows, even when a release is rolled back locally.
 *
 * @param sequence    the highest sequence installed (0: nothing from the channel yet)
 * @param lastRefusal the last manifest or artifact refused, reported in the heartbeat
 * @param lastRollback the last release an operator rolled back (the launcher's own go in {@link AppSlots})
 */
public record UpdateState(long sequence, String version, Instant installedAt, Long configSequence,
                          Long catalogSequence, Refusal lastRefusal, AppSlots.Rollback lastRollback) {

    public static final String FILE = "state.json";

    public static final UpdateState NOTHING = new UpdateState(0, null, null, null, null, null, null);

    public record Refusal(String reason, String detail, Long sequence, Instant at) {
    }

    static Path file(Path dataDir) {
        return dataDir.resolve("update").resolve(FILE);
    }

    public static UpdateState read(Path dataDir) throws IOException {
        return JsonFiles.read(file(dataDir), UpdateState.class, NOTHING);
    }

    void write(Path dataDir) throws IOException {
        JsonFiles.write(file(dataDir), this);
    }

    UpdateState refused(Refusal r) {
        return new UpdateState(sequence, version, installedAt, configSequence, catalogSequence, r, lastRollback);
    }

    UpdateState rolledBack(AppSlots.Rollback b) {
        return new UpdateState(sequence, version, installedAt, configSequence, catalogSequence, lastRefusal, b);
    }

    UpdateState installed(Manifest m, Instant at) {
        return new UpdateState(m.sequence(), m.version(), at,
                m.artifact(ArtifactKind.CONFIG).isPresent() ? Long.valueOf(m.sequence()) : configSequence,
                m.artifact(ArtifactKind.CATALOG).isPresent() ? Long.valueOf(m.sequence()) : catalogSequence,
                lastRefusal, lastRollback);
    }
}
