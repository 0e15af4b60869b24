package org.tongban.kiosk.update;

import java.io.IOException;
import java.nio.file.Path;
import org.tongban.kiosk.platform.Heartbeat;

/** The heartbeat's update report, read from the data folder (state.json and slots.json). */
public final class UpdateReport {

    private final Path dataDir;

    public UpdateReport(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Heartbeat.UpdateStatus read() throws IOException {
        UpdateState s = UpdateState.read(dataDir);
        AppSlots.State a = new AppSlots(dataDir).state();
        UpdateState.Refusal r = s.lastRefusal();
        AppSlots.Rollback b = a.lastRollback();
        return new Heartbeat.UpdateStatus(s.sequence(), s.version(), a.activeVersion(), a.trial(),
                r == null ? null : new Heartbeat.UpdateProblem(r.sequence() == null ? null : "sequence " + r.sequence(),
                        r.detail(), r.at()),
                b == null ? null : new Heartbeat.UpdateProblem(b.version(), b.reason(), b.at()));
    }
}
