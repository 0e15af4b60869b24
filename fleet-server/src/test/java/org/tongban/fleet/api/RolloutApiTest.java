package org.tongban.fleet.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tongban.fleet.app.FleetServer;
import org.tongban.fleet.operators.Role;
import org.tongban.fleet.simulator.TerminalSimulator;
import org.tongban.fleet.support.FleetFixture;
import org.tongban.fleet.support.TestPostgres;
import org.tongban.fleet.support.WithPostgres;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Staged rollouts through the operator API over real HTTP: start, read, pause, resume, abort; roles, bad input and
 * decisions out of turn refused without a change; each decision in the audit log with who and from where; the
 * gate terminals get follows; every answer as docs/contracts/fleet-api.yaml says.
 */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolloutApiTest {

    FleetFixture fleet;
    TerminalSimulator sim;
    OpenApiInteractionValidator contract;
    final List<String> problems = new ArrayList<>();

    @BeforeAll
    void start(TestPostgres postgres) throws Exception {
        contract = OpenApiInteractionValidator.createForSpecificationUrl(
                ContractTest.CONTRACT.toAbsolutePath().toUri().toString()).build();
        fleet = new FleetFixture(postgres, "rollout_api", FleetServer.Settings.defaults(0), FleetFixture.csv(
                "RA-0001,Kunming,Pilot,HALL_KIOSK", "RA-0002,Kunming,Wuhua,HALL_KIOSK"));
        sim = fleet.simulator("RA-0001", "RA-0002");
    }

    @AfterAll
    void stop() throws Exception {
        sim.close();
        fleet.close();
    }

    HttpResponse<String> checked(String method, String path, HttpResponse<String> answer) {
        SimpleResponse.Builder r = SimpleResponse.Builder.status(answer.statusCode()).withBody(answer.body());
        answer.headers().map().forEach(r::withHeader);
        var report = contract.validateResponse(path.replaceFirst("\\?.*", ""), Request.Method.valueOf(method), r.build());
        if (report.hasErrors()) {
            problems.add(method + " " + path + " " + answer.statusCode() + ": " + report.getMessages());
        }
        return answer;
    }

    HttpResponse<String> post(String path, String token, String body) throws Exception {
        return checked("POST", path, fleet.post(path, token, body));
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return checked("GET", path, fleet.get(path, token));
    }

    long gate(String terminal) throws Exception {
        var e = sim.terminal(terminal).heartbeat();
        assertThat(e.status(), is(200));
        return e.answer().path("release").path("maxSequence").asLong(-1);
    }

    long audit(String action, String id) throws Exception {
        return fleet.count("SELECT count(*) FROM audit WHERE actor = 'token:operator-token' AND action = '" + action
                + "' AND target = '" + id + "' AND address = '127.0.0.1'");
    }

    @Test
    void anOperatorStartsPausesResumesAndAbortsARolloutAndTerminalsFollowTheGate() throws Exception {
        String operator = fleet.token(Role.OPERATOR);
        String viewer = fleet.token(Role.VIEWER);
        String plan = "{\"sequence\":7,\"version\":\"1.7.0\",\"waves\":[\"hall=Pilot; soak=1h\",\"100%\"],\"threshold\":10}";

        assertThat(post("/fleet/v1/rollouts", null, plan).statusCode(), is(401));
        assertThat(post("/fleet/v1/rollouts", viewer, plan).statusCode(), is(403));
        assertThat(post("/fleet/v1/rollouts", operator, "{\"sequence\":7,\"version\":\"1.7.0\",\"waves\":[\"hall=\"]}").statusCode(), is(400));
        assertThat(post("/fleet/v1/rollouts", operator, "{\"sequence\":\"seven\",\"waves\":[\"100%\"]}").statusCode(), is(400));
        assertThat(post("/fleet/v1/rollouts", operator, "{not json").statusCode(), is(400));
        assertThat("bad requests start nothing", fleet.count("SELECT count(*) FROM rollout"), is(0L));

        HttpResponse<String> started = post("/fleet/v1/rollouts", operator, plan);
        assertThat(started.body(), started.statusCode(), is(201));
        JsonNode r = fleet.json.readTree(started.body());
        String id = r.path("id").asText();
        assertThat(r.path("status").asText(), is("RUNNING"));
        assertThat(r.path("waves").size(), is(2));
        assertThat(r.path("waves").get(0).path("terminals").asInt(), is(1));
        assertThat(audit("rollout.start", id), is(1L));
        assertThat("only one unfinished rollout", post("/fleet/v1/rollouts", operator, plan).statusCode(), is(409));

        assertThat("the pilot hall's wave is open", gate("RA-0001"), is(7L));
        assertThat("the rest wait below the release", gate("RA-0002"), is(6L));

        assertThat(post("/fleet/v1/rollouts/" + id + "/resume", operator, "").statusCode(), is(409));
        assertThat(post("/fleet/v1/rollouts/" + id + "/pause", viewer, "").statusCode(), is(403));
        HttpResponse<String> paused = post("/fleet/v1/rollouts/" + id + "/pause", operator, "{\"reason\":\"call centre busy\"}");
        assertThat(paused.body(), paused.statusCode(), is(200));
        assertThat(fleet.json.readTree(paused.body()).path("status").asText(), is("PAUSED"));
        assertThat(fleet.json.readTree(paused.body()).path("pausedReason").asText(), containsString("call centre busy"));
        assertThat(audit("rollout.pause", id), is(1L));
        assertThat(post("/fleet/v1/rollouts/" + id + "/pause", operator, "").statusCode(), is(409));
        assertThat("offered before the pause: kept", gate("RA-0001"), is(7L));

        JsonNode read = fleet.json.readTree(get("/fleet/v1/rollouts/" + id, viewer).body());
        assertThat(read.path("status").asText(), is("PAUSED"));
        for (JsonNode wave : read.path("waves")) {
            int counted = 0;
            for (JsonNode n : wave.path("progress")) {
                counted += n.asInt();
            }
            assertThat("every terminal of the wave is somewhere", counted, is(1));
        }
        assertThat(fleet.json.readTree(get("/fleet/v1/rollouts", viewer).body()).path("rollouts").get(0).path("id").asText(), is(id));

        assertThat(post("/fleet/v1/rollouts/" + id + "/resume", operator, "").statusCode(), is(200));
        assertThat(audit("rollout.resume", id), is(1L));

        HttpResponse<String> aborted = post("/fleet/v1/rollouts/" + id + "/abort", operator, "{\"rollBack\":true}");
        assertThat(aborted.body(), aborted.statusCode(), is(200));
        assertThat(fleet.json.readTree(aborted.body()).path("status").asText(), is("ABORTED"));
        assertThat(audit("rollout.abort", id), is(1L));
        assertThat("the gate goes back down for all", gate("RA-0001"), is(6L));
        assertThat(post("/fleet/v1/rollouts/" + id + "/abort", operator, "").statusCode(), is(409));
        assertThat(post("/fleet/v1/rollouts/" + id + "/abort", operator, "[1]").statusCode(), is(400));

        assertThat(get("/fleet/v1/rollouts/00000000-0000-0000-0000-000000000000", viewer).statusCode(), is(404));
        assertThat(get("/fleet/v1/rollouts/nope", viewer).statusCode(), is(404));
        assertThat(post("/fleet/v1/rollouts/nope/pause", operator, "").statusCode(), is(404));
        assertThat(String.join("\n", problems), problems, empty());
    }
}
