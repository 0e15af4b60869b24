package org.tongban.kiosk.platformsim;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * What the simulated platform does wrong next: scripted faults are used up by the requests they hit; random
 * faults ({@link FaultRates}) strike by chance, from a seeded generator so a run can be repeated. Every fault
 * injected is counted.
 */
final class FaultScript {

    private FaultRates rates = FaultRates.NONE;
    private Random random = new Random(0);
    private final Map<String, Long> injected = new TreeMap<>();

    private int unavailable;
    private Duration retryAfter = Duration.ZERO;
    private int garbage;
    private int dropAfterCommit;
    private int truncateAfterCommit;
    private Duration delay = Duration.ZERO;

    synchronized void unavailable(int count, Duration retryAfter) {
        this.unavailable = count;
        this.retryAfter = retryAfter;
    }

    synchronized void garbage(int count) {
        this.garbage = count;
    }

    synchronized void dropAfterCommit(int count) {
        this.dropAfterCommit = count;
    }

    synchronized void truncateAfterCommit(int count) {
        this.truncateAfterCommit = count;
    }

    synchronized void delay(Duration delay) {
        this.delay = delay;
    }

    synchronized Duration delay() {
        return delay;
    }

    synchronized void random(FaultRates rates, long seed) {
        this.rates = rates;
        this.random = new Random(seed);
    }

    /** The Retry-After to answer 503 with, or null when this request is not to be refused. */
    synchronized Duration takeUnavailable() {
        if (unavailable > 0) {
            unavailable--;
            return count("unavailable", retryAfter);
        }
        return chance(rates.unavailable()) ? count("unavailable", rates.retryAfter()) : null;
    }

    synchronized boolean takeGarbage() {
        return count("garbage", garbage > 0 && garbage-- > 0 || chance(rates.garbage()));
    }

    synchronized boolean takeDropAfterCommit() {
        return count("dropAfterCommit", dropAfterCommit > 0 && dropAfterCommit-- > 0
                || chance(rates.dropAfterCommit()));
    }

    synchronized boolean takeTruncateAfterCommit() {
        return count("truncateAfterCommit", truncateAfterCommit > 0 && truncateAfterCommit-- > 0
                || chance(rates.truncateAfterCommit()));
    }

    /** How long to wait between filing a batch and answering it (zero: at once). */
    synchronized Duration takeSlowAfterCommit() {
        return chance(rates.slowAfterCommit()) ? count("slowAfterCommit", rates.slowBy()) : Duration.ZERO;
    }

    synchronized boolean takeReject() {
        return count("reject", chance(rates.reject()));
    }

    /** Faults injected so far, by name. */
    synchronized Map<String, Long> injected() {
        return Map.copyOf(injected);
    }

    private boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    private <T> T count(String fault, T value) {
        if (value != null && !Boolean.FALSE.equals(value)) {
            injected.merge(fault, 1L, Long::sum);
        }
        return value;
    }

    synchronized void clear() {
        unavailable = 0;
        garbage = 0;
        dropAfterCommit = 0;
        truncateAfterCommit = 0;
        delay = Duration.ZERO;
        rates = FaultRates.NONE;
    }
}
