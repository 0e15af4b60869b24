package org.tongban.kiosk.update;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.tongban.kiosk.testing.Eventually.until;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.DeviceSpec;
import org.tongban.fleet.app.FleetServer;
import org.tongban.fleet.cli.RolloutCommands;
import org.tongban.fleet.rollouts.Rollout;
import org.tongban.fleet.rollouts.RolloutPlan;
import org.tongban.fleet.rollouts.Rollouts;
import org.tongban.fleet.support.FleetFixture;
import org.tongban.fleet.support.TestPostgres;
import org.tongban.fleet.support.WithPostgres;
import org.tongban.fleet.terminals.Enrolment;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogJson;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.config.TerminalConfig;
import org.tongban.kiosk.fleet.FleetLink;
import org.tongban.kiosk.fleet.WireBetween;
import org.tongban.kiosk.platformsim.PlatformSimulator;

/**
 * The real kiosk (a whole {@link Terminal}) in a staged rollout of a real fleet server over PostgreSQL: the gate in
 * the signed heartbeat answer holds the release back, lets it through when the kiosk's wave opens, and an abort
 * with ROLLBACK takes the kiosk back to its previous application slot; the fleet follows every step from the
 * kiosk's update reports.
 */
@WithPostgres
class FleetRolloutTest {

    private static final String TERMINAL = "YN-KM-WH-0001";

    @TempDir
    Path home;

    @Test
    void aGatedKioskWaitsTakesTheReleaseWhenItsWaveOpensAndRollsBackWhenTold(TestPostgres postgres) throws Exception {
        Path data = home.resolve("data");
        try (Channels ch = new Channels(home, Clock.systemUTC());
             FleetFixture fleet = new FleetFixture(postgres, "kiosk_rollout", FleetServer.Settings.defaults(0)
                     .withHeartbeatInterval(Duration.ofSeconds(1)),
                     FleetFixture.csv(TERMINAL + ",Kunming,Wuhua,HALL_KIOSK", "YN-KM-PL-0001,Kunming,Pilot,HALL_KIOSK"));
             WireBetween wire = new WireBetween(fleet.base)) {
            TerminalConfig shipped = new ConfigLoader(Terminal.drivers()).load(ch.config);
            Catalog catalog = new CatalogLoader().load(ch.catalog());
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            PlatformSimulator platform = new PlatformSimulator(0, Map.of(TERMINAL, secret), CatalogJson.write(catalog)).start();
            KioskConfig k = shipped.kiosk();
            LocalTime later = LocalTime.now(ZoneOffset.UTC).plusHours(2).truncatedTo(ChronoUnit.MINUTES);
            String window = later + "-" + later.plusHours(1);
            KioskConfig withFleet = new KioskConfig(new KioskConfig.Terminal(TERMINAL, k.terminal().profile(),
                    k.terminal().mode(), k.terminal().hall()), k.locale(), k.idle(), data.toString(),
                    new KioskConfig.Platform(platform.baseUrl().toString(), "(test)", 5, 1), k.screen(),
                    new KioskConfig.Outbox(data.resolve("outbox.key").toString(), 7),
                    // polls the channel once an hour, and its maintenance window is hours away: a release the gate
                    // lets through is downloaded at once and waits, until the test forces it in
                    new KioskConfig.Update(ch.server.url().toString(),
                            List.of(ch.keys.resolve(OperatorKeys.PUBLIC_FILE).toString()), 60, window, 60),
                    k.voice(), new KioskConfig.Fleet(wire.uri().toString(),
                            Enrolment.secretFile(fleet.secrets, TERMINAL).toString(), 5));
            List<DeviceSpec> devices = new ArrayList<>();
            for (DeviceSpec d : shipped.devices()) {
                Map<String, String> options = new HashMap<>(d.options());
                options.put("outputDir", home.resolve("output").resolve(d.name()).toString());
                devices.add(new DeviceSpec(d.name(), d.deviceClass(), d.driver(), d.port(), options, d.required()));
            }
            ch.publish(1, "1.0.1", null, null, ch.fakeApp("app-1", true), 100, 30);
            AtomicInteger restarts = new AtomicInteger();
            try (Terminal terminal = Terminal.start(new TerminalConfig(ch.config, withFleet, devices), catalog, secret,
                    Clock.systemUTC())) {
                terminal.onRestartNeeded(restarts::incrementAndGet);
                FleetLink link = terminal.fleet().orElseThrow();
                UpdateAgent agent = terminal.updateAgent().orElseThrow();

                // No rollout: the fleet's first answer lets the manifest decide; release 1 is fetched at once.
                until(() -> agent.downloading().orElse(0) == 1);
                assertThat(agent.round(true), is(UpdateAgent.Outcome.RESTARTING));
                assertThat(installed(data), equalTo(1L));
                assertThat(restarts.get(), equalTo(1));

                Rollouts rollouts = RolloutCommands.rollouts(fleet.db, "Asia/Shanghai");
                Rollout r = rollouts.start(2, "1.0.2", new RolloutPlan(RolloutPlan.parseWaves(
                        List.of("hall=Pilot; soak=8s", "100%"), 50, Duration.ZERO), RolloutPlan.Window.ANY_TIME),
                        null, "test", null);
                // the server reads the rollout afresh at most a second later: wait for an answer after that
                Instant fresh = Instant.now().plusMillis(1_500);
                until(() -> link.lastAnswer().map(a -> a.isAfter(fresh)).orElse(false));
                ch.publish(2, "1.0.2", null, null, ch.fakeApp("app-2", true), 100, 30);
                assertThat("still the pilot wave", rollouts.find(r.id()).orElseThrow().currentWave(), equalTo(0));
                assertThat("gated at 1, release 2 is held, even forced", agent.round(true),
                        is(UpdateAgent.Outcome.HELD_BY_FLEET));
                assertThat(installed(data), equalTo(1L));

                // The pilot wave's soak is over (its one terminal never came): the gate goes up, the kiosk fetches the
                // release at once and tells the fleet, then installs it (here forced, as outside its window).
                until(() -> progress(fleet, r.id()).equals("DOWNLOADING"));
                assertThat(installed(data), equalTo(1L));
                assertThat(agent.round(true), is(UpdateAgent.Outcome.RESTARTING));
                assertThat(installed(data), equalTo(2L));
                until(() -> progress(fleet, r.id()).equals("INSTALLED"));
                assertThat(restarts.get(), equalTo(2));

                rollouts.abort(r.id(), true, Rollouts.commandLine("test"), null);
                until(() -> progress(fleet, r.id()).equals("ROLLED_BACK"));
                assertThat(new AppSlots(data).state().activeVersion(), equalTo("1.0.1"));
                assertThat(restarts.get(), equalTo(3));
                assertThat(fleet.count("SELECT count(*) FROM command WHERE terminal_id = '" + TERMINAL
                        + "' AND type = 'ROLLBACK' AND status = 'DONE' AND detail LIKE 'rolled back: application%'"), equalTo(1L));
                String report = fleet.json.readTree(fleet.get("/fleet/v1/terminals/" + TERMINAL, fleet.token(
                        org.tongban.fleet.operators.Role.VIEWER)).body()).path("update").path("lastRollback").toString();
                assertThat(report, containsString("\"release\":\"1.0.2\""));
                assertThat("the release rolled back is not taken again", agent.round(true),
                        is(UpdateAgent.Outcome.UP_TO_DATE));
            } finally {
                platform.stop();
            }
            wire.followsTheContract();
        }
    }

    private static long installed(Path data) throws java.io.IOException {
        return UpdateState.read(data).sequence();
    }

    private static String progress(FleetFixture fleet, UUID rollout) throws Exception {
        try (var c = fleet.db.connection(); var st = c.prepareStatement(
                "SELECT status FROM rollout_terminal WHERE rollout_id = ? AND terminal_id = ?")) {
            st.setObject(1, rollout);
            st.setString(2, TERMINAL);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }
}
