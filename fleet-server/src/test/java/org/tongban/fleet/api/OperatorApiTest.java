package org.tongban.fleet.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

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

import com.fasterxml.jackson.databind.JsonNode;

/** Bearer tokens and roles on the operator API; every state change in the audit log. */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorApiTest {

    FleetFixture fleet;
    TerminalSimulator sim;

    @BeforeAll
    void start(TestPostgres postgres) throws Exception {
        fleet = new FleetFixture(postgres, "operators", FleetServer.Settings.defaults(0), FleetFixture.csv(
                "OP-0001,Kunming,Wuhua,HALL_KIOSK", "OP-0002,Kunming,Panlong,HALL_KIOSK", "OP-0003,Dali,Xiaguan,BANK_STM"));
        sim = fleet.simulator("OP-0001", "OP-0002", "OP-0003");
        sim.heartbeatAll(2);
    }

    @AfterAll
    void stop() throws Exception {
        sim.close();
        fleet.close();
    }

    @Test
    void noTokenOrAnUnknownOneIs401() throws Exception {
        assertThat(fleet.get("/fleet/v1/terminals", null).statusCode(), is(401));
        assertThat(fleet.get("/fleet/v1/terminals", "made-up").statusCode(), is(401));
    }

    @Test
    void aViewerReadsButMayNotCommand() throws Exception {
        String viewer = fleet.token(Role.VIEWER);
        JsonNode list = fleet.json.readTree(fleet.get("/fleet/v1/terminals?region=Kunming", viewer).body());
        assertThat(list.path("terminals").size(), is(2));
        assertThat(list.path("terminals").get(0).path("state").asText(), is("ONLINE"));
        long before = fleet.count("SELECT count(*) FROM command");
        assertThat(fleet.post("/fleet/v1/commands", viewer, "{\"type\":\"RESTART\",\"region\":\"Kunming\"}").statusCode(), is(403));
        assertThat(fleet.count("SELECT count(*) FROM command"), is(before));
    }

    @Test
    void anOperatorCommandsARegionAndTheAuditLogSaysWhoAndFromWhere() throws Exception {
        String operator = fleet.token(Role.OPERATOR);
        var sent = fleet.post("/fleet/v1/commands", operator, "{\"type\":\"RELOAD_CATALOG\",\"region\":\"Dali\"}");
        assertThat(sent.statusCode(), is(202));
        assertThat(fleet.json.readTree(sent.body()).path("commands").size(), is(1));
        assertThat(fleet.count("SELECT count(*) FROM audit WHERE actor = 'token:operator-token' AND action = 'command.RELOAD_CATALOG'"
                + " AND target = 'region Dali' AND address = '127.0.0.1'"), is(1L));
        fleet.json.readTree(fleet.get("/fleet/v1/terminals", operator).body());
        // Bad requests change nothing.
        long before = fleet.count("SELECT count(*) FROM command");
        assertThat(fleet.post("/fleet/v1/commands", operator, "{\"type\":\"LOCK\",\"terminals\":[\"OP-0001\"]}").statusCode(), is(400));
        assertThat(fleet.post("/fleet/v1/commands", operator, "{\"type\":\"SYNC_NOW\",\"terminals\":[\"OP-0001\",\"GHOST\"]}").statusCode(), is(400));
        assertThat(fleet.post("/fleet/v1/commands", operator, "{\"type\":\"DANCE\",\"hall\":\"Wuhua\"}").statusCode(), is(400));
        assertThat(fleet.post("/fleet/v1/commands", operator, "{\"type\":\"SYNC_NOW\",\"hall\":\"Wuhua\",\"region\":\"Dali\"}").statusCode(), is(400));
        assertThat(fleet.count("SELECT count(*) FROM command"), is(before));
    }

    @Test
    void staffAcknowledgeOnlyInTheirOwnHalls() throws Exception {
        sim.terminal("OP-0001").callStaff("home");
        sim.terminal("OP-0002").callStaff("home");
        sim.heartbeatAll(2);
        var staff = fleet.operators();
        fleet.account("wang", Role.STAFF, "hall-password-1", "Wuhua");
        var login = staff.login("wang", "hall-password-1".toCharArray(), "127.0.0.1");
        var principal = ((org.tongban.fleet.operators.Operators.LoginResult.Success) login).session().principal();
        String mine = null, other = null;
        String viewer = fleet.token(Role.VIEWER);
        for (JsonNode a : fleet.json.readTree(fleet.get("/fleet/v1/alerts?open=true", viewer).body()).path("alerts")) {
            if (a.path("kind").asText().equals("ASSISTANCE")) {
                if (a.path("terminalId").asText().equals("OP-0001")) {
                    mine = a.path("id").asText();
                } else if (a.path("terminalId").asText().equals("OP-0002")) {
                    other = a.path("id").asText();
                }
            }
        }
        var alerts = new org.tongban.fleet.alerts.Alerts(fleet.db, new org.tongban.fleet.audit.AuditLog(fleet.db),
                new org.tongban.fleet.events.FleetEvents(), fleet.json, false);
        assertThat(alerts.acknowledge(java.util.UUID.fromString(other), principal, "10.0.0.9"),
                is(org.tongban.fleet.alerts.Alerts.AckResult.NOT_YOUR_HALL));
        assertThat(alerts.acknowledge(java.util.UUID.fromString(mine), principal, "10.0.0.9"),
                is(org.tongban.fleet.alerts.Alerts.AckResult.ACKNOWLEDGED));
        assertThat(fleet.count("SELECT count(*) FROM audit WHERE actor = 'wang' AND action = 'alert.acknowledge' AND address = '10.0.0.9'"), is(1L));
        // A VIEWER token is refused by the API.
        assertThat(fleet.post("/fleet/v1/alerts/" + other + "/acknowledge", viewer, "").statusCode(), is(403));
    }

    @Test
    void loginsAreThrottledAfterFiveFailures() throws Exception {
        fleet.account("zhao", Role.VIEWER, "right-password");
        var ops = fleet.operators();
        for (int i = 0; i < 5; i++) {
            assertThat(ops.login("zhao", "wrong".toCharArray(), "10.1.1.1") instanceof org.tongban.fleet.operators.Operators.LoginResult.Refused, is(true));
        }
        assertThat("even the right password waits now",
                ops.login("zhao", "right-password".toCharArray(), "10.1.1.1") instanceof org.tongban.fleet.operators.Operators.LoginResult.Throttled, is(true));
        assertThat(fleet.count("SELECT count(*) FROM account WHERE name = 'zhao' AND password_hash LIKE '$argon2id$%'"), is(1L));
    }
}
