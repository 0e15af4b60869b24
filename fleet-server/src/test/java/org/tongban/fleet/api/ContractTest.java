package org.tongban.fleet.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * The server side of the contract: every answer the server gives in a working session (heartbeats, problems,
 * every operator call) validated against docs/contracts/fleet-api.yaml, and the simulator's requests too.
 */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractTest {

    static final Path CONTRACT = Path.of("../docs/contracts/fleet-api.yaml");

    FleetFixture fleet;
    TerminalSimulator sim;
    OpenApiInteractionValidator validator;
    final List<String> problems = new ArrayList<>();
    int checked;

    @BeforeAll
    void start(TestPostgres postgres) throws Exception {
        validator = OpenApiInteractionValidator.createForSpecificationUrl(CONTRACT.toAbsolutePath().toUri().toString()).build();
        fleet = new FleetFixture(postgres, "contract", FleetServer.Settings.defaults(0),
                FleetFixture.csv("CT-0001,Kunming,Wuhua,HALL_KIOSK", "CT-0002,Kunming,Wuhua,BANK_STM"));
        sim = fleet.simulator("CT-0001", "CT-0002");
    }

    @AfterAll
    void stop() throws Exception {
        sim.close();
        fleet.close();
    }

    private void check(String method, String path, HttpResponse<String> answer) {
        SimpleResponse.Builder r = SimpleResponse.Builder.status(answer.statusCode()).withBody(answer.body());
        answer.headers().map().forEach((k, v) -> r.withHeader(k, v));
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method), r.build());
        checked++;
        if (report.hasErrors()) {
            problems.add(method + " " + path + " " + answer.statusCode() + ": " + report.getMessages());
        }
    }

    private void checkHeartbeat(SimulatedTerminal t, int status, com.fasterxml.jackson.databind.JsonNode answer) throws Exception {
        String body = fleet.json.writeValueAsString(answer);
        SimpleResponse.Builder r = SimpleResponse.Builder.status(status).withContentType(status == 200 ? "application/json" : "application/problem+json")
                .withBody(body);
        ValidationReport report = validator.validateResponse("/fleet/v1/heartbeat", Request.Method.POST, r.build());
        checked++;
        if (report.hasErrors()) {
            problems.add("heartbeat " + status + ": " + report.getMessages());
        }
        ValidationReport request = validator.validateRequest(SimpleRequest.Builder.post("/fleet/v1/heartbeat")
                .withContentType("application/json").withBody(fleet.json.writeValueAsString(t.heartbeatBody()))
                .withHeader("X-Signature", "00").build());
        if (request.hasErrors()) {
            problems.add("heartbeat request: " + request.getMessages());
        }
    }

    @Test
    void everyAnswerOfAWorkingSessionMatchesTheContract() throws Exception {
        String operator = fleet.token(Role.OPERATOR);
        String viewer = fleet.token(Role.VIEWER);
        SimulatedTerminal a = sim.terminal("CT-0001");
        SimulatedTerminal b = sim.terminal("CT-0002");
        a.device("receipt-printer", "DEGRADED", "PAPER_LOW");
        b.callStaff("catalog/search");

        check("GET", "/fleet/v1/terminals", fleet.get("/fleet/v1/terminals", viewer));
        var e = a.heartbeat();
        checkHeartbeat(a, e.status(), e.answer());
        e = b.heartbeat();
        checkHeartbeat(b, e.status(), e.answer());

        HttpResponse<String> sent = fleet.post("/fleet/v1/commands", operator, "{\"type\":\"LOCK\",\"args\":{\"reason\":\"cleaning\"},\"hall\":\"Wuhua\"}");
        check("POST", "/fleet/v1/commands", sent);
        check("POST", "/fleet/v1/commands", fleet.post("/fleet/v1/commands", viewer, "{\"type\":\"UNLOCK\",\"hall\":\"Wuhua\"}"));
        check("POST", "/fleet/v1/commands", fleet.post("/fleet/v1/commands", operator, "{\"type\":\"LOCK\",\"hall\":\"Wuhua\"}"));
        check("POST", "/fleet/v1/commands", fleet.post("/fleet/v1/commands", operator, "{not json"));
        String commandId = fleet.json.readTree(sent.body()).path("commands").get(0).path("id").asText();
        e = a.heartbeat();
        checkHeartbeat(a, e.status(), e.answer());
        e = a.heartbeat();
        checkHeartbeat(a, e.status(), e.answer());
        check("GET", "/fleet/v1/commands/" + commandId, fleet.get("/fleet/v1/commands/" + commandId, viewer));
        check("GET", "/fleet/v1/commands/nope", fleet.get("/fleet/v1/commands/nope", viewer));

        HttpResponse<String> alerts = fleet.get("/fleet/v1/alerts?open=true", viewer);
        check("GET", "/fleet/v1/alerts", alerts);
        String alertId = null;
        for (var n : fleet.json.readTree(alerts.body()).path("alerts")) {
            if (n.path("kind").asText().equals("ASSISTANCE")) {
                alertId = n.path("id").asText();
            }
        }
        check("POST", "/fleet/v1/alerts/" + alertId + "/acknowledge", fleet.post("/fleet/v1/alerts/" + alertId + "/acknowledge", viewer, ""));
        check("POST", "/fleet/v1/alerts/" + alertId + "/acknowledge", fleet.post("/fleet/v1/alerts/" + alertId + "/acknowledge", operator, ""));
        e = b.heartbeat();
        checkHeartbeat(b, e.status(), e.answer());
        assertThat(e.answer().path("assistance").path("acknowledgedBy").asText(), is("operator-token"));

        check("GET", "/fleet/v1/terminals", fleet.get("/fleet/v1/terminals?hall=Wuhua", viewer));
        check("GET", "/fleet/v1/terminals", fleet.get("/fleet/v1/terminals", null));
        check("GET", "/fleet/v1/terminals/CT-0001", fleet.get("/fleet/v1/terminals/CT-0001", viewer));
        check("GET", "/fleet/v1/terminals/NONE", fleet.get("/fleet/v1/terminals/NONE", viewer));
        check("GET", "/fleet/v1/alerts", fleet.get("/fleet/v1/alerts", viewer));
        check("GET", "/fleet/v1/stats/items", fleet.get("/fleet/v1/stats/items?from=2026-01-01&to=2026-12-31", viewer));
        check("GET", "/fleet/v1/stats/items", fleet.get("/fleet/v1/stats/items?from=yesterday&to=2026-12-31", viewer));
        e = a.send("{broken".getBytes());
        checkHeartbeat(a, e.status(), e.answer());

        assertThat(checked, greaterThan(20));
        assertThat(String.join("\n", problems), problems.isEmpty(), is(true));
    }

    @Test
    void aBrokenAnswerIsCaught() throws Exception {
        // What the validator says when the server forgets a required field or sends a state the contract lacks.
        String viewer = fleet.token(Role.VIEWER);
        String good = fleet.get("/fleet/v1/terminals/CT-0002", viewer).body();
        String broken = good.replaceFirst("\"state\":\"[A-Z_]+\"", "\"state\":\"SLEEPING\"");
        ValidationReport report = validator.validateResponse("/fleet/v1/terminals/CT-0002", Request.Method.GET,
                SimpleResponse.Builder.ok().withContentType("application/json").withBody(broken).build());
        assertThat(report.hasErrors(), is(true));
        assertThat(report.getMessages().toString(), containsString("SLEEPING"));
        ValidationReport missing = validator.validateResponse("/fleet/v1/heartbeat", Request.Method.POST,
                SimpleResponse.Builder.ok().withContentType("application/json").withBody("{\"serverTime\":\"2026-12-04T00:00:00Z\"}").build());
        assertThat(missing.getMessages().toString(), containsString("intervalSeconds"));
    }
}
