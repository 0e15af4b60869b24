package org.tongban.fleet.bench;

import java.util.Comparator;
import java.util.Map;

/**
 * What the scale bench concludes from its burst at the 100,000-terminal rate: the goal (every heartbeat held
 * without errors, p99 at most {@link #GOAL_P99_MS}) met, or, when missed, where the limit was — the CPU the
 * measured processes took against the cores there are — and what a province would add.
 */
record BurstVerdict(boolean met, String text) {

    static final double GOAL_P99_MS = 200;
    /** Held means at least this share of the offered rate answered (the simulator's own jitter aside). */
    private static final double HELD_SHARE = 0.98;

    /**
     * @param cpu per process: {percent of one core, resident MiB} during the burst (ProcessStats.between)
     */
    static BurstVerdict of(int offeredPerSecond, double heldPerSecond, long errors, double p99Millis,
            Map<String, double[]> cpu, int cores) {
        boolean held = heldPerSecond >= offeredPerSecond * HELD_SHARE && errors == 0;
        if (held && p99Millis <= GOAL_P99_MS) {
            return new BurstVerdict(true, String.format("burst goal (%d/s held, p99 ≤ %.0f ms): met (p99 %.1f ms)",
                    offeredPerSecond, GOAL_P99_MS, p99Millis));
        }
        double used = cpu.values().stream().mapToDouble(v -> v[0]).sum();
        Map.Entry<String, double[]> busiest = cpu.entrySet().stream()
                .max(Comparator.comparingDouble(e -> e.getValue()[0])).orElseThrow();
        return new BurstVerdict(false, String.format(
                "burst goal (%d/s held, p99 ≤ %.0f ms): missed (%.0f/s held, %d errors, p99 %.1f ms). Where the limit is:"
                        + " the measured processes used %.0f %% of the %d cores' %d %%, the busiest %s at %.0f %% of a core%s."
                        + " What a province adds: PostgreSQL on cores of its own (PgBouncer in front), the instances and"
                        + " the load balancer on other machines; instances add linearly, the database is the shared part.",
                offeredPerSecond, GOAL_P99_MS, heldPerSecond, errors, p99Millis, used, cores, cores * 100,
                busiest.getKey(), busiest.getValue()[0],
                used >= cores * 100 * 0.8 ? " — the cores are full" : ""));
    }
}
