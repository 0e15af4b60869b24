package org.tongban.fleet.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.tongban.fleet.simulator.FleetLoad;
import org.tongban.fleet.terminals.Enrolment;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./fleet simulate}: N simulated terminals from this one process against a fleet server (or its load balancer). */
@Command(name = "simulate", description = "Run N simulated terminals (own secrets, jittered interval, faults, staff calls, usage and update reports) against --server.")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--terminals", required = true) int terminals;
    @Option(names = "--server", required = true, description = "http://HOST:PORT of a server or its load balancer") URI server;
    @Option(names = "--secrets", required = true, description = "folder of <id>.secret files (written by --enrol, or by terminals import)") Path secrets;
    @Option(names = "--ids", description = "CSV of the terminals to play (terminals import format); default: the enrolled simulated ids") Path ids;
    @Option(names = "--enrol", description = "enrol the N simulated terminals first (needs --database or --data-dir)") boolean enrol;
    @Option(names = "--interval", defaultValue = "60", description = "seconds between a terminal's heartbeats (default 60)") int interval;
    @Option(names = "--duration", defaultValue = "600", description = "seconds to run (default 600)") int duration;
    @Option(names = "--fault-share", defaultValue = "0.002", description = "chance per heartbeat of a device fault (lasts 3 heartbeats)") double faults;
    @Option(names = "--staff-call-share", defaultValue = "0.0005", description = "chance per heartbeat of a staff call") double calls;
    @Option(names = "--rollback-share", defaultValue = "0", description = "share of terminals that roll back the channel's release") double rollbacks;
    @Option(names = "--channel-sequence", defaultValue = "0", description = "the sequence the channel offers (0: none)") long sequence;
    @Option(names = "--channel-version", defaultValue = "1.4.3") String version;
    @Option(names = "--visits-per-day", defaultValue = "80") int visits;
    @Option(names = "--threads", defaultValue = "64", description = "heartbeats in flight at most") int threads;
    @ArgGroup(exclusive = false) FleetCli.Where where = new FleetCli.Where();

    @Override
    public Integer call() throws Exception {
        if (terminals < 1 || interval < 1 || duration < 1) {
            throw new IllegalArgumentException("--terminals, --interval and --duration must be at least 1");
        }
        List<String> list;
        if (enrol) {
            try (FleetCli.Opened o = FleetCli.Opened.of(where, 4)) {
                list = FleetLoad.enrol(o.db(), terminals, secrets);
            }
            System.out.println("enrolled " + list.size() + " simulated terminals; secrets in " + secrets);
        } else if (ids != null) {
            list = Enrolment.parse(ids).stream().map(Enrolment.Row::terminalId).limit(terminals).toList();
        } else {
            try (var files = Files.list(secrets)) {
                list = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".secret")).map(n -> n.substring(0, n.length() - 7))
                        .sorted().limit(terminals).toList();
            }
        }
        if (list.size() < terminals) {
            throw new IllegalArgumentException("only " + list.size() + " terminals have a secret in " + secrets + " (use --enrol)");
        }
        FleetLoad.Behaviour b = new FleetLoad.Behaviour(faults, calls, rollbacks, sequence, sequence > 0 ? version : null, visits);
        try (FleetLoad load = new FleetLoad(server, secrets, list, b, threads, new ObjectMapper())) {
            FleetLoad.Result r = load.run("simulate", Duration.ofSeconds(interval), Duration.ofSeconds(duration), System.out::println);
            System.out.printf("%d terminals, %d s: %d heartbeats (%.1f/s answered), %d errors, %d late; p50 %.1f ms, p99 %.1f ms%n", terminals,
                    duration, r.sent(), r.perSecond(), r.errors(), r.late(), r.percentileMillis(50), r.percentileMillis(99));
            return r.errors() == 0 ? 0 : 1;
        }
    }
}
