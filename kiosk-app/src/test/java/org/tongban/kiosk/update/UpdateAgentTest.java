package org.tongban.kiosk.update;

import static org.tongban.kiosk.testing.Eventually.until;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.DeviceSpec;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogJson;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.catalog.LiveCatalog;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.config.TerminalConfig;
import org.tongban.kiosk.platform.HeartbeatAnswer;
import org.tongban.kiosk.platformsim.PlatformSimulator;
import org.tongban.kiosk.session.Session;
import org.tongban.kiosk.session.SessionManager;

/** The update agent: between visits, inside the window (or forced), CHECK_UPDATE, and the heartbeat's report. */
class UpdateAgentTest {

    private static final String TERMINAL = "YN-KM-GD-0001";

    @TempDir
    Path home;

    private Channels ch;
    private Path data;
    /** 03:00 UTC: inside the default window 01:00-05:00 when the zone is UTC. */
    private final Clock inWindow = Clock.fixed(Instant.parse("2026-11-21T03:00:00Z"), ZoneOffset.UTC);
    private final Clock outsideWindow = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void setUp() throws Exception {
        ch = new Channels(home, inWindow);
        data = home.resolve("data");
    }

    @AfterEach
    void tearDown() {
        ch.close();
    }

    /** The shipped catalog under another version. */
    private Path catalogRelease(String version) throws Exception {
        Path dir = home.resolve("catalog-" + version);
        Files.createDirectories(dir.resolve("items"));
        try (var s = Files.walk(ch.catalog())) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path to = dir.resolve(ch.catalog().relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to);
            }
        }
        Path head = dir.resolve(CatalogLoader.HEAD_FILE);
        Files.writeString(head, Files.readString(head).replaceFirst("version: \"[^\"]+\"", "version: \"" + version + "\""));
        return dir;
    }

    private static final class Rig implements AutoCloseable {
        final SessionManager sessions;
        final LiveCatalog live;
        final UpdateAgent agent;
        final List<UpdateEvent> events = new CopyOnWriteArrayList<>();
        final AtomicInteger restarts = new AtomicInteger();

        Rig(Updater updater, Path home, Catalog local, Clock clock) {
            sessions = new SessionManager(clock, home.resolve("sessions"), Duration.ofSeconds(60), Duration.ofSeconds(20), 2);
            live = new LiveCatalog(local, code -> 0);
            agent = new UpdateAgent(updater, Duration.ofMinutes(60), MaintenanceWindow.parse("01:00-05:00"), sessions,
                    live, clock, restarts::incrementAndGet);
            agent.addListener(events::add);
        }

        List<UpdateEvent.Type> types() {
            return events.stream().map(UpdateEvent::type).toList();
        }

        @Override
        public void close() {
            agent.close();
        }
    }

    @Test
    void aCatalogReleaseWaitsForTheVisitToEndThenSwitchesLive() throws Exception {
        ch.publish(3, "2026.12.01", null, catalogRelease("2026.12.01-1"), null, 100, 30);
        Catalog local = new CatalogLoader().load(ch.catalog());
        try (Rig rig = new Rig(ch.updater(data, TERMINAL, inWindow), home, local, inWindow)) {
            rig.sessions.startOrContinue(Session.Trigger.TOUCH);
            assertThat(rig.agent.round(false), is(UpdateAgent.Outcome.WAITING_FOR_VISIT_TO_END));
            assertThat(rig.live.current().version(), equalTo(local.version()));
            rig.sessions.end(SessionManager.EndReason.COMPLETED);
            until(() -> rig.live.current().version().equals("2026.12.01-1"));
            // the catalog goes live just before the agent says so: wait for its word too
            until(() -> rig.types().contains(UpdateEvent.Type.APPLIED));
            assertThat(rig.types(), contains(UpdateEvent.Type.CHECKED, UpdateEvent.Type.DOWNLOADED,
                    UpdateEvent.Type.DEFERRED, UpdateEvent.Type.APPLIED));
            assertThat(rig.restarts.get(), equalTo(0));
            assertThat(rig.agent.round(false), is(UpdateAgent.Outcome.UP_TO_DATE));
        }
    }

    @Test
    void outsideTheMaintenanceWindowItWaitsUnlessForced() throws Exception {
        ch.publish(3, "2026.12.01", ch.config, catalogRelease("2026.12.01-2"), null, 100, 30);
        Catalog local = new CatalogLoader().load(ch.catalog());
        try (Rig rig = new Rig(ch.updater(data, TERMINAL, outsideWindow), home, local, outsideWindow)) {
            assertThat(rig.agent.round(false), is(UpdateAgent.Outcome.WAITING_FOR_WINDOW));
            assertThat(rig.events.get(rig.events.size() - 1).detail(), containsString("01:00-05:00"));
            assertThat(new Updates(data).configDir().isPresent(), is(false));
            // a configuration release needs the kiosk to start again
            assertThat(rig.agent.round(true), is(UpdateAgent.Outcome.RESTARTING));
            assertThat(rig.restarts.get(), equalTo(1));
            assertThat(rig.live.current().version(), equalTo("2026.12.01-2"));
        }
    }

    @Test
    void refusalsAndTheOutsideOfTheRolloutAreTold() throws Exception {
        ch.publish(3, "2026.12.01", null, ch.catalog(), null, 0, 30);
        Catalog local = new CatalogLoader().load(ch.catalog());
        try (Rig rig = new Rig(ch.updater(data, TERMINAL, inWindow), home, local, inWindow)) {
            assertThat(rig.agent.round(false), is(UpdateAgent.Outcome.NOT_IN_ROLLOUT));
            Files.writeString(ch.channelDir.resolve(Manifest.SIGNATURE_FILE), "AAAA");
            assertThat(rig.agent.round(false), is(UpdateAgent.Outcome.REFUSED));
            assertThat(rig.types(), hasItem(UpdateEvent.Type.REFUSED));
            ch.server.close();
            assertThat(rig.agent.round(false), is(UpdateAgent.Outcome.UNREACHABLE));
        }
    }

    @Test
    void theRunningTerminalTakesAReleaseOnCheckUpdateAndReportsRefusalsInItsHeartbeat() throws Exception {
        Path configDir = ch.config;
        TerminalConfig shipped = new ConfigLoader(Terminal.drivers()).load(configDir);
        Catalog catalog = new CatalogLoader().load(configDir.resolve(Terminal.CATALOG_DIR));
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        PlatformSimulator platform = new PlatformSimulator(0, Map.of(TERMINAL, secret), CatalogJson.write(catalog)).start();
        KioskConfig k = shipped.kiosk();
        KioskConfig withUpdates = new KioskConfig(k.terminal(), k.locale(), k.idle(), data.toString(),
                new KioskConfig.Platform(platform.baseUrl().toString(), "(test)", 5, 1), k.screen(),
                new KioskConfig.Outbox(data.resolve("outbox.key").toString(), 7),
                new KioskConfig.Update(ch.server.url().toString(),
                        List.of(ch.keys.resolve(OperatorKeys.PUBLIC_FILE).toString()), 60, "00:00-00:01", 60));
        List<DeviceSpec> devices = new ArrayList<>();
        for (DeviceSpec d : shipped.devices()) {
            Map<String, String> options = new HashMap<>(d.options());
            options.put("outputDir", home.resolve("output").resolve(d.name()).toString());
            devices.add(new DeviceSpec(d.name(), d.deviceClass(), d.driver(), d.port(), options, d.required()));
        }
        ch.publish(4, "2026.12.02", null, catalogRelease("2026.12.02-1"), null, 100, 30);
        try (Terminal terminal = Terminal.start(new TerminalConfig(configDir, withUpdates, devices), catalog, secret,
                Clock.systemUTC())) {
            List<UpdateEvent> events = new CopyOnWriteArrayList<>();
            terminal.updateAgent().orElseThrow().addListener(events::add);
            // the window is one minute a day: only an operator's forced CHECK_UPDATE installs now
            platform.queueCommand(TERMINAL, new HeartbeatAnswer.Command(HeartbeatAnswer.CommandType.CHECK_UPDATE,
                    Map.of("force", true)));
            until(() -> terminal.catalog().current().version().equals("2026.12.02-1"));
            // the event follows the switch on the agent's thread
            until(() -> events.stream().anyMatch(e -> e.type() == UpdateEvent.Type.APPLIED));

            ch.publish(3, "2026.11.30", null, ch.catalog(), null, 100, 30);
            platform.queueCommand(TERMINAL, HeartbeatAnswer.Command.of(HeartbeatAnswer.CommandType.CHECK_UPDATE));
            until(() -> platform.lastUpdateReport(TERMINAL).map(r -> r.path("lastRefusal").path("reason").asText()
                    .contains("ROLLBACK")).orElse(false));
            JsonNode report = platform.lastUpdateReport(TERMINAL).orElseThrow();
            assertThat(report.path("installedSequence").asLong(), equalTo(4L));
            assertThat(report.path("installedVersion").asText(), equalTo("2026.12.02"));
        } finally {
            platform.stop();
        }
    }
}
