package org.tongban.kiosk.flow;

import org.tongban.kiosk.testing.Eventually;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.tongban.devices.printer.SimulatedDocumentPrinter;
import org.tongban.kiosk.app.ShippedConfig;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.catalog.LiveCatalog;
import org.tongban.kiosk.catalog.UsageCounts;
import org.tongban.kiosk.config.Profile;
import org.tongban.kiosk.outbox.Outbox;
import org.tongban.kiosk.session.Session;
import org.tongban.kiosk.session.SessionManager;
import org.tongban.printing.CertificateComposer;
import org.tongban.printing.CjkFonts;
import org.tongban.printing.Layout;
import org.tongban.printing.TerminalSeal;

/**
 * What a flow step works with, without a terminal: the shipped catalog, a real SQLite outbox, the simulated
 * A4 printer, a session manager, the flow's own worker thread, and the platform played by {@link FakePlatform}.
 */
final class FlowFixture implements AutoCloseable {

    static final String TERMINAL = "T-TEST-0001";

    final FakePlatform platform = new FakePlatform();
    final Outbox outbox;
    final SimulatedDocumentPrinter printer;
    final LiveCatalog catalog;
    final SessionManager sessions;
    final ServiceFlow.Services services;
    private final ExecutorService work = Executors.newSingleThreadExecutor();
    private final Path dir;

    FlowFixture(Path dir) throws Exception {
        this(dir, Clock.systemUTC(), FlowDevices.none());
    }

    FlowFixture(Path dir, Clock idleClock) throws Exception {
        this(dir, idleClock, FlowDevices.none());
    }

    /**
     * @param idleClock the session manager's clock, which decides when a visit is idle
     * @param devices the cameras, scanner and QR scanner the vision steps use
     */
    FlowFixture(Path dir, Clock idleClock, FlowDevices devices) throws Exception {
        this.dir = dir;
        Path config = ShippedConfig.extract(dir.resolve("config")).dir();
        catalog = new LiveCatalog(new CatalogLoader().load(config.resolve("catalog")), code -> 0);
        outbox = Outbox.open(dir.resolve("outbox.db"), dir.resolve("outbox.key"), Clock.systemUTC());
        printer = new SimulatedDocumentPrinter("printer", dir.resolve("prints"), 100);
        printer.openClaimEnable(Duration.ofSeconds(2));
        sessions = new SessionManager(idleClock, dir.resolve("sessions"), Duration.ofMinutes(2),
                Duration.ofSeconds(30), 1.5);
        services = new ServiceFlow.Services(TERMINAL, platform, FlowOutbox.of(outbox),
                new CertificateComposer(CjkFonts.debianDefaults(), Layout.defaults(), TerminalSeal.generate(new SecureRandom())),
                () -> Optional.of(printer), catalog, Clock.systemUTC(), ZoneId.of("Asia/Shanghai"), work,
                Duration.ofSeconds(10), () -> { }, devices);
    }

    /** A flow of {@code item} in the current visit (one is started by a touch if there is none). */
    ServiceFlow flow(String item) {
        Session s = sessions.startOrContinue(Session.Trigger.TOUCH);
        return new ServiceFlow(catalog.current().item(item).orElseThrow(), s, services);
    }

    Session session() {
        return sessions.current().orElseThrow();
    }

    /** A navigator over these parts, as the composition root wires it (the terminal's gate: all open). */
    Navigator navigator() {
        return new Navigator(catalog, Profile.HALL_KIOSK, sessions, (item, s) -> new ServiceFlow(item, s, services),
                Locale.SIMPLIFIED_CHINESE, UsageCounts.open(dir.resolve("usage.json")));
    }

    static void awaitStage(ServiceFlow flow, Stage stage) throws Exception {
        Eventually.until("stage " + stage, () -> flow.state().stage() == stage);
    }

    /** Waits until the flows' worker has done everything given to it so far. */
    void drain() throws Exception {
        work.submit(() -> { }).get();
    }

    Path sessionsDir() {
        return dir.resolve("sessions");
    }

    @Override
    public void close() {
        sessions.end(SessionManager.EndReason.SHUTDOWN);
        work.shutdownNow();
        printer.close();
        outbox.close();
    }
}
