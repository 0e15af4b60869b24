package org.tongban.kiosk.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.DataEvent;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceRegistry;
import org.tongban.devices.DriverCatalog;
import org.tongban.devices.StatusEvent;
import org.tongban.devices.camera.Camera;
import org.tongban.devices.hardware.HardwareDrivers;
import org.tongban.devices.idcard.IdCard;
import org.tongban.devices.printer.DocumentPrinter;
import org.tongban.devices.qr.QrScanner;
import org.tongban.devices.scanner.DocumentScanner;
import org.tongban.devices.simulation.Simulators;
import org.tongban.devices.vision.FaceGate;
import org.tongban.kiosk.admin.Maintenance;
import org.tongban.kiosk.admin.MaintenanceAccess;
import org.tongban.kiosk.admin.MaintenanceConfig;
import org.tongban.kiosk.admin.StatusReport;
import org.tongban.kiosk.admin.Workbench;
import org.tongban.kiosk.assistance.StaffCall;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogUpdater;
import org.tongban.kiosk.catalog.LiveCatalog;
import org.tongban.kiosk.catalog.UsageCounts;
import org.tongban.kiosk.config.DevicesConfig;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.config.TerminalConfig;
import org.tongban.kiosk.fleet.CommandLedger;
import org.tongban.kiosk.fleet.FleetClient;
import org.tongban.kiosk.fleet.FleetCommands;
import org.tongban.kiosk.fleet.FleetLink;
import org.tongban.kiosk.fleet.FleetSettings;
import org.tongban.kiosk.fleet.UsageDays;
import org.tongban.kiosk.fleet.UsageWatch;
import org.tongban.kiosk.flow.FlowDevices;
import org.tongban.kiosk.flow.JournalFeed;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.FlowOutbox;
import org.tongban.kiosk.flow.FlowPlatform;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.flow.ServiceGate;
import org.tongban.kiosk.input.Keyboards;
import org.tongban.kiosk.input.PinyinDictionary;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalKind;
import org.tongban.kiosk.outbox.Outbox;
import org.tongban.kiosk.outbox.OutboxException;
import org.tongban.kiosk.outbox.SyncSettings;
import org.tongban.kiosk.outbox.SyncWorker;
import org.tongban.kiosk.platform.Heartbeat;
import org.tongban.kiosk.platform.HeartbeatAnswer;
import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.kiosk.platform.PlatformSettings;
import org.tongban.kiosk.session.SessionManager;
import org.tongban.kiosk.status.HeartbeatSource;
import org.tongban.kiosk.status.PlatformLock;
import org.tongban.kiosk.status.ServiceWatch;
import org.tongban.kiosk.status.TerminalStatus;
import org.tongban.kiosk.update.ReleaseGate;
import org.tongban.kiosk.update.UpdateAgent;
import org.tongban.kiosk.update.UpdateJournal;
import org.tongban.kiosk.update.UpdateReport;
import org.tongban.kiosk.voice.EngineSpeech;
import org.tongban.kiosk.voice.Speech;
import org.tongban.kiosk.voice.VoiceGuide;
import org.tongban.printing.CertificateComposer;
import org.tongban.printing.CjkFonts;
import org.tongban.printing.Layout;
import org.tongban.printing.TerminalSeal;

/**
 * The composition root: the one place where the kiosk's parts are built and wired, in the order
 * they depend on each other, and taken down in reverse ({@link StartedParts}), also when a part fails
 * to start. Nothing else creates services, so a test builds a whole terminal (with simulated devices
 * and a platform simulator) exactly as production does. Rules live in the parts, not here.
 */
public final class Terminal implements AutoCloseable {

    /** Where the catalog lives inside a configuration folder. */
    public static final String CATALOG_DIR = "catalog";

    /** The terminal's SM2 key that seals printed certificates, inside the data folder (mode 600). */
    public static final String SEAL_FILE = "terminal-seal.key";
    /** The outbox database inside the data folder. */
    public static final String OUTBOX_FILE = "outbox.db";

    private static final Logger log = LoggerFactory.getLogger(Terminal.class);

    private final StartedParts parts = new StartedParts();
    private final TerminalConfig config;
    private final LiveCatalog catalog;
    private final CatalogUpdater catalogUpdater;
    private final DeviceRegistry devices;
    private final Outbox outbox;
    private final PlatformClient platform;
    private final SyncWorker sync;
    private final SessionManager sessions;
    private final TerminalStatus status;
    private final Navigator navigator;
    private final StaffCall staffCall;
    private final HeartbeatSource heartbeats;
    private final Journal journal;
    private final Maintenance maintenance;
    private final Workbench workbench;
    private final UpdateAgent updateAgent;
    private final ReleaseGate releaseGate;
    private final VoiceGuide voice;
    private final UsageDays usageDays;
    /** The link to the fleet server, or null when kiosk.yaml has no {@code fleet} section. */
    private final FleetLink fleet;
    private volatile Runnable restart = () -> log.warn("a release needs the kiosk to start again; it takes effect then");
    /** Whether TERMINAL_STARTED is in the journal: a start that failed does not note a stop either. */
    private volatile boolean started;

    /** The drivers this build knows: every simulator, and the real drivers by their names in devices.yaml. */
    public static DriverCatalog drivers() {
        return HardwareDrivers.registerAll(Simulators.registerAll(new DriverCatalog()));
    }

    /** The drivers of a terminal: simulated printers write into a private folder of its data folder. */
    public static DriverCatalog drivers(Path dataDir) {
        return HardwareDrivers.registerAll(
                Simulators.registerAll(new DriverCatalog(), dataDir.resolve(SIMULATED_OUTPUT_DIR)));
    }

    /** Inside the data folder: the maintenance keypad's wrong-PIN counts, kept across restarts. */
    static final String MAINTENANCE_LOCKOUT_FILE = "maintenance-lockout.json";

    /** Inside the data folder: what simulated printers print, when devices.yaml names no folder. */
    public static final String SIMULATED_OUTPUT_DIR = "simulated";

    /** The device names of the cameras, as devices.yaml sets them. */
    public static final String FACE_CAMERA = DevicesConfig.FACE_CAMERA;
    static final String DOCUMENT_CAMERA = DevicesConfig.DOCUMENT_CAMERA;
    /** The captured pages' PDF travels in a submission: kept well inside the outbox's 8 MiB batches. */
    static final int MAX_PAGES_PDF_BYTES = 2 << 20;

    private static FlowDevices flowDevices(DeviceRegistry devices, PlatformClient platform) {
        Optional<Camera> face = devices.byName(FACE_CAMERA).filter(Camera.class::isInstance).map(Camera.class::cast);
        Optional<Camera> doc = devices.byName(DOCUMENT_CAMERA).filter(Camera.class::isInstance)
                .map(Camera.class::cast);
        // The gate's thresholds and detector come from the face camera's options in devices.yaml.
        Map<String, String> faceOptions = face.map(c -> devices.spec(c.name()).options()).orElse(Map.of());
        return new FlowDevices(face, doc, devices.first(DocumentScanner.class), devices.first(QrScanner.class),
                () -> FaceGate.fromOptions(faceOptions), platform::verifyIdentity, Duration.ofSeconds(45),
                MAX_PAGES_PDF_BYTES);
    }

    /**
     * Builds and starts a terminal: devices up, outbox open, sync running, sessions ticking. When a part fails to
     * start, the parts started before it are stopped again and the failure is thrown.
     *
     * @param secret the terminal's HMAC-SM3 secret (read from {@code platform.secretFile} by the caller)
     */
    public static Terminal start(TerminalConfig config, Catalog catalog, byte[] secret, Clock clock)
            throws DeviceException, OutboxException, IOException {
        return start(config, catalog, secret, clock, drivers(Path.of(config.kiosk().dataDir())));
    }

    /** As {@link #start(TerminalConfig, Catalog, byte[], Clock)}, with the drivers given (a test watches its devices). */
    static Terminal start(TerminalConfig config, Catalog catalog, byte[] secret, Clock clock, DriverCatalog drivers)
            throws DeviceException, OutboxException, IOException {
        return new Terminal(config, catalog, secret, clock, drivers);
    }

    private Terminal(TerminalConfig config, Catalog localCatalog, byte[] secret, Clock clock, DriverCatalog drivers)
            throws DeviceException, OutboxException, IOException {
        this.config = config;
        KioskConfig k = config.kiosk();
        Path dataDir = Path.of(k.dataDir());
        StartTimeline timeline = new StartTimeline();
        try {
            Files.createDirectories(dataDir);
            UsageCounts usage = UsageCounts.open(dataDir.resolve("usage-counts.json"));
            journal = parts.add("journal", Journal.open(dataDir.resolve(Journal.DIR), clock, ZoneId.systemDefault()),
                    this::closeJournal);
            catalog = new LiveCatalog(localCatalog, usage::count);

            devices = parts.add("devices", new DeviceRegistry(config.devices(), drivers));
            devices.startAll(Duration.ofSeconds(5));
            timeline.reached("devices started");

            outbox = parts.add("outbox", Outbox.open(dataDir.resolve(OUTBOX_FILE), k.outboxKeyFile(), clock));
            outbox.closeInterruptedPrintJobs();
            timeline.reached("outbox open");
            platform = new PlatformClient(PlatformSettings.of(k, secret), clock);
            Duration interval = Duration.ofSeconds(k.platform().syncIntervalSeconds());
            // The heartbeat reports on parts built below; the worker asks for one only once it runs. With a fleet
            // server the heartbeat goes there, and a conditional catalog fetch tells the worker the platform answers.
            SyncWorker.Probe probe = k.fleet() == null ? SyncWorker.probeWithHeartbeat(platform, this::heartbeat)
                    : () -> {
                        platform.catalog(catalog.etag());
                        return new HeartbeatAnswer(clock.instant(), List.of());
                    };
            sync = parts.add("sync", new SyncWorker(outbox, platform, clock,
                    SyncSettings.defaults().withPacing(interval, Duration.ofSeconds(2), Duration.ofMinutes(10))
                            .withRetention(Duration.ofDays(k.outboxOrDefaults().retentionDays())),
                    probe));

            status = new TerminalStatus(devices, false);
            new ServiceWatch(status, journal);
            PlatformLock lock = new PlatformLock(dataDir.resolve(PlatformLock.FILE), status);
            status.follow(sync, outbox);

            sessions = new SessionManager(clock, dataDir.resolve("sessions"), Duration.ofSeconds(k.idle().warnAfterSeconds()),
                    Duration.ofSeconds(k.idle().countdownSeconds()), k.idle().elderlyFactor());
            ExecutorService flowWork = executor("flow work", Executors.newSingleThreadExecutor(daemon("flow-work")));
            // Items started, completed, abandoned and reviewed, per day, for the fleet server (no personal data).
            usageDays = parts.add("usage days", UsageDays.open(dataDir, clock, ZoneId.systemDefault()));
            ExecutorService usageWrites = Executors.newSingleThreadExecutor(daemon("usage-counts"));
            // Stopped before the counts' file closes, the counts queued still written.
            parts.add("usage counts", usageWrites, () -> {
                usageWrites.shutdown();
                usageWrites.awaitTermination(2, TimeUnit.SECONDS);
            });
            UsageWatch usageWatch = new UsageWatch(usageDays, usageWrites);
            ServiceFlow.Services services = new ServiceFlow.Services(k.terminal().id(),
                    FlowPlatform.of(platform, sync::reachability), FlowOutbox.of(outbox, usageWatch::stored),
                    new CertificateComposer(CjkFonts.debianDefaults(), Layout.defaults(),
                            TerminalSeal.loadOrCreate(dataDir.resolve(SEAL_FILE), new SecureRandom())),
                    () -> devices.first(DocumentPrinter.class), this.catalog, clock, ZoneId.systemDefault(), flowWork,
                    Duration.ofSeconds(60), () -> sync.syncNow(), flowDevices(devices, platform));
            // The terminal's own folder: a configuration release carries no PINs.
            MaintenanceConfig maintenanceConfig = MaintenanceConfig.loadOrNone(config.localDir());
            maintenance = new Maintenance(new MaintenanceAccess(maintenanceConfig, clock, journal,
                    dataDir.resolve(MAINTENANCE_LOCKOUT_FILE)), sessions, journal, clock,
                    Duration.ofSeconds(maintenanceConfig.idleSeconds()));
            // No visit starts while a technician is in maintenance mode, nor while the terminal is out of service.
            ServiceGate gate = status.pausedWhile(maintenance::active);
            // The pinyin dictionary is built at first use, or in the background once the shell is up (ShellLauncher).
            Keyboards keyboards = new Keyboards(PinyinDictionary::load);
            navigator = new Navigator(this.catalog, k.terminal().profile(), sessions,
                    (item, session) -> new ServiceFlow(item, session, services), k.defaultLocale(), usage, gate, keyboards);
            navigator.addListener(usageWatch);
            // The platform's catalog replaces the local one when it changes (checked at start and on RELOAD_CATALOG).
            catalogUpdater = new CatalogUpdater(this.catalog, platform, sessions);
            sync.addCommandListener(command -> {
                if (command.type() == HeartbeatAnswer.CommandType.RELOAD_CATALOG) {
                    flowWork.execute(catalogUpdater::check);
                }
            });
            sync.addCommandListener(lock::apply);
            // With a fleet, its staged rollouts gate the channel (release.maxSequence in its signed answers).
            releaseGate = k.fleet() == null ? ReleaseGate.none() : ReleaseGate.untilTheFleetAnswers();
            updateAgent = k.update() == null ? null : updateAgent(k, dataDir, clock);

            Speech speech = parts.add("speech", EngineSpeech.forKiosk(k));
            voice = new VoiceGuide(navigator, speech, k.voiceOrDefaults().volume(), k.screen().readerPosition(),
                    k.screen().trayPosition());
            timeline.reached("voice ready");

            devices.addListener(new JournalFeed(journal, sessions, navigator));
            staffCall = new StaffCall(navigator, sessions, journal, clock);
            // A card placed on the reader starts a session or identifies the citizen to the flow.
            devices.addListener(e -> {
                if (e instanceof DataEvent<?> d && d.data() instanceof IdCard card) {
                    navigator.cardRead(card);
                }
            });
            heartbeats = new HeartbeatSource(k.terminal(), softwareVersion(), () -> catalog.current().version(), outbox,
                    devices, updateAgent == null ? null : new UpdateReport(dataDir, updateAgent::downloading),
                    staffCall::takeForHeartbeat, clock);
            workbench = workbench(config, dataDir, clock);
            fleet = k.fleet() == null ? null : fleetLink(k, dataDir, clock);

            sessions.removeLeftovers();
            ScheduledExecutorService idleTicker = executor("idle ticker",
                    Executors.newSingleThreadScheduledExecutor(daemon("idle-ticker")));
            idleTicker.scheduleAtFixedRate(this::tickSafely, 250, 250, TimeUnit.MILLISECONDS);
            sync.start();
            if (fleet != null) {
                fleet.start();
            }
            if (updateAgent != null) {
                updateAgent.start();
            }
            flowWork.execute(catalogUpdater::check);
            sync.syncNow();
            // Taken down first: the citizen's session ends (and is wiped) while everything it uses still runs.
            parts.add("session", sessions, () -> sessions.end(SessionManager.EndReason.SHUTDOWN));
            journal.note(JournalKind.TERMINAL_STARTED, Map.of("version", softwareVersion(),
                    "catalog", localCatalog.version()));
            started = true;
            timeline.reached("terminal started");
        } catch (Throwable failure) {
            log.error("terminal {} failed to start; stopping what had started: {}", k.terminal().id(),
                    failure.toString());
            parts.close();
            throw failure;
        }
        log.info("terminal {} ({}) started: {} device(s), catalog {}, data in {}", k.terminal().id(),
                k.terminal().profile(), devices.all().size(), localCatalog.version(), dataDir);
    }

    private <E extends ExecutorService> E executor(String name, E executor) {
        return parts.add(name, executor, executor::shutdownNow);
    }

    /**
     * The link to the fleet server of kiosk.yaml's {@code fleet} section: its heartbeat carries the screen shown
     * and the lock, goes at once when a citizen calls staff or a device changes state, and its commands are
     * carried out by the code that carries out the platform's. Null when the fleet secret cannot be read: that
     * only cuts the terminal off the fleet (logged), not citizens off their services.
     */
    private FleetLink fleetLink(KioskConfig k, Path dataDir, Clock clock) throws IOException {
        FleetSettings settings;
        try {
            settings = FleetSettings.of(k.fleet(), k.terminal().id());
        } catch (IOException e) {
            log.error("no link to the fleet server: {}", e.getMessage());
            releaseGate.answered(OptionalLong.empty()); // no fleet to wait for: the manifest alone decides
            return null;
        }
        CommandLedger ledger = parts.add("fleet commands", CommandLedger.open(dataDir));
        FleetLink link = parts.add("fleet link", new FleetLink(new FleetClient(settings, clock, new ObjectMapper()), heartbeats,
                new FleetLink.Situation() {
                    @Override
                    public String screen() {
                        return FleetLink.screenName(navigator.shown());
                    }

                    @Override
                    public boolean locked() {
                        return status.locked();
                    }
                }, ledger, usageDays, new FleetCommands(sync::carryOut, updateAgent, sessions, () -> restart.run()),
                coming -> staffCall.acknowledged(coming.acknowledgedBy()),
                Duration.ofSeconds(k.platform().syncIntervalSeconds()), clock));
        staffCall.whenCalled(link::nudge);
        link.whenAnswered(answer -> {
            if (releaseGate.answered(answer.maxSequence()) && updateAgent != null) {
                updateAgent.checkNow(false); // the rollout reached this terminal: no need to wait for the next poll
            }
        });
        if (updateAgent != null) {
            // The rollout follows each step as it happens (docs/contracts/fleet-api.yaml, Heartbeat.update).
            updateAgent.addListener(e -> {
                switch (e.type()) {
                    case DOWNLOADED, APPLIED, REFUSED, ROLLED_BACK, HEALTH_FAILED -> link.nudge();
                    default -> { }
                }
            });
        }
        devices.addListener(e -> {
            if (e instanceof StatusEvent s && HeartbeatSource.reported(s.previous()) != HeartbeatSource.reported(s.state())) {
                link.nudge();
            }
        });
        return link;
    }

    /** What maintenance mode shows and does, with its own worker thread. */
    private Workbench workbench(TerminalConfig config, Path dataDir, Clock clock) {
        StatusReport report = new StatusReport(sync, outbox, () -> catalog.current().version(),
                () -> heartbeats.lastBuilt().orElse(null), config.dir(), dataDir, softwareVersion(), clock);
        return Workbench.over(maintenance, devices, journal, clock, config.kiosk().terminal().id(), config.dir(),
                dataDir.resolve("config-previous"), drivers(dataDir), report, executor("maintenance work", Executors.newSingleThreadExecutor(daemon("maintenance"))));
    }

    /** The update agent, journalled and told the platform's CHECK_UPDATE; null when it has no keys to trust. */
    private UpdateAgent updateAgent(KioskConfig k, Path dataDir, Clock clock) {
        return UpdateAgent.forKiosk(k, dataDir, drivers(), sessions, catalog, clock, () -> restart.run(), releaseGate)
                .map(agent -> {
            parts.add("update agent", agent);
            agent.addListener(new UpdateJournal(journal));
            sync.addCommandListener(agent::onCommand);
            return agent;
        }).orElse(null);
    }

    private void tickSafely() {
        try {
            sessions.tick();
            maintenance.tick();
        } catch (RuntimeException e) {
            // A failing listener must not stop the ticker, or sessions would never end by themselves.
            log.error("idle tick failed", e);
        }
    }

    private Heartbeat heartbeat() {
        return heartbeats.get();
    }

    private void closeJournal() {
        if (started) {
            journal.note(JournalKind.TERMINAL_STOPPED, Map.of());
        }
        journal.close();
    }

    static String softwareVersion() {
        String v = Terminal.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    public TerminalConfig config() {
        return config;
    }

    /** The update agent, when kiosk.yaml has an {@code update} section. */
    public Optional<UpdateAgent> updateAgent() {
        return Optional.ofNullable(updateAgent);
    }

    /** What to do when an installed release needs the application to start again (run: exit for the launcher). */
    public void onRestartNeeded(Runnable restart) {
        this.restart = restart;
    }

    /** The catalog served (the local files, or a newer one from the platform), its search and ETag. */
    public LiveCatalog catalog() {
        return catalog;
    }

    public CatalogUpdater catalogUpdater() {
        return catalogUpdater;
    }

    public PlatformClient platform() {
        return platform;
    }

    public DeviceRegistry devices() {
        return devices;
    }

    public Outbox outbox() {
        return outbox;
    }

    public SyncWorker sync() {
        return sync;
    }

    public SessionManager sessions() {
        return sessions;
    }

    public TerminalStatus status() {
        return status;
    }

    /** The electronic journal: any part records what happened with {@code journal().record(kind, details)}. */
    public Journal journal() {
        return journal;
    }

    public Maintenance maintenance() {
        return maintenance;
    }

    /** What maintenance mode shows and does. */
    public Workbench workbench() {
        return workbench;
    }

    /** The citizen's call for staff: open or not (the heartbeat reports it). */
    public StaffCall staffCall() {
        return staffCall;
    }

    public Navigator navigator() {
        return navigator;
    }

    /** The link to the fleet server, when kiosk.yaml has a {@code fleet} section. */
    public Optional<FleetLink> fleet() {
        return Optional.ofNullable(fleet);
    }

    /** How the service items were used, per day (reported to the fleet server). */
    public UsageDays usageDays() {
        return usageDays;
    }

    /** Voice guidance: follows the navigator; the shell's read-aloud and volume buttons. */
    public VoiceGuide voice() {
        return voice;
    }

    /** Ends any session (wiping it), stops the workers and devices, closes the outbox and the journal. */
    @Override
    public void close() {
        parts.close();
        log.info("terminal {} stopped", config.kiosk().terminal().id());
    }
}
