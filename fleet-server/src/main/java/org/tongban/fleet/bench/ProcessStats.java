package org.tongban.fleet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CPU time and resident memory of groups of processes, read from /proc (Linux; 100 clock ticks a second). */
final class ProcessStats {

    private static final double TICKS = 100.0;

    record Sample(long nanos, Map<String, long[]> ticksAndRss) {
    }

    private final Map<String, java.util.function.Supplier<List<Long>>> groups = new LinkedHashMap<>();

    /** {@code pids} is asked at each sample (PostgreSQL starts a process per connection). */
    void group(String name, java.util.function.Supplier<List<Long>> pids) {
        groups.put(name, pids);
    }

    Sample sample() {
        Map<String, long[]> out = new LinkedHashMap<>();
        groups.forEach((name, supplier) -> {
            List<Long> pids = supplier.get();
            long ticks = 0;
            long rssKb = 0;
            for (long pid : pids) {
                try {
                    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                    // PSS: PostgreSQL's shared buffers would be counted once per backend in RSS
                    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                        if (line.startsWith("Pss:")) {
                            rssKb += Long.parseLong(line.replaceAll("[^0-9]", ""));
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended
                }
            }
            out.put(name, new long[] {ticks, rssKb});
        });
        return new Sample(System.nanoTime(), out);
    }

    /** Per group between two samples: CPU in % of one core, and memory (MiB) at the end. */
    static Map<String, double[]> between(Sample a, Sample b) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        Map<String, double[]> out = new LinkedHashMap<>();
        b.ticksAndRss().forEach((name, v) -> {
            long[] before = a.ticksAndRss().getOrDefault(name, new long[2]);
            out.put(name, new double[] {100.0 * (v[0] - before[0]) / TICKS / seconds, v[1] / 1024.0});
        });
        return out;
    }

    /** The postmaster named in the cluster's postmaster.pid and every process it started. */
    static List<Long> postgres(Path cluster) throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(cluster.resolve("postmaster.pid")).get(0).strip());
        List<Long> pids = new ArrayList<>(List.of(postmaster));
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    long ppid = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
                    if (ppid == postmaster) {
                        pids.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // ended meanwhile
                }
            }
        }
        return pids;
    }

    private ProcessStats() {
        // groups are added by the bench
    }

    static ProcessStats create() {
        return new ProcessStats();
    }
}
