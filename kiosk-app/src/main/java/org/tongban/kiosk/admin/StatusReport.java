package org.tongban.kiosk.admin;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.outbox.Outbox;
import org.tongban.kiosk.outbox.OutboxException;
import org.tongban.kiosk.outbox.OutboxStatus;
import org.tongban.kiosk.outbox.PlatformReachability;
import org.tongban.kiosk.outbox.SyncWorker;

/** The terminal's state for the technician's status page, gathered in one go. */
public final class StatusReport {

    /**
     * @param configVersion the first 8 hex digits of SM3 over kiosk.yaml and devices.yaml: two terminals
     *                      (or the same one before and after an edit) run the same configuration when equal
     * @param lastHeartbeat when the last heartbeat was sent, or null before the first
     */
    public record Snapshot(String platformState, Instant platformSince, String platformError, long outboxPending,
                           Duration oldestPending, long outboxRejected, String outboxProblem,
                           String softwareVersion, String catalogVersion, String configVersion, long diskFreeMiB,
                           long memoryUsedMiB, long memoryMaxMiB, Duration uptime, Instant lastHeartbeat,
                           Instant at) {
    }

    private final SyncWorker sync;
    private final Outbox outbox;
    private final Supplier<String> catalogVersion;
    private final Supplier<Instant> lastHeartbeat;
    private final Path configDir;
    private final Path dataDir;
    private final String softwareVersion;
    private final Clock clock;

    public StatusReport(SyncWorker sync, Outbox outbox, Supplier<String> catalogVersion, Supplier<Instant> lastHeartbeat,
                        Path configDir, Path dataDir, String softwareVersion, Clock clock) {
        this.sync = sync;
        this.outbox = outbox;
        this.catalogVersion = catalogVersion;
        this.lastHeartbeat = lastHeartbeat;
        this.configDir = configDir;
        this.dataDir = dataDir;
        this.softwareVersion = softwareVersion;
        this.clock = clock;
    }

    public Snapshot now() {
        PlatformReachability r = sync.reachability();
        long pending = -1;
        long rejected = -1;
        Duration oldest = null;
        String problem = null;
        try {
            OutboxStatus s = outbox.status();
            pending = s.pending();
            rejected = s.rejected();
            oldest = s.oldestPendingAge();
        } catch (OutboxException e) {
            problem = e.getMessage();
        }
        long free = -1;
        try {
            free = Files.getFileStore(dataDir).getUsableSpace() / (1024 * 1024);
        } catch (IOException e) {
            problem = problem == null ? "disk: " + e.getMessage() : problem;
        }
        Runtime rt = Runtime.getRuntime();
        return new Snapshot(r.state().name(), r.since(), r.lastError(), pending, oldest, rejected, problem,
                softwareVersion, catalogVersion.get(), configVersion(), free,
                (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024), rt.maxMemory() / (1024 * 1024),
                Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()), lastHeartbeat.get(),
                clock.instant());
    }

    private String configVersion() {
        if (configDir == null) {
            return "-";
        }
        SM3Digest sm3 = new SM3Digest();
        for (String f : List.of(ConfigLoader.KIOSK_FILE, ConfigLoader.DEVICES_FILE)) {
            try {
                byte[] b = Files.readString(configDir.resolve(f), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                sm3.update(b, 0, b.length);
            } catch (IOException e) {
                return "unreadable";
            }
        }
        byte[] out = new byte[sm3.getDigestSize()];
        sm3.doFinal(out, 0);
        return HexFormat.of().formatHex(out, 0, 4);
    }
}
