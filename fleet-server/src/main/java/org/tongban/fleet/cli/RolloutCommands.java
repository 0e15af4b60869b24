package org.tongban.fleet.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.tongban.fleet.alerts.Alerts;
import org.tongban.fleet.app.FleetServer;
import org.tongban.fleet.audit.AuditLog;
import org.tongban.fleet.commands.Commands;
import org.tongban.fleet.db.Database;
import org.tongban.fleet.events.FleetEvents;
import org.tongban.fleet.rollouts.Progress;
import org.tongban.fleet.rollouts.Rollout;
import org.tongban.fleet.rollouts.RolloutPlan;
import org.tongban.fleet.rollouts.Rollouts;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./fleet rollout start|status|resume|abort}: staged rollouts from the command line (the same rules as the console). */
@Command(name = "rollout", description = "Staged rollouts of a signed channel sequence.",
        subcommands = {RolloutCommands.Start.class, RolloutCommands.Status.class, RolloutCommands.Resume.class, RolloutCommands.Abort.class})
public final class RolloutCommands {

    public static Rollouts rollouts(Database db, String zone) {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        FleetEvents events = new FleetEvents();
        AuditLog audit = new AuditLog(db);
        // The servers learn of what this command decides through the database (their heartbeats read the rollout afresh).
        return new Rollouts(db, audit, new Alerts(db, audit, events, json, false), new Commands(db, audit, events, json), events,
                ZoneId.of(zone));
    }

    @Command(name = "start", description = "Start (or schedule) a rollout: waves one per --wave, e.g. --wave 'hall=Pilot Hall; soak=1h' --wave '30%%; threshold=2%%' --wave 100%%.")
    static final class Start implements Callable<Integer> {
        @Option(names = "--sequence", required = true, description = "the channel sequence to roll out") long sequence;
        @Option(names = "--version", required = true, description = "the version it carries (as terminals report it)") String version;
        @Option(names = "--wave", required = true, description = "N%%, hall=A[,B] or region=R[,S]; optional '; threshold=N%%; soak=30m'") List<String> waves;
        @Option(names = "--threshold", defaultValue = "5", description = "default failure threshold per wave, percent (default 5)") double threshold;
        @Option(names = "--soak", defaultValue = "1h", description = "default minimum time per wave (default 1h)") String soak;
        @Option(names = "--window", description = "maintenance window, local time: 01:00-05:00") String window;
        @Option(names = "--start-at", description = "ISO instant, e.g. 2026-12-05T18:00:00Z (default now)") Instant startAt;
        @Option(names = "--zone", defaultValue = "Asia/Shanghai", description = "time zone of the window") String zone;
        @ArgGroup(exclusive = false) FleetCli.Where where = new FleetCli.Where();

        @Override
        public Integer call() throws Exception {
            RolloutPlan plan = new RolloutPlan(RolloutPlan.parseWaves(waves, threshold, RolloutPlan.duration(soak)), RolloutPlan.Window.parse(window));
            try (FleetCli.Opened o = FleetCli.Opened.of(where, 2)) {
                Rollout r = rollouts(o.db(), zone).start(sequence, version, plan, startAt, FleetCli.actor(), null);
                System.out.println("rollout " + r.id() + " " + r.status() + ": sequence " + r.sequence() + " in " + r.waves().size() + " waves");
            }
            return 0;
        }
    }

    @Command(name = "status", description = "Where a rollout stands, wave by wave (default: the newest).")
    static final class Status implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "ID") UUID id;
        @ArgGroup(exclusive = false) FleetCli.Where where = new FleetCli.Where();

        @Override
        public Integer call() throws Exception {
            try (FleetCli.Opened o = FleetCli.Opened.of(where, 2)) {
                Rollouts rollouts = rollouts(o.db(), FleetServer.Settings.CHINA.getId());
                Rollout r = (id == null ? rollouts.latest() : rollouts.find(id))
                        .orElseThrow(() -> new IllegalArgumentException(id == null ? "no rollout yet" : "no rollout " + id));
                System.out.println("rollout " + r.id() + " " + r.status() + ": sequence " + r.sequence() + " (" + r.version() + "), wave "
                        + (r.currentWave() + 1) + " of " + r.waves().size() + (r.pausedReason() == null ? "" : "; paused: " + r.pausedReason()));
                for (Rollouts.WaveSummary s : rollouts.summary(r)) {
                    StringBuilder line = new StringBuilder(String.format("  wave %d  %-28s threshold %s%%  soak %ds  %d terminals:",
                            s.state().index() + 1, s.state().wave().selector().text(), s.state().wave().thresholdPercent(),
                            s.state().wave().soak().toSeconds(), s.total()));
                    for (Progress p : Progress.values()) {
                        line.append(' ').append(p).append('=').append(s.counts().get(p));
                    }
                    System.out.println(line);
                }
            }
            return 0;
        }
    }

    @Command(name = "resume", description = "Let a paused rollout go on (the failures so far are accepted).")
    static final class Resume implements Callable<Integer> {
        @Parameters(paramLabel = "ID") UUID id;
        @ArgGroup(exclusive = false) FleetCli.Where where = new FleetCli.Where();

        @Override
        public Integer call() throws Exception {
            try (FleetCli.Opened o = FleetCli.Opened.of(where, 2)) {
                Rollout r = rollouts(o.db(), FleetServer.Settings.CHINA.getId()).resume(id, FleetCli.actor(), null);
                System.out.println("rollout " + r.id() + " " + r.status());
            }
            return 0;
        }
    }

    @Command(name = "abort", description = "Stop a rollout: the gate goes back below its release; --rollback also sends ROLLBACK to the terminals already on it.")
    static final class Abort implements Callable<Integer> {
        @Parameters(paramLabel = "ID") UUID id;
        @Option(names = "--rollback") boolean rollback;
        @ArgGroup(exclusive = false) FleetCli.Where where = new FleetCli.Where();

        @Override
        public Integer call() throws Exception {
            try (FleetCli.Opened o = FleetCli.Opened.of(where, 2)) {
                Rollout r = rollouts(o.db(), FleetServer.Settings.CHINA.getId()).abort(id, rollback,
                        Rollouts.commandLine(FleetCli.actor()), null);
                System.out.println("rollout " + r.id() + " " + r.status() + "; gate at sequence " + r.previousSequence());
            }
            return 0;
        }
    }

    private RolloutCommands() {
    }

}
