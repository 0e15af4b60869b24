package org.tongban.kiosk.update;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.tongban.kiosk.platform.Heartbeat;

/**
 * The heartbeat's update report, read from the data folder (state.json and slots.json), with the release the
 * update agent is fetching (the fleet's "downloading").
 */
public final class UpdateReport {

    private final Path dataDir;
    private final Supplier<OptionalLong> downloading;

    public UpdateReport(Path dataDir) {
        this(dataDir, OptionalLong::empty);
    }

    public UpdateReport(Path dataDir, Supplier<OptionalLong> downloading) {
        this.dataDir = dataDir;
        this.downloading = downloading;
    }

    public Heartbeat.UpdateStatus read() throws IOException {
        UpdateState s = UpdateState.read(dataDir);
        AppSlots.State a = new AppSlots(dataDir).state();
        UpdateState.Refusal r = s.lastRefusal();
        // the newer of the launcher's own rollback and an operator's
        AppSlots.Rollback b = a.lastRollback();
        if (s.lastRollback() != null && (b == null || s.lastRollback().at().isAfter(b.at()))) {
            b = s.lastRollback();
        }
        OptionalLong fetching = downloading.get();
        return new Heartbeat.UpdateStatus(s.sequence(), s.version(), a.activeVersion(), a.trial(),
                r == null ? null : new Heartbeat.UpdateProblem(r.sequence() == null ? null : "sequence " + r.sequence(),
                        r.detail(), r.at()),
                b == null ? null : new Heartbeat.UpdateProblem(b.version(), b.reason(), b.at()),
                fetching.isPresent() ? new Heartbeat.Downloading(fetching.getAsLong()) : null);
    }
}
