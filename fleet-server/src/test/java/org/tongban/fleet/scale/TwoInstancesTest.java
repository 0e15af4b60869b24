package org.tongban.fleet.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.tongban.fleet.audit.AuditLog;
import org.tongban.fleet.db.Database;
import org.tongban.fleet.operators.Operators;
import org.tongban.fleet.operators.PasswordHasher;
import org.tongban.fleet.operators.Role;
import org.tongban.fleet.operators.Secrets;
import org.tongban.fleet.simulator.SimulatedTerminal;
import org.tongban.fleet.simulator.TerminalSimulator;
import org.tongban.fleet.support.FleetFixture;
import org.tongban.fleet.support.TestPostgres;
import org.tongban.fleet.support.WithPostgres;
import org.tongban.fleet.terminals.Enrolment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two {@code ./fleet serve} processes on one PostgreSQL behind Debian's nginx (a child process with its own
 * folder): a heartbeat received by one instance shows live on a page of the other (NOTIFY/LISTEN), also through
 * nginx; a command issued on one is delivered through the other; both show the same fleet; killing one loses
 * nothing.
 */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTest {

    private static final String PASSWORD = "correct horse battery staple";
    private final ObjectMapper json = new ObjectMapper();
    private Path dir;
    private Database db;
    private ServerProcess a;
    private ServerProcess b;
    private LoadBalancer nginx;
    private String token;
    private final List<String> ids = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager()).build();

    @BeforeAll
    void start(TestPostgres postgres) throws Exception {
        dir = Files.createTempDirectory("fleet-two");
        String url = postgres.freshUrl("two");
        db = Database.open(url, 4);
        StringBuilder csv = new StringBuilder(Enrolment.CSV_HEADER + "\n");
        for (int i = 1; i <= 6; i++) {
            String id = String.format("YN-KM-%04d", i);
            ids.add(id);
            csv.append(id).append(",Kunming,").append(i <= 3 ? "Wuhua Hall" : "Panlong Hall").append(",HALL_KIOSK\n");
        }
        Path file = dir.resolve("terminals.csv");
        Files.writeString(file, csv);
        new Enrolment(db, new AuditLog(db)).importAll(file, Enrolment.parse(file), dir.resolve("secrets"), "test");
        Operators operators = new Operators(db, new AuditLog(db), new PasswordHasher(), new Secrets());
        token = operators.createToken("ops", Role.OPERATOR, "test", null);
        operators.addAccount("ops", "Ops", Role.OPERATOR, Set.of(), PASSWORD.toCharArray(), "test", null);
        List<String> jvm = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");
        a = ServerProcess.start(url, freePort(), 2, dir.resolve("a.log"), jvm);
        b = ServerProcess.start(url, freePort(), 2, dir.resolve("b.log"), jvm);
        nginx = LoadBalancer.start(dir.resolve("nginx"), freePort(), List.of(a.port(), b.port()));
    }

    @AfterAll
    void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        for (ServerProcess s : new ServerProcess[] {a, b}) {
            if (s != null) {
                s.close();
            }
        }
        if (db != null) {
            db.close();
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void aHeartbeatReceivedByOneInstanceShowsLiveOnThePagesOfTheOther() throws Exception {
        login();
        try (TerminalSimulator viaB = simulator(b.port())) {
            viaB.heartbeatAll(2); // everyone known before the pages open
            BlockingQueue<String> onA = events(a.port(), "Wuhua Hall");
            BlockingQueue<String> throughNginx = events(nginx.port(), null);
            Thread.sleep(600); // both streams connected and past the first tick
            onA.clear();
            throughNginx.clear();

            assertEquals(200, viaB.terminal("YN-KM-0001").heartbeat().status());
            assertNotNull(waitFor(onA, "event: changed", 2), "instance A's Wuhua Hall page heard of B's heartbeat within 2 s");
            assertNotNull(waitFor(throughNginx, "event: changed", 2), "the overview through nginx heard of it within 2 s (no buffering)");

            onA.clear();
            assertEquals(200, viaB.terminal("YN-KM-0005").heartbeat().status());
            assertTrue(waitFor(onA, "event: changed", 1) == null, "a Panlong Hall heartbeat does not wake the Wuhua Hall page");
        }
    }

    @Test
    @Order(2)
    void aCommandIssuedOnOneInstanceIsDeliveredThroughTheOther() throws Exception {
        HttpResponse<String> sent = api(a.port(), "POST", "/fleet/v1/commands",
                "{\"type\":\"LOCK\",\"args\":{\"reason\":\"maintenance\"},\"terminals\":[\"YN-KM-0002\"]}");
        assertEquals(202, sent.statusCode(), sent.body());
        String commandId = json.readTree(sent.body()).path("commands").get(0).path("id").asText();
        try (TerminalSimulator viaB = simulator(b.port())) {
            SimulatedTerminal t = viaB.terminal("YN-KM-0002");
            SimulatedTerminal.Exchange e = t.heartbeat();
            assertEquals("LOCK", e.answer().path("commands").get(0).path("type").asText());
            assertTrue(t.locked());
            t.heartbeat(); // reports the result, to B
        }
        JsonNode onA = json.readTree(api(a.port(), "GET", "/fleet/v1/commands/" + commandId, null).body());
        assertEquals("DONE", onA.path("status").asText(), "A sees the result B received");
    }

    @Test
    @Order(3)
    void bothInstancesShowTheSameFleet() throws Exception {
        assertEquals(fleet(a.port()), fleet(b.port()));
        assertEquals("LOCKED", fleet(a.port()).get("YN-KM-0002"));
        String overviewA = page(a.port(), "/console?lang=en");
        String overviewB = page(b.port(), "/console?lang=en");
        for (String id : ids) {
            assertTrue(overviewA.contains(id) && overviewB.contains(id), id + " on both overviews");
        }
    }

    @Test
    @Order(4)
    void killingOneInstanceLosesNothing() throws Exception {
        long before = heartbeatCount();
        int sent = 0;
        try (TerminalSimulator viaNginx = simulator(nginx.port())) {
            viaNginx.heartbeatAll(3);
            sent += ids.size();
            a.kill(); // SIGKILL, mid-service
            assertFalse(a.alive());
            for (int round = 0; round < 3; round++) {
                for (SimulatedTerminal t : viaNginx.terminals()) {
                    SimulatedTerminal.Exchange e = t.heartbeat();
                    assertEquals(200, e.status(), "heartbeat of " + t.id() + " after the kill");
                    assertTrue(e.signatureValid());
                    sent++;
                }
            }
            HttpResponse<String> sent2 = api(nginx.port(), "POST", "/fleet/v1/commands",
                    "{\"type\":\"UNLOCK\",\"terminals\":[\"YN-KM-0002\"]}");
            assertEquals(202, sent2.statusCode(), sent2.body());
            SimulatedTerminal t = viaNginx.terminal("YN-KM-0002");
            t.heartbeat();
            sent++;
            assertFalse(t.locked(), "unlocked through the surviving instance");
        }
        assertEquals(before + sent, heartbeatCount(), "every heartbeat sent was stored");
        assertEquals(fleet(b.port()), fleet(nginx.port()));
    }

    // ---- helpers

    private TerminalSimulator simulator(int port) throws Exception {
        return new TerminalSimulator(URI.create("http://127.0.0.1:" + port), dir.resolve("secrets"), ids, 2, json);
    }

    private long heartbeatCount() throws Exception {
        try (var c = db.connection(); var rs = c.createStatement().executeQuery("SELECT sum(heartbeat_count) FROM terminal")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private TreeMap<String, String> fleet(int port) throws Exception {
        TreeMap<String, String> states = new TreeMap<>();
        for (JsonNode t : json.readTree(api(port, "GET", "/fleet/v1/terminals", null).body()).path("terminals")) {
            states.put(t.path("terminalId").asText(), t.path("state").asText());
        }
        assertEquals(ids.size(), states.size());
        return states;
    }

    private HttpResponse<String> api(int port, String method, String path, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String page(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path);
        return r.body();
    }

    /** Logs in through nginx; the session lives in PostgreSQL, so the cookie works on either instance. */
    private void login() throws Exception {
        String form = page(nginx.port(), "/console/login");
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form);
        assertTrue(m.find());
        String body = "csrf=" + m.group(1) + "&name=ops&password=" + java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port() + "/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, r.statusCode(), r.body());
    }

    private BlockingQueue<String> events(int port, String hall) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        String q = hall == null ? "" : "?hall=" + java.net.URLEncoder.encode(hall, java.nio.charset.StandardCharsets.UTF_8);
        http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/events" + q))
                .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
                    lines.add("status: " + r.statusCode());
                    r.body().forEach(lines::add);
                });
        return lines;
    }

    private static String waitFor(BlockingQueue<String> lines, String wanted, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line != null && line.startsWith(wanted)) {
                return line;
            }
        }
        return null;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
