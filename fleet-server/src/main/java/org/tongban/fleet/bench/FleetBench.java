package org.tongban.fleet.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.tongban.fleet.app.FleetServer;
import org.tongban.fleet.audit.AuditLog;
import org.tongban.fleet.db.Database;
import org.tongban.fleet.operators.Operators;
import org.tongban.fleet.operators.PasswordHasher;
import org.tongban.fleet.operators.Role;
import org.tongban.fleet.operators.Secrets;
import org.tongban.fleet.simulator.SimulatedTerminal;
import org.tongban.fleet.simulator.TerminalSimulator;
import org.tongban.fleet.terminals.Enrolment;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./fleet bench}: a real server on loopback over a fresh database, N simulated terminals. Prints
 * heartbeats per second and latency percentiles (with, as a reference measured in the same run, the same number
 * of requests for a static file that touches no database), the time from a staff call's heartbeat to the staff
 * view's server-sent event and to the page showing the call, and the overview's load time.
 */
public final class FleetBench {

    private final Database db;
    private final int terminals;
    private final int parallel;
    private final int rounds;
    private final ObjectMapper json = new ObjectMapper();

    public FleetBench(Database db, int terminals, int parallel, int rounds) {
        this.db = db;
        this.terminals = terminals;
        this.parallel = parallel;
        this.rounds = rounds;
    }

    public void run() throws Exception {
        Path dir = Files.createTempDirectory("fleet-bench");
        try {
            measure(dir);
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void measure(Path dir) throws Exception {
        List<String> ids = new ArrayList<>();
        StringBuilder csv = new StringBuilder(Enrolment.CSV_HEADER).append('\n');
        for (int i = 0; i < terminals; i++) {
            String id = String.format("BN-%05d", i);
            ids.add(id);
            // about 14 terminals a hall, 20 halls a region, as in a province
            csv.append(id).append(",Region ").append(i / 280).append(",Hall ").append(i / 14).append(',')
                    .append(i % 2 == 0 ? "HALL_KIOSK" : "BANK_STM").append('\n');
        }
        Path file = dir.resolve("terminals.csv");
        Files.writeString(file, csv);
        new Enrolment(db, new AuditLog(db)).importAll(file, Enrolment.parse(file), dir.resolve("secrets"), "bench");
        Operators operators = new Operators(db, new AuditLog(db), new PasswordHasher(), new Secrets());
        operators.addAccount("bench", "Bench", Role.ADMIN, Set.of(), "bench-password".toCharArray(), "bench", null);
        String cookie = ((Operators.LoginResult.Success) operators.login("bench", "bench-password".toCharArray(), "127.0.0.1")).sessionCookie();

        try (FleetServer server = new FleetServer(db, FleetServer.Settings.defaults(0)).start();
                TerminalSimulator sim = new TerminalSimulator(URI.create("http://127.0.0.1:" + server.port()), dir.resolve("secrets"), ids,
                        parallel, json)) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            System.out.printf("fleet bench: %d terminals, %d in flight, %d rounds, %d cores%n", terminals, parallel, rounds,
                    Runtime.getRuntime().availableProcessors());
            sim.heartbeatAll(parallel); // warm-up: first heartbeats, JIT, pool
            long[] all = new long[0];
            long start = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                long[] l = sim.heartbeatAll(parallel);
                long[] merged = Arrays.copyOf(all, all.length + l.length);
                System.arraycopy(l, 0, merged, all.length, l.length);
                all = merged;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            print("heartbeats (signed, stored, answered signed)", all, seconds);

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long[] ref = reference(http, base.resolve("/console/static/console.css"), all.length);
            print("reference: static file, no database", ref, Double.NaN);

            staffCall(sim, http, base, cookie);
            overview(http, base, cookie);
        }
    }

    private long[] reference(HttpClient http, URI uri, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Long>> fs = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                fs.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
                    return System.nanoTime() - t;
                }));
            }
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = fs.get(i).get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("  (reference throughput: %.0f requests/s)%n", n / seconds);
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Staff call to staff view, while the rest of the fleet reports at its normal pace (3000 / 30 s = 100/s). */
    private void staffCall(TerminalSimulator sim, HttpClient http, URI base, String cookie) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            int i = 0;
            List<SimulatedTerminal> all = sim.terminals();
            while (running.get()) {
                try {
                    all.get(i++ % all.size()).heartbeat();
                    Thread.sleep(10);
                } catch (Exception e) {
                    return;
                }
            }
        });
        load.start();
        long[] toEvent = new long[10];
        long[] toPage = new long[10];
        try {
            for (int k = 0; k < toEvent.length; k++) {
                SimulatedTerminal t = sim.terminals().get(14 * k + 3);
                String hall = "Hall " + ((14 * k + 3) / 14);
                HttpRequest sse = HttpRequest.newBuilder(base.resolve("/console/events?hall=" + hall.replace(" ", "%20")))
                        .header("Cookie", "fleet_session=" + cookie).build();
                HttpResponse<java.io.InputStream> stream = http.send(sse, HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                    lines.readLine(); // ": connected"
                    Thread.sleep(300); // let earlier changes of this hall flush
                    t.callStaff("catalog/item");
                    long pressed = System.nanoTime();
                    t.heartbeat();
                    String line;
                    while ((line = lines.readLine()) != null && !line.startsWith("event: changed")) {
                        // skip comments and keep-alives
                    }
                    toEvent[k] = System.nanoTime() - pressed;
                    String page = http.send(HttpRequest.newBuilder(base.resolve("/console/halls/" + hall.replace(" ", "%20")))
                            .header("Cookie", "fleet_session=" + cookie).build(), HttpResponse.BodyHandlers.ofString()).body();
                    if (!page.contains("id=\"call-" + t.id() + "\"")) {
                        throw new IllegalStateException("the staff view does not show the call of " + t.id());
                    }
                    toPage[k] = System.nanoTime() - pressed;
                }
                t.staffArrived();
                t.heartbeat();
            }
        } finally {
            running.set(false);
            load.join();
        }
        print("staff call heartbeat -> SSE event on the hall's staff view", toEvent, Double.NaN);
        print("staff call heartbeat -> staff view page showing the call", toPage, Double.NaN);
    }

    private void overview(HttpClient http, URI base, String cookie) throws Exception {
        long[] times = new long[10];
        int size = 0;
        for (int i = -2; i < times.length; i++) {
            long t = System.nanoTime();
            String page = http.send(HttpRequest.newBuilder(base.resolve("/console")).header("Cookie", "fleet_session=" + cookie).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (i >= 0) {
                times[i] = System.nanoTime() - t;
            }
            size = page.length();
        }
        print("console overview page with " + terminals + " terminals (" + size / 1024 + " KiB)", times, Double.NaN);
    }

    private static void print(String what, long[] nanos, double seconds) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%s: n=%d", what, s.length);
        if (!Double.isNaN(seconds)) {
            System.out.printf(" throughput=%.0f/s", s.length / seconds);
        }
        System.out.printf(" p50=%.1f ms p99=%.1f ms max=%.1f ms%n", pct(s, 0.50), pct(s, 0.99), s[s.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
