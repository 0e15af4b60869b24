package org.tongban.fleet.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.tongban.fleet.terminals.Enrolment;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Many simulated terminals from one process, each with its own secret and its own jittered interval, as a fleet
 * behaves: now and then a device fault (paper low, a reader in error) that clears later, a staff call that staff
 * answer, a usage report of the day, and the update steps of a release the server's gate lets through (a share of
 * them rolling it back). A run sends at a steady rate for a given time and measures every heartbeat.
 */
public final class FleetLoad implements AutoCloseable {

    /** How the simulated fleet behaves; shares are per heartbeat (faults, staff calls) or per terminal (rollbacks). */
    public record Behaviour(double faultShare, double staffCallShare, double rollbackShare, long channelSequence, String channelVersion,
            int visitsPerDay) {
        public static Behaviour quiet() {
            return new Behaviour(0, 0, 0, 0, null, 0);
        }
    }

    /** One run's figures: latencies in nanoseconds of the answered heartbeats, and what went wrong. */
    public record Result(String phase, Duration length, long sent, long errors, long late, long[] latencies, Map<String, Long> errorKinds) {
        public double perSecond() {
            return (sent - errors) / (length.toMillis() / 1000.0);
        }

        public double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
        }
    }

    private final List<SimulatedTerminal> terminals = new ArrayList<>();
    private final ExecutorService senders;
    private final HttpClient http;
    private final Behaviour behaviour;
    private final ObjectMapper json;
    private final Random random = new Random(20);
    private final int[] faultLeft;
    private final int[] callLeft;

    public FleetLoad(URI server, Path secretsDir, List<String> ids, Behaviour behaviour, int threads, ObjectMapper json) throws Exception {
        this.senders = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sim-sender");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sim-http");
            t.setDaemon(true);
            return t;
        })).connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        this.behaviour = behaviour;
        this.json = json;
        for (String id : ids) {
            SimulatedTerminal t = new SimulatedTerminal(id, SimulatedTerminal.secretFromHex(Files.readString(Enrolment.secretFile(secretsDir, id))),
                    server, http, json);
            terminals.add(t);
        }
        faultLeft = new int[ids.size()];
        callLeft = new int[ids.size()];
        publish(behaviour);
    }

    /** The channel now offers {@code behaviour}'s release (the shares of rollbacks pick the same terminals each time). */
    public void publish(Behaviour b) {
        if (b.channelVersion() == null) {
            return;
        }
        for (SimulatedTerminal t : terminals) {
            boolean rollsBack = (t.id().hashCode() & 0x7fffffff) % 10_000 < b.rollbackShare() * 10_000;
            t.channel(new SimulatedTerminal.Channel(b.channelSequence(), b.channelVersion(), rollsBack));
        }
    }

    /**
     * Enrols {@code n} simulated terminals through the same code as {@code ./fleet terminals import} (10 regions,
     * 10 halls each, a hall kiosk or a bank STM), each with its own secret in {@code secrets}; returns their ids.
     */
    public static List<String> enrol(org.tongban.fleet.db.Database db, int n, Path secrets) throws Exception {
        StringBuilder csv = new StringBuilder(Enrolment.CSV_HEADER + "\n");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int region = i % 10;
            int hall = (i / 10) % 10;
            String id = String.format("SIM-R%02d-H%02d-%06d", region, hall, i);
            ids.add(id);
            csv.append(id).append(",Region ").append(region).append(",Hall ").append(region).append('-').append(hall).append(',')
                    .append(i % 7 == 0 ? "BANK_STM" : "HALL_KIOSK").append('\n');
        }
        Files.createDirectories(secrets);
        Path file = Files.createTempFile(secrets.getParent(), "simulated", ".csv");
        try {
            Files.writeString(file, csv);
            new Enrolment(db, new org.tongban.fleet.audit.AuditLog(db)).importAll(file, Enrolment.parse(file), secrets, "simulator");
        } finally {
            Files.deleteIfExists(file);
        }
        return ids;
    }

    public List<SimulatedTerminal> terminals() {
        return terminals;
    }

    /**
     * Every terminal reports once per {@code interval} (each at its own jittered offset) for {@code length}; a
     * heartbeat that could not start within a second of its time counts as late (the simulator, not the server,
     * fell behind). {@code progress} hears a line every 10 s.
     */
    public Result run(String phase, Duration interval, Duration length, Consumer<String> progress) throws InterruptedException {
        int n = terminals.size();
        long intervalNanos = interval.toNanos();
        long[] offsets = new long[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = (long) (random.nextDouble() * intervalNanos);
        }
        LongList latencies = new LongList(Math.max(16, (int) Math.min(20_000_000L, (long) n * length.toNanos() / intervalNanos + n)));
        AtomicLong sent = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong late = new AtomicLong();
        Map<String, Long> kinds = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(4_000);
        long start = System.nanoTime();
        long end = start + length.toNanos();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> progress.accept(String.format("  %s: %ds, %d sent, %d errors", phase,
                (System.nanoTime() - start) / 1_000_000_000L, sent.get(), errors.get())), 10, 10, TimeUnit.SECONDS);
        try {
            // each terminal at its own offset, then every interval with +-10 % jitter (as real terminals add)
            java.util.PriorityQueue<long[]> queue = new java.util.PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
            for (int i = 0; i < n; i++) {
                queue.add(new long[] {start + offsets[i], i});
            }
            while (!queue.isEmpty()) {
                long[] next = queue.poll();
                if (next[0] >= end) {
                    continue;
                }
                int i = (int) next[1];
                long wait = next[0] - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } else if (wait < -1_000_000_000L) {
                    late.incrementAndGet();
                }
                next[0] += intervalNanos + (long) ((random.nextDouble() - 0.5) * 0.2 * intervalNanos);
                queue.add(next);
                inFlight.acquire();
                sent.incrementAndGet();
                senders.execute(() -> {
                    try {
                        prepare(i);
                        long t0 = System.nanoTime();
                        SimulatedTerminal.Exchange e = terminals.get(i).heartbeat();
                        long took = System.nanoTime() - t0;
                        if (e.status() == 200 && e.signatureValid()) {
                            latencies.add(took);
                        } else {
                            errors.incrementAndGet();
                            kinds.merge(e.signatureValid() ? "HTTP " + e.status() : "HTTP " + e.status() + " unsigned", 1L, Long::sum);
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        kinds.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                    } finally {
                        inFlight.release();
                    }
                });
            }
            inFlight.acquire(4_000); // every heartbeat answered or failed
            inFlight.release(4_000);
        } finally {
            ticker.shutdownNow();
        }
        return new Result(phase, Duration.ofNanos(Math.max(length.toNanos(), System.nanoTime() - start)), sent.get(), errors.get(), late.get(),
                latencies.toArray(), Map.copyOf(kinds));
    }

    /** Faults that come and go, staff calls that staff answer, the day's usage now and then. */
    private void prepare(int i) {
        SimulatedTerminal t = terminals.get(i);
        ThreadLocalChance chance = ThreadLocalChance.INSTANCE;
        synchronized (t) {
            if (faultLeft[i] > 0 && --faultLeft[i] == 0) {
                t.device("receipt-printer", "ONLINE", null);
                t.device("id-card-reader", "ONLINE", null);
            } else if (faultLeft[i] == 0 && chance.below(behaviour.faultShare())) {
                if (chance.below(0.5)) {
                    t.device("receipt-printer", "DEGRADED", "PAPER_LOW");
                } else {
                    t.device("id-card-reader", "ERROR", null);
                }
                faultLeft[i] = 3;
            }
            if (callLeft[i] > 0 && --callLeft[i] == 0) {
                t.staffArrived();
            } else if (callLeft[i] == 0 && chance.below(behaviour.staffCallShare())) {
                t.callStaff("form");
                callLeft[i] = 2;
            }
            if (behaviour.visitsPerDay() > 0 && chance.below(0.1)) {
                t.usage(UsageDay.of(json, LocalDate.now(), behaviour.visitsPerDay(), t.id().hashCode()));
            } else {
                t.usage(null);
            }
        }
    }

    /** Chances drawn per thread (the senders draw at once). */
    private enum ThreadLocalChance {
        INSTANCE;

        boolean below(double p) {
            return p > 0 && java.util.concurrent.ThreadLocalRandom.current().nextDouble() < p;
        }
    }

    /** A growable array of longs that many threads add to. */
    private static final class LongList {
        private long[] values;
        private int size;

        LongList(int capacity) {
            values = new long[capacity];
        }

        synchronized void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }

        synchronized long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
