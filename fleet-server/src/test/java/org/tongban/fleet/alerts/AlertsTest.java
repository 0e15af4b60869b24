package org.tongban.fleet.alerts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tongban.fleet.app.FleetServer;
import org.tongban.fleet.simulator.SimulatedTerminal;
import org.tongban.fleet.simulator.TerminalSimulator;
import org.tongban.fleet.support.FleetFixture;
import org.tongban.fleet.support.TestPostgres;
import org.tongban.fleet.support.WithPostgres;

import com.sun.net.httpserver.HttpServer;

/**
 * Alerts opened and closed from what terminals report or stop reporting, and posted to a webhook (a real HTTP
 * receiver on loopback that fails its first delivery, so the retry is exercised).
 */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsTest {

    FleetFixture fleet;
    TerminalSimulator sim;
    HttpServer receiver;
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();

    @BeforeAll
    void start(TestPostgres postgres) throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/robot", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int n = attempts.incrementAndGet();
            int status = n == 1 ? 500 : 200;
            if (status == 200) {
                received.add(new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        FleetServer.Settings settings = new FleetServer.Settings("127.0.0.1", 0, Duration.ofSeconds(1), 3, Duration.ofMinutes(10),
                URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/robot"));
        fleet = new FleetFixture(postgres, "alerts", settings, FleetFixture.csv("AL-0001,Kunming,Wuhua,HALL_KIOSK", "AL-0002,Kunming,Wuhua,HALL_KIOSK"));
        sim = fleet.simulator("AL-0001", "AL-0002");
    }

    @AfterAll
    void stop() throws Exception {
        sim.close();
        fleet.close();
        receiver.stop(0);
    }

    long open(String terminal, String kind) throws Exception {
        return fleet.count("SELECT count(*) FROM alert WHERE terminal_id = '" + terminal + "' AND kind = '" + kind + "' AND closed_at IS NULL");
    }

    @Test
    void reportedFaultsOpenAlertsAndTheirEndClosesThem() throws Exception {
        SimulatedTerminal t = sim.terminal("AL-0001");
        t.device("receipt-printer", "ERROR", "PAPER_OUT");
        t.device("camera", "ERROR", null);
        t.outbox(12, 3600);
        t.heartbeat();
        assertThat(open("AL-0001", "PAPER_OUT"), is(1L));
        assertThat(open("AL-0001", "DEVICE_ERROR"), is(1L));
        assertThat(open("AL-0001", "OUTBOX_STUCK"), is(1L));
        t.heartbeat();
        assertThat("one open alert per kind, however often reported",
                fleet.count("SELECT count(*) FROM alert WHERE terminal_id = 'AL-0001'"), is(3L));
        t.device("receipt-printer", "ONLINE", null);
        t.device("camera", "ONLINE", null);
        t.outbox(0, 0);
        t.heartbeat();
        assertThat(fleet.count("SELECT count(*) FROM alert WHERE terminal_id = 'AL-0001' AND closed_at IS NULL"), is(0L));
    }

    @Test
    void aSilentTerminalGoesOfflineAndTheWebhookHearsOfIt() throws Exception {
        SimulatedTerminal t = sim.terminal("AL-0002");
        t.heartbeat();
        // Interval 1 s: offline after 3.1 s without a heartbeat; the sweep runs every second.
        long deadline = System.currentTimeMillis() + 15_000;
        while (open("AL-0002", "OFFLINE") == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(open("AL-0002", "OFFLINE"), is(1L));
        String token = fleet.token(org.tongban.fleet.operators.Role.VIEWER);
        assertThat(fleet.json.readTree(fleet.get("/fleet/v1/terminals/AL-0002", token).body()).path("state").asText(), is("OFFLINE"));
        // The receiver fails the first post; the dispatcher retries after its backoff.
        while (received.stream().noneMatch(b -> b.contains("AL-0002") && b.contains("OFFLINE")) && System.currentTimeMillis() < deadline + 15_000) {
            Thread.sleep(200);
        }
        String delivered = received.stream().filter(b -> b.contains("AL-0002") && b.contains("OFFLINE")).findFirst().orElse("");
        var payload = fleet.json.readTree(delivered);
        assertThat(payload.path("msgtype").asText(), is("text"));
        assertThat(payload.path("text").path("content").asText(), containsString("OFFLINE AL-0002"));
        assertThat(payload.path("alert").path("kind").asText(), is("OFFLINE"));
        assertThat(fleet.count("SELECT count(*) FROM webhook_delivery WHERE attempts > 1 AND delivered_at IS NOT NULL"), is(1L));
        t.heartbeat();
        assertThat(open("AL-0002", "OFFLINE"), is(0L));
    }

    @Test
    void backoffDoublesUpToFiveMinutes() throws IOException {
        assertThat(WebhookDispatcher.backoffSeconds(1), is(2));
        assertThat(WebhookDispatcher.backoffSeconds(3), is(8));
        assertThat(WebhookDispatcher.backoffSeconds(30), is(300));
    }
}
