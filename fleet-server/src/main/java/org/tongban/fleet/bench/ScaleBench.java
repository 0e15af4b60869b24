package org.tongban.fleet.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.tongban.fleet.audit.AuditLog;
import org.tongban.fleet.db.Database;
import org.tongban.fleet.heartbeat.HeartbeatService;
import org.tongban.fleet.operators.Operators;
import org.tongban.fleet.operators.PasswordHasher;
import org.tongban.fleet.operators.Role;
import org.tongban.fleet.operators.Secrets;
import org.tongban.fleet.rollouts.Rollout;
import org.tongban.fleet.rollouts.RolloutPlan;
import org.tongban.fleet.rollouts.Rollouts;
import org.tongban.fleet.scale.LoadBalancer;
import org.tongban.fleet.scale.ServerProcess;
import org.tongban.fleet.simulator.FleetLoad;
import org.tongban.fleet.simulator.SimulatedTerminal;
import org.tongban.fleet.simulator.UsageDay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code ./fleet bench --scale}: two {@code ./fleet serve} processes on one PostgreSQL behind Debian's nginx, and
 * N simulated terminals from this process. Measures, in one run: a reference (a static file through nginx and
 * Jetty, no database, at the burst rate); the steady load (N terminals every 60 s) with heartbeats/s held, p50/p99,
 * errors, CPU and memory of each instance, nginx, PostgreSQL and the simulator, and the database's growth; a burst
 * at the rate of a bigger fleet; the console's overview load time with N terminals; a three-wave rollout with a
 * share of the second wave rolling back (it must pause itself there); the database size after a simulated week.
 */
public final class ScaleBench {

    /** The instances sit behind nginx on loopback, as a province's behind its load balancer. */
    private static final List<String> BEHIND_NGINX = List.of("--trusted-proxy", "127.0.0.1");

    public record Settings(int terminals, Duration steady, Duration burst, int burstRate, boolean rollout, Path work, String database,
            Path cluster) {
    }

    private final Settings s;
    private final ObjectMapper json = new ObjectMapper();

    public ScaleBench(Settings settings) {
        this.s = settings;
    }

    public void run() throws Exception {
        System.out.printf("scale bench: %d terminals, steady %d s at a 60 s interval, burst %d s at %d heartbeats/s; %d cores%n",
                s.terminals(), s.steady().toSeconds(), s.burst().toSeconds(), s.burstRate(), Runtime.getRuntime().availableProcessors());
        try (Database db = Database.open(s.database(), 4)) {
            long t0 = System.nanoTime();
            Path secrets = s.work().resolve("secrets");
            List<String> ids = FleetLoad.enrol(db, s.terminals(), secrets);
            System.out.printf("enrolled %d terminals in %.1f s%n", ids.size(), (System.nanoTime() - t0) / 1e9);
            Operators operators = new Operators(db, new AuditLog(db), new PasswordHasher(), new Secrets());
            String password = new Secrets().newValue();
            operators.addAccount("bench", "Bench", Role.OPERATOR, Set.of(), password.toCharArray(), "bench", null);
            String cookie = ((Operators.LoginResult.Success) operators.login("bench", password.toCharArray(), "127.0.0.1")).sessionCookie();

            List<String> jvm = List.of("-Xmx768m", "-XX:+UseSerialGC");
            try (ServerProcess a = ServerProcess.start(s.database(), freePort(), 60, s.work().resolve("a.log"), jvm, BEHIND_NGINX);
                    ServerProcess b = ServerProcess.start(s.database(), freePort(), 60, s.work().resolve("b.log"), jvm, BEHIND_NGINX);
                    LoadBalancer nginx = LoadBalancer.start(s.work().resolve("nginx"), freePort(), List.of(a.port(), b.port()))) {
                URI base = URI.create("http://127.0.0.1:" + nginx.port());
                ProcessStats stats = ProcessStats.create();
                stats.group("instance A", () -> List.of(a.pid()));
                stats.group("instance B", () -> List.of(b.pid()));
                stats.group("nginx", nginx::pids);
                if (s.cluster() != null) {
                    stats.group("PostgreSQL", () -> {
                        try {
                            return ProcessStats.postgres(s.cluster());
                        } catch (Exception e) {
                            return List.of();
                        }
                    });
                }
                stats.group("simulator (this process)", () -> List.of(ProcessHandle.current().pid()));

                FleetLoad.Behaviour behaviour = new FleetLoad.Behaviour(0.002, 0.0005, 0, 0, null, 80);
                try (FleetLoad load = new FleetLoad(base, secrets, ids, behaviour, 256, json)) {
                    // warm-up: every terminal once (JIT, connection pools), not measured
                    load.run("warm-up", Duration.ofSeconds(20), Duration.ofSeconds(20), line -> { });

                    Row ref = reference(base.resolve("/console/static/console.css"), s.burstRate(), Duration.ofSeconds(15));
                    long sizeBefore = databaseSize(db);
                    ProcessStats.Sample before = stats.sample();
                    DatabaseActivity workBefore = DatabaseActivity.sample(db);
                    FleetLoad.Result steady = load.run("steady", Duration.ofSeconds(60), s.steady(), System.out::println);
                    DatabaseActivity steadyWork = DatabaseActivity.sample(db).since(workBefore);
                    ProcessStats.Sample after = stats.sample();
                    long sizeAfter = databaseSize(db);

                    ProcessStats.Sample burstBefore = stats.sample();
                    DatabaseActivity burstWorkBefore = DatabaseActivity.sample(db);
                    Duration burstInterval = Duration.ofMillis(Math.max(1, 1000L * s.terminals() / s.burstRate()));
                    FleetLoad.Result burst = load.run("burst", burstInterval, s.burst(), System.out::println);
                    DatabaseActivity burstWork = DatabaseActivity.sample(db).since(burstWorkBefore);
                    ProcessStats.Sample burstAfter = stats.sample();

                    System.out.println();
                    System.out.println("| phase | offered/s | held/s | p50 ms | p99 ms | errors | late (simulator behind) |");
                    System.out.println("|---|---|---|---|---|---|---|");
                    System.out.printf("| reference: static file via nginx, no database | %d | %.0f | %.1f | %.1f | %d | – |%n", s.burstRate(), ref.perSecond,
                            ref.p50, ref.p99, ref.errors);
                    row(steady, s.terminals() / 60.0);
                    row(burst, (double) s.burstRate());
                    System.out.println();
                    System.out.println("| process | CPU steady (% of a core) | CPU burst | memory (MiB, PSS: shared pages split between processes) |");
                    System.out.println("|---|---|---|---|");
                    Map<String, double[]> st = ProcessStats.between(before, after);
                    Map<String, double[]> bu = ProcessStats.between(burstBefore, burstAfter);
                    st.forEach((name, v) -> System.out.printf("| %s | %.0f | %.0f | %.0f |%n", name, v[0], bu.get(name)[0], bu.get(name)[1]));
                    System.out.printf("%n%s%n", BurstVerdict.of(s.burstRate(), burst.perSecond(), burst.errors(),
                            burst.percentileMillis(99), bu, Runtime.getRuntime().availableProcessors()).text());
                    System.out.printf("%ndatabase: %.1f MiB before the steady phase, %.1f MiB after (+%.1f MiB in %d s, while each terminal's"
                            + " history ring fills: it stops growing at 50 heartbeats; the daily growth is projected after the simulated week)%n",
                            mib(sizeBefore), mib(sizeAfter), mib(sizeAfter - sizeBefore), s.steady().toSeconds());

                    System.out.println(steadyWork.perHeartbeat("database work, steady", steady.sent() - steady.errors(), steady.perSecond()));
                    System.out.println(burstWork.perHeartbeat("database work, burst", burst.sent() - burst.errors(), burst.perSecond()));
                    System.out.printf("console overview with %d terminals (through nginx): %s%n", s.terminals(), overview(base, cookie));

                    if (s.rollout()) {
                        rollout(db, load, base, cookie);
                    }
                }
                week(db, ids, secrets, base);
                if (!nginx.errorLog().isBlank()) {
                    System.out.println("nginx error log: " + nginx.errorLog().lines().limit(5).toList());
                }
            }
        }
    }

    private static void row(FleetLoad.Result r, double offered) {
        System.out.printf("| %s (%d s) | %.0f | %.0f | %.1f | %.1f | %d%s | %d |%n", r.phase(), r.length().toSeconds(), offered, r.perSecond(),
                r.percentileMillis(50), r.percentileMillis(99), r.errors(), r.errorKinds().isEmpty() ? "" : " " + r.errorKinds(), r.late());
    }

    private record Row(double perSecond, double p50, double p99, long errors) {
    }

    /** The same rate of GETs for a static file through nginx and Jetty: what the stack costs without the database. */
    private Row reference(URI uri, int rate, Duration length) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(128);
        Semaphore inFlight = new Semaphore(2_000);
        List<Long> lat = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long n = (long) rate * length.toSeconds();
        try {
            for (long i = 0; i < n; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                inFlight.acquire();
                pool.execute(() -> {
                    try {
                        long t = System.nanoTime();
                        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() == 200) {
                            lat.add(System.nanoTime() - t);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                });
            }
            inFlight.acquire(2_000);
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = lat.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Row(sorted.length / seconds, pct(sorted, 50), pct(sorted, 99), errors.get());
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    private String overview(URI base, String cookie) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long[] ms = new long[5];
        int bytes = 0;
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/console?lang=en")).header("Cookie", "fleet_session=" + cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
            ms[i] = (System.nanoTime() - t) / 1_000_000;
            if (r.statusCode() != 200) {
                return "failed: " + r.statusCode();
            }
            bytes = r.body().length();
        }
        Arrays.sort(ms);
        return String.format("median %d ms, worst %d ms of %d loads (%d KiB of HTML)", ms[ms.length / 2], ms[ms.length - 1], ms.length, bytes / 1024);
    }

    /** Three waves, 2 % of the terminals rolling the release back: the rollout must pause itself at wave 2. */
    private void rollout(Database db, FleetLoad load, URI base, String cookie) throws Exception {
        Rollouts rollouts = org.tongban.fleet.cli.RolloutCommands.rollouts(db, "Asia/Shanghai");
        RolloutPlan plan = new RolloutPlan(RolloutPlan.parseWaves(List.of("10%; soak=20s", "30%; threshold=1%; soak=20s", "100%"), 5,
                Duration.ofSeconds(20)), RolloutPlan.Window.ANY_TIME);
        Rollout r = rollouts.start(42, "1.4.3", plan, null, "bench", null);
        load.publish(new FleetLoad.Behaviour(0, 0, 0.02, 42, "1.4.3", 0));
        long t0 = System.nanoTime();
        System.out.printf("%nrollout %s: sequence 42 in 3 waves (10%%, 30%%, 100%%; wave 2 threshold 1%%), 2%% of the terminals roll back;"
                + " terminals report every 10 s meanwhile%n", r.id());
        Rollout now = r;
        while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(300)) {
            load.run("rollout", Duration.ofSeconds(10), Duration.ofSeconds(10), line -> { });
            now = rollouts.find(r.id()).orElseThrow();
            if (now.status() != Rollout.Status.RUNNING) {
                break;
            }
        }
        System.out.printf("after %.0f s: %s, wave %d; reason: %s%n", (System.nanoTime() - t0) / 1e9, now.status(), now.currentWave() + 1,
                now.pausedReason());
        for (Rollouts.WaveSummary w : rollouts.summary(now)) {
            System.out.printf("  wave %d %-6s %5d terminals: healthy %d, installed %d, downloading %d, offered %d, rolled back %d, refused %d%n",
                    w.state().index() + 1, w.state().wave().selector().text(), w.total(), w.counts().get(org.tongban.fleet.rollouts.Progress.HEALTHY),
                    w.counts().get(org.tongban.fleet.rollouts.Progress.INSTALLED), w.counts().get(org.tongban.fleet.rollouts.Progress.DOWNLOADING),
                    w.counts().get(org.tongban.fleet.rollouts.Progress.OFFERED), w.counts().get(org.tongban.fleet.rollouts.Progress.ROLLED_BACK),
                    w.counts().get(org.tongban.fleet.rollouts.Progress.REFUSED));
        }
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/console/rollouts/" + r.id() + "?lang=en"))
                .header("Cookie", "fleet_session=" + cookie).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("console rollout page shows the reason: " + page.body().contains("id=\"paused-reason\""));
        rollouts.abort(r.id(), false, Rollouts.commandLine("bench"), null);
    }

    /**
     * A simulated week: every terminal reports seven days of usage (through the API), and the heartbeat history
     * is filled as a week of heartbeats would leave it (its ring of the last 50 per terminal, by SQL); then the
     * server's pruning runs. States the database size and its biggest tables.
     */
    private void week(Database db, List<String> ids, Path secrets, URI base) throws Exception {
        try (FleetLoad load = new FleetLoad(base, secrets, ids, FleetLoad.Behaviour.quiet(), 128, json)) {
            LocalDate today = LocalDate.now();
            for (SimulatedTerminal t : load.terminals()) {
                List<ObjectNode> days = new ArrayList<>();
                for (int d = 6; d >= 0; d--) {
                    days.add(UsageDay.of(json, today.minusDays(d), 80, (t.id() + d).hashCode()));
                }
                t.usageDays(days);
            }
            FleetLoad.Result r = load.run("week of usage", Duration.ofSeconds(30), Duration.ofSeconds(30), line -> { });
            try (Connection c = db.connection(); var st = c.createStatement()) {
                // a terminal that reports the same gets an entry every HISTORY_EVERY: its 50 go back over eight hours
                st.executeUpdate("INSERT INTO heartbeat_history (terminal_id, slot, received_at, body) SELECT t.id, s,"
                        + " now() - s * make_interval(secs => " + HeartbeatService.HISTORY_EVERY.toSeconds() + "),"
                        + " t.heartbeat FROM terminal t, generate_series(0, 49) s WHERE t.heartbeat IS NOT NULL ON CONFLICT DO NOTHING");
                st.execute("VACUUM ANALYZE");
            }
            System.out.printf("%nafter a simulated week (%d usage reports of 7 days, %d errors; history ring full): database %.1f MiB%n",
                    r.sent(), r.errors(), mib(databaseSize(db)));
            long usage = 0;
            try (Connection c = db.connection(); var st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
                            + " ORDER BY 2 DESC LIMIT 6")) {
                while (rs.next()) {
                    System.out.printf("  %-20s %7.1f MiB%n", rs.getString(1), mib(rs.getLong(2)));
                    if (rs.getString(1).startsWith("usage_")) {
                        usage += rs.getLong(2);
                    }
                }
            }
            System.out.printf("projected growth once the history ring is full: %.1f MiB/day (the usage counters: 7 days took %.1f MiB);"
                    + " the heartbeat history stays at its bound (%d terminals x 50)%n", mib(usage) / 7, mib(usage), ids.size());
        }
    }

    private static long databaseSize(Database db) throws Exception {
        try (Connection c = db.connection(); var rs = c.createStatement().executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
