package org.tongban.fleet.heartbeat;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tongban.fleet.app.FleetServer;
import org.tongban.fleet.operators.Role;
import org.tongban.fleet.simulator.SimulatedTerminal;
import org.tongban.fleet.simulator.TerminalSimulator;
import org.tongban.fleet.support.FleetFixture;
import org.tongban.fleet.support.TestPostgres;
import org.tongban.fleet.support.WithPostgres;
import org.tongban.fleet.terminals.Enrolment;
import org.tongban.signing.RequestSigner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The terminal side of the API against a real server on loopback and a real PostgreSQL. */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeartbeatApiTest {

    FleetFixture fleet;
    TerminalSimulator sim;
    TestPostgres postgres;

    @BeforeAll
    void start(TestPostgres postgres) throws Exception {
        this.postgres = postgres;
        fleet = new FleetFixture(postgres, "heartbeat", FleetServer.Settings.defaults(0), FleetFixture.csv(
                "HB-0001,Kunming,Wuhua,HALL_KIOSK", "HB-0002,Kunming,Wuhua,BANK_STM", "HB-0003,Kunming,Panlong,HALL_KIOSK",
                "HB-0004,Kunming,Panlong,HALL_KIOSK"));
        sim = fleet.simulator("HB-0001", "HB-0002", "HB-0003", "HB-0004");
    }

    @AfterAll
    void stop() throws Exception {
        sim.close();
        fleet.close();
    }

    @Test
    void aSignedHeartbeatIsStoredAndTheAnswerIsSigned() throws Exception {
        SimulatedTerminal t = sim.terminal("HB-0001");
        long history = fleet.count("SELECT count(*) FROM heartbeat_history WHERE terminal_id = 'HB-0001'");
        t.outbox((int) history + 3, 60); // a change: the history takes it
        SimulatedTerminal.Exchange e = t.heartbeat();
        assertThat(e.status(), is(200));
        assertThat("answer signature verified by the terminal", e.signatureValid(), is(true));
        assertThat(e.answer().path("intervalSeconds").asInt(), is(30));
        assertThat(fleet.count("SELECT count(*) FROM terminal WHERE id = 'HB-0001' AND last_seen IS NOT NULL"), is(1L));
        assertThat(fleet.count("SELECT count(*) FROM heartbeat_history WHERE terminal_id = 'HB-0001'"), is(history + 1));
    }

    @Test
    void theHistoryIsBounded() throws Exception {
        SimulatedTerminal t = sim.terminal("HB-0002");
        for (int i = 0; i < HeartbeatService.HISTORY + 5; i++) {
            t.outbox(i, 60); // each a change, each in the history
            assertThat(t.heartbeat().status(), is(200));
        }
        assertThat(fleet.count("SELECT count(*) FROM heartbeat_history WHERE terminal_id = 'HB-0002'"), is((long) HeartbeatService.HISTORY));
    }

    @Test
    void version10SignaturesAreAcceptedToo() throws Exception {
        byte[] secret = SimulatedTerminal.secretFromHex(Files.readString(Enrolment.secretFile(fleet.secrets, "HB-0002")));
        RequestSigner signer = new RequestSigner(secret);
        SimulatedTerminal t = sim.terminal("HB-0002");
        byte[] body = fleet.json.writeValueAsBytes(t.heartbeatBody());
        String ts = Long.toString(System.currentTimeMillis());
        String nonce = signer.newNonce();
        SimulatedTerminal.Exchange e = t.exchange(body, ts, nonce, signer.sign("POST", "/fleet/v1/heartbeat", ts, nonce, body));
        assertThat(e.status(), is(200));
        assertThat(e.signatureValid(), is(true));
    }

    @Test
    void badSignatureSkewAndReplayAreRefused() throws Exception {
        byte[] secret = SimulatedTerminal.secretFromHex(Files.readString(Enrolment.secretFile(fleet.secrets, "HB-0003")));
        RequestSigner signer = new RequestSigner(secret);
        SimulatedTerminal t = sim.terminal("HB-0003");
        byte[] body = fleet.json.writeValueAsBytes(t.heartbeatBody());
        String ts = Long.toString(System.currentTimeMillis());
        String nonce = signer.newNonce();
        String good = signer.sign("HB-0003", "POST", "/fleet/v1/heartbeat", ts, nonce, body);

        assertThat(t.exchange(body, ts, nonce, good.replace(good.charAt(0), good.charAt(0) == 'a' ? 'b' : 'a')).status(), is(401));
        assertThat(t.exchange(body, ts, nonce, good).status(), is(200));
        SimulatedTerminal.Exchange replay = t.exchange(body, ts, nonce, good);
        assertThat(replay.status(), is(401));
        assertThat(replay.answer().path("title").asText(), is("Replayed nonce"));

        String old = Long.toString(System.currentTimeMillis() - 301_000);
        String n2 = signer.newNonce();
        SimulatedTerminal.Exchange skewed = t.exchange(body, old, n2, signer.sign("HB-0003", "POST", "/fleet/v1/heartbeat", old, n2, body));
        assertThat(skewed.status(), is(401));
        assertThat(skewed.answer().path("title").asText(), is("Clock skew"));

        // Another terminal's secret cannot speak for this one (v1.1 binds the id).
        byte[] other = SimulatedTerminal.secretFromHex(Files.readString(Enrolment.secretFile(fleet.secrets, "HB-0004")));
        String n3 = signer.newNonce();
        assertThat(t.exchange(body, ts, n3, new RequestSigner(other).sign("HB-0003", "POST", "/fleet/v1/heartbeat", ts, n3, body)).status(), is(401));
    }

    @Test
    void malformedJsonIs400AndChangesNothing() throws Exception {
        SimulatedTerminal t = sim.terminal("HB-0004");
        t.heartbeat();
        long before = fleet.count("SELECT heartbeat_count FROM terminal WHERE id = 'HB-0004'");
        SimulatedTerminal.Exchange e = t.send("{\"terminalId\": \"HB-0004\", ".getBytes(StandardCharsets.UTF_8));
        assertThat(e.status(), is(400));
        assertThat("problems are signed as well", e.signatureValid(), is(true));
        assertThat(e.answer().path("title").asText(), is("Malformed JSON"));
        SimulatedTerminal.Exchange invalid = t.send("{\"terminalId\": \"HB-0004\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(invalid.status(), is(400));
        assertThat(invalid.answer().path("detail").asText(), containsString("softwareVersion"));
        assertThat(fleet.count("SELECT heartbeat_count FROM terminal WHERE id = 'HB-0004'"), is(before));
    }

    @Test
    void aBodyOverOneMebibyteIs413() throws Exception {
        SimulatedTerminal t = sim.terminal("HB-0004");
        byte[] big = new byte[1_048_577];
        java.util.Arrays.fill(big, (byte) ' ');
        assertThat(t.send(big).status(), is(413));
    }

    @Test
    void anUnknownTerminalIs401() throws Exception {
        HttpResponse<String> r = fleet.http.send(HttpRequest.newBuilder(fleet.base.resolve("/fleet/v1/heartbeat"))
                .header("X-Terminal-Id", "NOBODY").header("X-Timestamp", "1").header("X-Nonce", "0123456789abcdef0123")
                .header("X-Signature", "00").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode(), is(401));
        assertThat(r.headers().firstValue("Content-Type").orElse(""), containsString("application/problem+json"));
    }

    @Test
    void commandsAreRedeliveredUntilAResultComesBack() throws Exception {
        String token = fleet.token(Role.OPERATOR);
        HttpResponse<String> sent = fleet.post("/fleet/v1/commands", token, "{\"type\":\"SYNC_NOW\",\"terminals\":[\"HB-0002\"]}");
        assertThat(sent.body(), sent.statusCode(), is(202));
        String id = fleet.json.readTree(sent.body()).path("commands").get(0).path("id").asText();
        SimulatedTerminal t = sim.terminal("HB-0002");

        // The terminal receives it but its result is lost (a fresh terminal object does not report it)...
        SimulatedTerminal forgetful = new SimulatedTerminal("HB-0002",
                SimulatedTerminal.secretFromHex(Files.readString(Enrolment.secretFile(fleet.secrets, "HB-0002"))), fleet.base, fleet.http, fleet.json);
        assertThat(forgetful.heartbeat().answer().path("commands").get(0).path("id").asText(), is(id));
        assertThat(status(token, id), is("DELIVERED"));
        // ...so the next heartbeat carries it again; this one reports DONE and it is delivered no more.
        JsonNode again = t.heartbeat().answer();
        assertThat(again.path("commands").get(0).path("id").asText(), is(id));
        JsonNode after = t.heartbeat().answer();
        assertThat(status(token, id), is("DONE"));
        assertThat(after.path("commands").size(), is(0));
    }

    @Test
    void aCommandWithoutAResultForADayExpires() throws Exception {
        String token = fleet.token(Role.OPERATOR);
        String id = fleet.json.readTree(fleet.post("/fleet/v1/commands", token, "{\"type\":\"RESTART\",\"terminals\":[\"HB-0004\"]}").body())
                .path("commands").get(0).path("id").asText();
        try (var c = fleet.db.connection(); var st = c.prepareStatement("UPDATE command SET issued_at = now() - interval '25 hours' WHERE id = ?::uuid")) {
            st.setString(1, id);
            st.executeUpdate();
        }
        new org.tongban.fleet.commands.Commands(fleet.db, new org.tongban.fleet.audit.AuditLog(fleet.db), new org.tongban.fleet.events.FleetEvents(),
                fleet.json).expire(FleetServer.COMMAND_LIFETIME);
        assertThat(status(token, id), is("EXPIRED"));
        for (JsonNode c : sim.terminal("HB-0004").heartbeat().answer().path("commands")) {
            assertThat(c.path("id").asText().equals(id), is(false));
        }
    }

    private String status(String token, String id) throws Exception {
        return fleet.json.readTree(fleet.get("/fleet/v1/commands/" + id, token).body()).path("status").asText();
    }

    @Test
    void usageReportsReplaceTheirDay() throws Exception {
        SimulatedTerminal t = sim.terminal("HB-0001");
        String today = LocalDate.now().toString();
        ObjectNode day = fleet.json.createObjectNode().put("date", today);
        day.putArray("items").addObject().put("itemCode", "SOC-001").put("started", 5).put("completed", 4).put("abandoned", 1)
                .putObject("reviews").put("5", 3);
        t.usage(day);
        JsonNode answer = t.heartbeat().answer();
        assertThat(answer.path("usageAcknowledged").get(0).asText(), is(today));
        t.heartbeat();
        t.heartbeat();
        String token = fleet.token(Role.VIEWER);
        JsonNode stats = fleet.json.readTree(fleet.get("/fleet/v1/stats/items?from=" + today + "&to=" + today, token).body());
        assertThat(stats.path("items").size(), is(1));
        assertThat("three reports of the same day count once", stats.path("items").get(0).path("started").asInt(), is(5));
        assertThat(stats.path("items").get(0).path("reviews").path("5").asInt(), is(3));
    }

    @Test
    void aStaffCallOpensAnAlertAndItsAcknowledgementGoesBackToTheTerminal() throws Exception {
        SimulatedTerminal t = sim.terminal("HB-0003");
        t.callStaff("social-insurance/print-record");
        assertThat(t.heartbeat().answer().path("assistance").isMissingNode(), is(true));
        String staff = fleet.operators().createToken("Li Ming", Role.OPERATOR, "test", null);
        JsonNode alerts = fleet.json.readTree(fleet.get("/fleet/v1/alerts?open=true", staff).body()).path("alerts");
        String alertId = null;
        for (JsonNode a : alerts) {
            if (a.path("terminalId").asText().equals("HB-0003") && a.path("kind").asText().equals("ASSISTANCE")) {
                alertId = a.path("id").asText();
            }
        }
        assertThat(alertId, notNullValue());
        assertThat(fleet.post("/fleet/v1/alerts/" + alertId + "/acknowledge", staff, "").statusCode(), is(200));
        t.heartbeat();
        assertThat(t.acknowledgedBy(), is("Li Ming"));
        t.staffArrived();
        t.heartbeat();
        assertThat(t.acknowledgedBy(), nullValue());
        assertThat(fleet.count("SELECT count(*) FROM alert WHERE terminal_id = 'HB-0003' AND kind = 'ASSISTANCE' AND closed_at IS NULL"), is(0L));
    }

    @Test
    void aRevokedTerminalIsRefused() throws Exception {
        FleetFixture other = new FleetFixture(postgres, "revoke", FleetServer.Settings.defaults(0), FleetFixture.csv("RV-0001,R,H,HALL_KIOSK"));
        try (other; TerminalSimulator s = other.simulator("RV-0001")) {
            assertThat(s.terminal("RV-0001").heartbeat().status(), is(200));
            new Enrolment(other.db, new org.tongban.fleet.audit.AuditLog(other.db)).revoke("RV-0001", "test");
            SimulatedTerminal.Exchange e = s.terminal("RV-0001").heartbeat();
            assertThat(e.status(), is(401));
            assertThat(e.answer().path("title").asText(), is("Terminal revoked"));
        }
    }

    @Test
    void whileTheDatabaseIsDownHeartbeatsGet503AndTheServerRecoversByItself() throws Exception {
        SimulatedTerminal t = sim.terminal("HB-0001");
        postgres.postgres().stop();
        try {
            HttpResponse<String> r = fleet.http.send(HttpRequest.newBuilder(fleet.base.resolve("/fleet/v1/heartbeat"))
                    .timeout(Duration.ofSeconds(20)).header("X-Terminal-Id", "HB-0001").header("X-Timestamp", "1")
                    .header("X-Nonce", "0123456789abcdef0123").header("X-Signature", "00")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode(), is(503));
            assertThat(r.headers().firstValue("Retry-After").orElse(null), equalTo("5"));
        } finally {
            postgres.postgres().restart();
        }
        SimulatedTerminal.Exchange e = null;
        for (int i = 0; i < 20 && (e == null || e.status() != 200); i++) {
            e = t.heartbeat();
            if (e.status() != 200) {
                Thread.sleep(500);
            }
        }
        assertThat(e.status(), is(200));
        assertThat(e.answer().path("commands").isArray(), is(true));
    }
}
