package org.tongban.kiosk.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.outbox.Outbox;
import org.tongban.kiosk.outbox.OutboxEntry;
import org.tongban.kiosk.outbox.OutboxException;
import org.tongban.kiosk.outbox.OutboxState;
import org.tongban.kiosk.outbox.OutboxStatus;
import org.tongban.kiosk.outbox.SyncSettings;
import org.tongban.kiosk.outbox.SyncWorker;
import org.tongban.kiosk.platform.Heartbeat;
import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.kiosk.platform.PlatformSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./kiosk sync}: delivers the outbox without the rest of the kiosk. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Deliver the outbox to the platform. With --until-empty: exit 0 once nothing is pending, "
                + "non-zero on timeout (saying how many remain and why).")
final class SyncCommand extends Subcommand {

    @Option(names = "--until-empty", description = "stop once nothing is pending")
    boolean untilEmpty;

    @Option(names = "--timeout", paramLabel = "S", description = "give up after S seconds (default: never)")
    Long timeoutSeconds;

    @Mixin
    TerminalOptions options;

    @Override
    public Integer call() throws Exception {
        KioskConfig k;
        byte[] secret;
        try (TerminalOptions.Base base = options.base()) { // configuration problems: OneLineErrors, exit 2
            k = options.apply(base.config().kiosk());
        }
        try {
            secret = TerminalOptions.secret(k);
        } catch (IOException e) {
            err().println("sync: cannot read the terminal secret: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        Clock clock = Clock.systemUTC();
        Path file = Path.of(k.dataDir()).resolve(org.tongban.kiosk.app.Terminal.OUTBOX_FILE);
        try (Outbox outbox = Outbox.open(file, k.outboxKeyFile(), clock)) {
            outbox.notices().forEach(n -> err().println("sync: " + n));
            PlatformClient client = new PlatformClient(PlatformSettings.of(k, secret), clock);
            // A technician waits at the terminal: look often, and back off from half a second up to 30 s.
            SyncSettings pacing = SyncSettings.defaults()
                    .withPacing(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(30))
                    .withRetention(Duration.ofDays(k.outboxOrDefaults().retentionDays()));
            String terminalId = k.terminal().id();
            Heartbeat.Profile profile = Heartbeat.Profile.valueOf(k.terminal().profile().name());
            try (SyncWorker worker = new SyncWorker(outbox, client, clock, pacing, () -> heartbeat(outbox,
                    terminalId, profile))) {
                OutboxStatus before = outbox.status();
                out().printf("sync: %d pending for %s at %s%n", before.pending(), terminalId, k.platform().url());
                out().flush();
                worker.start();
                long deadline = timeoutSeconds == null ? Long.MAX_VALUE
                        : System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
                while (true) {
                    OutboxStatus now = outbox.status();
                    if (untilEmpty && now.pending() == 0) {
                        out().printf("sync: nothing pending; %d delivered, %d rejected (kept for a technician)%n",
                                now.delivered() - before.delivered(), now.rejected());
                        return ExitCode.OK;
                    }
                    if (System.nanoTime() > deadline) {
                        err().printf("sync: timed out() after %d s; %d transaction(s) still pending; %s%n",
                                timeoutSeconds, now.pending(), why(outbox, worker));
                        return ExitCode.FAILED;
                    }
                    Thread.sleep(100);
                }
            }
        } catch (OutboxException e) {
            err().println("sync: " + e.getMessage());
            return ExitCode.FAILED;
        }
    }

    private static String why(Outbox outbox, SyncWorker worker) throws OutboxException {
        String reachability = "platform " + worker.reachability().state()
                + (worker.reachability().lastError() == null ? "" : ": " + worker.reachability().lastError());
        List<OutboxEntry> pending = outbox.all().stream().filter(e -> e.state() == OutboxState.PENDING).toList();
        String last = pending.stream().filter(e -> e.lastError() != null).reduce((a, b) -> b)
                .map(e -> "; last error: " + e.lastError()).orElse("");
        return reachability + last;
    }

    private static Heartbeat heartbeat(Outbox outbox, String terminalId, Heartbeat.Profile profile) {
        long depth = 0;
        try {
            depth = outbox.status().pending();
        } catch (OutboxException e) {
            // The heartbeat goes without the figure.
        }
        return new Heartbeat(terminalId, profile, "sync", null,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000, depth, null, List.of());
    }
}
