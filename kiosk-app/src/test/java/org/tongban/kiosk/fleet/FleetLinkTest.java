package org.tongban.kiosk.fleet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.fleet.app.FleetServer;
import org.tongban.fleet.operators.Role;
import org.tongban.fleet.support.FleetFixture;
import org.tongban.fleet.support.TestPostgres;
import org.tongban.fleet.support.WithPostgres;
import org.tongban.fleet.terminals.Enrolment;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.platform.Heartbeat;
import org.tongban.kiosk.platform.HeartbeatAnswer;
import org.tongban.kiosk.session.Session;
import org.tongban.kiosk.session.SessionManager;

/**
 * The kiosk's link to a real fleet server on loopback over a real PostgreSQL, through a wire the test can make
 * lose or forge answers.
 */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetLinkTest {

    FleetFixture fleet;
    String operator;
    final Clock clock = Clock.systemUTC();

    /** One kiosk: its ledgers in a data folder, the commands it carried out, what it was told of staff. */
    final class Kiosk implements AutoCloseable {
        final String id;
        final Path data;
        final WireBetween wire;
        final SessionManager sessions;
        final List<HeartbeatAnswer.Command> carriedOut = new CopyOnWriteArrayList<>();
        final AtomicReference<FleetAnswer.StaffComing> staffComing = new AtomicReference<>();
        volatile boolean staffCalled;
        volatile String screen = "HOME";
        CommandLedger commands;
        UsageDays usage;
        FleetLink link;

        Kiosk(String id, Path data) throws Exception {
            this.id = id;
            this.data = data;
            this.wire = new WireBetween(fleet.base);
            this.sessions = new SessionManager(clock, data.resolve("sessions"), Duration.ofMinutes(1),
                    Duration.ofSeconds(20), 2);
            start();
        }

        /** (Re)starts the kiosk's link on the same data folder, as after a power cut. */
        void start() throws Exception {
            commands = CommandLedger.open(data);
            usage = UsageDays.open(data, clock, ZoneId.of("Asia/Shanghai"));
            FleetSettings settings = FleetSettings.of(new KioskConfig.Fleet(wire.uri().toString(),
                    Enrolment.secretFile(fleet.secrets, id).toString(), 5), id);
            link = new FleetLink(new FleetClient(settings, clock, fleet.json),
                    () -> new Heartbeat(id, Heartbeat.Profile.HALL_KIOSK, "1.0-test", "2026.12.1", 42, 3, 17L,
                            List.of(new Heartbeat.DeviceStatus("receipt-printer", "RECEIPT_PRINTER",
                                    Heartbeat.DeviceState.DEGRADED, "PAPER_LOW")), null, staffCalled),
                    new FleetLink.Situation() {
                        public String screen() {
                            return screen;
                        }

                        public boolean locked() {
                            return carriedOut.stream().filter(c -> c.type() == HeartbeatAnswer.CommandType.LOCK).count()
                                    > carriedOut.stream().filter(c -> c.type() == HeartbeatAnswer.CommandType.UNLOCK).count();
                        }
                    },
                    commands, usage, new FleetCommands(carriedOut::add, false, sessions, () -> { }), staffComing::set,
                    Duration.ofSeconds(30), clock);
        }

        void restart() throws Exception {
            link.close();
            commands.close();
            usage.close();
            start();
        }

        long count(HeartbeatAnswer.CommandType type) {
            return carriedOut.stream().filter(c -> c.type() == type).count();
        }

        @Override
        public void close() throws Exception {
            link.close();
            commands.close();
            usage.close();
            wire.close();
        }
    }

    Kiosk kiosk;
    @TempDir
    Path temp;

    @BeforeAll
    void start(TestPostgres postgres) throws Exception {
        fleet = new FleetFixture(postgres, "kiosk_link", FleetServer.Settings.defaults(0), FleetFixture.csv(
                "KL-0001,Kunming,Wuhua,HALL_KIOSK", "KL-0002,Kunming,Wuhua,HALL_KIOSK",
                "KL-0003,Kunming,Wuhua,HALL_KIOSK", "KL-0004,Kunming,Wuhua,HALL_KIOSK",
                "KL-0005,Kunming,Wuhua,HALL_KIOSK"));
        operator = fleet.token(Role.OPERATOR);
    }

    /** Every heartbeat the kiosk sent and every answer the server gave, checked against docs/contracts/fleet-api.yaml. */
    void followTheContract(WireBetween wire) {
        var validator = com.atlassian.oai.validator.OpenApiInteractionValidator
                .createForSpecificationUrl(Path.of("..", "docs", "contracts", "fleet-api.yaml").toUri().toString()).build();
        assertThat(wire.exchanges(), not(empty()));
        for (WireBetween.Exchange e : wire.exchanges()) {
            var request = com.atlassian.oai.validator.model.SimpleRequest.Builder.post(e.path())
                    .withContentType("application/json").withBody(e.request());
            e.requestHeaders().forEach((k, v) -> {
                if (k.toLowerCase().startsWith("x-")) {
                    request.withHeader(k, v);
                }
            });
            var report = validator.validateRequest(request.build());
            assertThat(e.request() + "\n" + report, report.hasErrors(), is(false));
            var answer = com.atlassian.oai.validator.model.SimpleResponse.Builder.status(e.status())
                    .withContentType(e.contentType()).withBody(e.answer()).build();
            report = validator.validateResponse(e.path(), com.atlassian.oai.validator.model.Request.Method.POST, answer);
            assertThat(e.answer() + "\n" + report, report.hasErrors(), is(false));
        }
    }

    @AfterAll
    void stop() throws Exception {
        fleet.close();
    }

    @AfterEach
    void closeKiosk() throws Exception {
        if (kiosk != null) {
            kiosk.close();
        }
    }

    JsonNode terminal(String id) throws Exception {
        return fleet.json.readTree(fleet.get("/fleet/v1/terminals/" + id, operator).body());
    }

    String command(String type, String terminal, String args) throws Exception {
        var sent = fleet.post("/fleet/v1/commands", operator,
                "{\"type\":\"" + type + "\",\"args\":" + args + ",\"terminals\":[\"" + terminal + "\"]}");
        assertThat(sent.body(), sent.statusCode(), is(202));
        return fleet.json.readTree(sent.body()).path("commands").get(0).path("id").asText();
    }

    String status(String commandId) throws Exception {
        return fleet.json.readTree(fleet.get("/fleet/v1/commands/" + commandId, operator).body()).path("status").asText();
    }

    @Test
    void theHeartbeatReachesTheServerWithTheScreenDevicesAndOutbox() throws Exception {
        kiosk = new Kiosk("KL-0001", temp);
        kiosk.screen = "CATEGORY";
        kiosk.link.exchange();
        assertThat(kiosk.link.lastProblem().orElse(null), nullValue());
        JsonNode t = terminal("KL-0001");
        assertThat(t.toString(), t.path("state").asText(), is("DEGRADED"));
        assertThat(t.path("screen").asText(), is("CATEGORY"));
        assertThat(t.path("outboxDepth").asInt(), is(3));
        assertThat(t.path("oldestPendingAgeSeconds").asInt(), is(17));
        assertThat(t.path("softwareVersion").asText(), is("1.0-test"));
        assertThat(t.path("devices").get(0).path("detail").asText(), is("PAPER_LOW"));
    }

    @Test
    void aLockIsCarriedOutOnceAndReportedEvenWhenDeliveredAgainAndAfterARestart() throws Exception {
        kiosk = new Kiosk("KL-0002", temp);
        String id = command("LOCK", "KL-0002", "{\"reason\":\"cleaning\"}");

        kiosk.wire.mode(WireBetween.Mode.LOSE_ANSWER); // the server delivered it, the answer got lost
        kiosk.link.exchange();
        assertThat(kiosk.count(HeartbeatAnswer.CommandType.LOCK), is(0L));
        assertThat(status(id), is("DELIVERED"));

        kiosk.wire.mode(WireBetween.Mode.PASS); // delivered again: carried out now
        kiosk.link.exchange();
        assertThat(kiosk.count(HeartbeatAnswer.CommandType.LOCK), is(1L));
        assertThat("the operator's reason is not shown to citizens",
                kiosk.carriedOut.get(0).args().isEmpty(), is(true));

        kiosk.restart(); // power cut before the result went out: the ledger is on disk
        kiosk.wire.mode(WireBetween.Mode.LOSE_ANSWER); // the result reaches the server, its answer does not
        kiosk.link.exchange();
        assertThat(status(id), is("DONE"));
        assertThat(kiosk.commands.unreported().size(), is(1));

        // The server delivers it once more (as after a result it lost): not carried out again, reported again.
        try (var c = fleet.db.connection()) {
            c.createStatement().execute("UPDATE command SET status = 'DELIVERED' WHERE id = '" + id + "'");
        }
        kiosk.wire.mode(WireBetween.Mode.PASS);
        kiosk.link.exchange();
        assertThat(kiosk.wire.lastRequest(), containsString(id));
        assertThat(kiosk.count(HeartbeatAnswer.CommandType.LOCK), is(1L));
        kiosk.link.exchange();
        assertThat(status(id), is("DONE"));
        assertThat("the result is sent until confirmed, then no more", kiosk.commands.unreported(), empty());
        assertThat(kiosk.wire.lastRequest(), not(containsString(id)));
        assertThat(terminal("KL-0002").path("state").asText(), is("LOCKED"));
        followTheContract(kiosk.wire);
    }

    @Test
    void aLockInTheMiddleOfAVisitSaysSoAndCheckUpdateWithoutAChannelIsRefused() throws Exception {
        kiosk = new Kiosk("KL-0003", temp);
        Session visit = kiosk.sessions.startOrContinue(Session.Trigger.TOUCH);
        String lock = command("LOCK", "KL-0003", "{\"reason\":\"maintenance\"}");
        String update = command("CHECK_UPDATE", "KL-0003", "{}");
        kiosk.link.exchange();
        kiosk.link.exchange();
        JsonNode c = fleet.json.readTree(fleet.get("/fleet/v1/commands/" + lock, operator).body());
        assertThat(c.path("status").asText(), is("DONE"));
        assertThat(c.path("detail").asText(), containsString("once the current visit ends"));
        assertThat("no update channel here", status(update), is("REFUSED"));
        assertThat(kiosk.count(HeartbeatAnswer.CommandType.CHECK_UPDATE), is(0L));
        assertThat("the visit goes on", kiosk.sessions.current().orElse(null), is(visit));
        followTheContract(kiosk.wire);
    }

    @Test
    void usageCountsOfADayReplaceNeverAdd() throws Exception {
        kiosk = new Kiosk("KL-0004", temp);
        kiosk.usage.started("SB-001");
        kiosk.usage.started("SB-001");
        kiosk.usage.completed("SB-001");
        kiosk.usage.abandoned("GJJ-002", "FORM");
        kiosk.usage.reviewed("SB-001", 2, List.of("等待时间过长"));

        kiosk.wire.mode(WireBetween.Mode.LOSE_ANSWER); // stored, but the acknowledgement is lost: sent again
        kiosk.link.exchange();
        kiosk.wire.mode(WireBetween.Mode.PASS);
        kiosk.link.exchange();
        assertThat(usage("KL-0004", "SB-001", "started"), is(2L));
        assertThat(usage("KL-0004", "GJJ-002", "abandoned"), is(1L));
        assertThat(fleet.count("SELECT (reviews->>'2')::int FROM usage_day WHERE terminal_id = 'KL-0004' AND item_code = 'SB-001'"), is(1L));
        assertThat(kiosk.wire.lastRequest(), containsString("\"abandonedAt\":{\"FORM\":1}"));
        assertThat(kiosk.wire.lastRequest(), containsString("等待时间过长"));

        kiosk.link.exchange(); // acknowledged: not sent again
        assertThat(kiosk.wire.lastRequest(), not(containsString("usage")));

        kiosk.usage.started("SB-001"); // the day goes on: its totals again
        kiosk.link.exchange();
        assertThat(usage("KL-0004", "SB-001", "started"), is(3L));
        assertThat(kiosk.usage.unacknowledged(), empty());
        followTheContract(kiosk.wire);
    }

    long usage(String terminal, String item, String column) throws Exception {
        return fleet.count("SELECT " + column + " FROM usage_day WHERE terminal_id = '" + terminal + "' AND item_code = '"
                + item + "' AND day = '" + LocalDate.now(ZoneId.of("Asia/Shanghai")) + "'");
    }

    @Test
    void aForgedOrUnsignedAnswerIsNothing() throws Exception {
        kiosk = new Kiosk("KL-0005", temp);
        kiosk.wire.forge(body -> body.replace("\"commands\":[]",
                "\"commands\":[{\"id\":\"forged-1\",\"type\":\"UNLOCK\"},{\"id\":\"forged-2\",\"type\":\"RESTART\"}]"));
        kiosk.link.exchange();
        assertThat(kiosk.carriedOut, empty());
        assertThat(kiosk.commands.known(), is(0));
        assertThat(kiosk.link.lastProblem().orElse(""), containsString("wrong or stale signature"));

        kiosk.wire.mode(WireBetween.Mode.LOSE_ANSWER);
        kiosk.link.exchange();
        assertThat(kiosk.link.lastProblem().orElse(""), containsString("without the server's signature"));

        // Staff acknowledge the call only through the server: a forged "assistance" is refused too.
        kiosk.staffCalled = true;
        kiosk.wire.forge(body -> body.replaceFirst("\\{", "{\"assistance\":{\"acknowledgedBy\":\"x\",\"at\":\"2026-12-04T00:00:00Z\"},"));
        kiosk.link.exchange();
        assertThat(kiosk.staffComing.get(), nullValue());

        kiosk.wire.mode(WireBetween.Mode.PASS);
        kiosk.link.exchange();
        String alert = null;
        for (JsonNode a : fleet.json.readTree(fleet.get("/fleet/v1/alerts?open=true", operator).body()).path("alerts")) {
            if (a.path("terminalId").asText().equals("KL-0005") && a.path("kind").asText().equals("ASSISTANCE")) {
                alert = a.path("id").asText();
            }
        }
        assertThat("the staff call opened an alert", alert, not(nullValue()));
        assertThat(fleet.post("/fleet/v1/alerts/" + alert + "/acknowledge", operator, "").statusCode(), is(200));
        kiosk.link.exchange();
        assertThat(kiosk.staffComing.get(), not(nullValue()));
        assertThat(Files.exists(kiosk.data.resolve(CommandLedger.FILE)), is(true));
    }
}
