package org.tongban.kiosk.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.DataEvent;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceRegistry;
import org.tongban.devices.DriverCatalog;
import org.tongban.devices.idcard.IdCard;
import org.tongban.devices.idcard.SamIdCardReader;
import org.tongban.devices.printer.DocumentPrinter;
import org.tongban.devices.printer.cups.CupsDocumentPrinter;
import org.tongban.devices.printer.escpos.EscPosReceiptPrinter;
import org.tongban.devices.simulation.Simulators;
import org.tongban.devices.camera.Camera;
import org.tongban.devices.camera.OpenCvCamera;
import org.tongban.devices.qr.QrScanner;
import org.tongban.devices.scanner.DocumentScanner;
import org.tongban.devices.vision.FaceGate;
import org.tongban.kiosk.flow.FlowDevices;
import org.tongban.devices.qr.SerialQrScanner;
import org.tongban.devices.scanner.sane.SaneDocumentScanner;
import org.tongban.devices.smartcard.PcscSmartCardReader;
import org.tongban.kiosk.admin.ConfigEditor;
import org.tongban.kiosk.assistance.StaffCall;
import org.tongban.kiosk.input.Keyboards;
import org.tongban.kiosk.input.PinyinDictionary;
import org.tongban.kiosk.admin.DeviceActions;
import org.tongban.kiosk.admin.PortDiscovery;
import org.tongban.kiosk.admin.StatusReport;
import org.tongban.kiosk.admin.Workbench;
import org.tongban.kiosk.admin.DeviceCounters;
import org.tongban.kiosk.admin.Maintenance;
import org.tongban.kiosk.admin.MaintenanceAccess;
import org.tongban.kiosk.admin.MaintenanceConfig;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogSearch;
import org.tongban.kiosk.catalog.CatalogUpdater;
import org.tongban.kiosk.catalog.LiveCatalog;
import org.tongban.kiosk.catalog.UsageCounts;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.config.TerminalConfig;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.flow.ServiceGate;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalFeed;
import org.tongban.kiosk.journal.JournalKind;
import org.tongban.kiosk.outbox.Outbox;
import org.tongban.kiosk.outbox.OutboxException;
import org.tongban.kiosk.outbox.OutboxStatus;
import org.tongban.kiosk.outbox.StorageProblem;
import org.tongban.kiosk.outbox.SyncSettings;
import org.tongban.kiosk.outbox.SyncWorker;
import org.tongban.kiosk.platform.Heartbeat;
import org.tongban.kiosk.platform.HeartbeatAnswer;
import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.kiosk.platform.PlatformSettings;
import org.tongban.kiosk.session.SessionManager;
import org.tongban.kiosk.status.PlatformLock;
import org.tongban.kiosk.status.ServiceWatch;
import org.tongban.kiosk.status.TerminalStatus;
import org.tongban.kiosk.update.ChannelClient;
import org.tongban.kiosk.update.MaintenanceWindow;
import org.tongban.kiosk.update.OperatorKeys;
import org.tongban.kiosk.update.UpdateAgent;
import org.tongban.kiosk.update.UpdateEvent;
import org.tongban.kiosk.update.UpdateReport;
import org.tongban.kiosk.update.Updater;
import org.tongban.kiosk.voice.EngineSpeech;
import org.tongban.kiosk.voice.EspeakEngine;
import org.tongban.kiosk.voice.PromptCache;
import org.tongban.kiosk.voice.SoundCard;
import org.tongban.kiosk.voice.Speech;
import org.tongban.kiosk.voice.VoiceGuide;
import org.tongban.printing.CertificateComposer;
import org.tongban.printing.CjkFonts;
import org.tongban.printing.Layout;
import org.tongban.printing.TerminalSeal;

/**
 * The composition root: the one place where the kiosk's parts are built and wired, in the order
 * they depend on each other, and taken down in reverse. Nothing else creates services, so a test
 * builds a whole terminal (with simulated devices and a platform simulator) exactly as production does.
 */
public final class Terminal implements AutoCloseable {

    /** Where the catalog lives inside a configuration folder. */
    public static final String CATALOG_DIR = "catalog";

    /** The terminal's SM2 key that seals printed certificates, inside the data folder (mode 600). */
    public static final String SEAL_FILE = "terminal-seal.key";
    /** The outbox database inside the data folder. */
    public static final String OUTBOX_FILE = "outbox.db";

    private static final Logger log = LoggerFactory.getLogger(Terminal.class);

    private final TerminalConfig config;
    private final LiveCatalog catalog;
    private final CatalogUpdater catalogUpdater;
    private final UsageCounts usage;
    private final DeviceRegistry devices;
    private final Outbox outbox;
    private final PlatformClient platform;
    private final SyncWorker sync;
    private final SessionManager sessions;
    private final TerminalStatus status;
    private final Navigator navigator;
    private final StaffCall staffCall;
    private final ExecutorService flowWork;
    private final ScheduledExecutorService idleTicker;
    private final Journal journal;
    private final PlatformLock lock;
    private final Maintenance maintenance;
    private final DeviceCounters counters;
    private final DeviceActions deviceActions;
    private final Workbench workbench;
    private final ExecutorService maintenanceWork;
    /** When the sync worker last built a heartbeat to send (the status page shows it). */
    private volatile java.time.Instant lastHeartbeat;
    private final ServiceWatch serviceWatch;
    private final UpdateAgent updateAgent;
    private final Speech speech;
    private final VoiceGuide voice;
    private volatile Runnable restart = () -> log.warn("a release needs the kiosk to start again; it takes effect then");

    /** The drivers this build knows: every simulator, and the real drivers by their names in devices.yaml. */
    public static DriverCatalog drivers() {
        return withRealDrivers(Simulators.registerAll(new DriverCatalog()));
    }

    /** The drivers of a terminal: simulated printers write into a private folder of its data folder. */
    public static DriverCatalog drivers(Path dataDir) {
        return withRealDrivers(Simulators.registerAll(new DriverCatalog(), dataDir.resolve(SIMULATED_OUTPUT_DIR)));
    }

    private static DriverCatalog withRealDrivers(DriverCatalog simulators) {
        return simulators
                .register(DeviceClass.DOCUMENT_PRINTER, CupsDocumentPrinter.DRIVER, CupsDocumentPrinter::fromSpec)
                .register(DeviceClass.RECEIPT_PRINTER, EscPosReceiptPrinter.DRIVER, EscPosReceiptPrinter::fromSpec)
                .register(DeviceClass.ID_CARD_READER, SamIdCardReader.DRIVER, SamIdCardReader::fromSpec)
                .register(DeviceClass.SMART_CARD_READER, PcscSmartCardReader.DRIVER, PcscSmartCardReader::fromSpec)
                .register(DeviceClass.CAMERA, OpenCvCamera.DRIVER, OpenCvCamera::fromSpec)
                .register(DeviceClass.QR_SCANNER, SerialQrScanner.DRIVER, SerialQrScanner::fromSpec)
                .register(DeviceClass.DOCUMENT_SCANNER, SaneDocumentScanner.DRIVER, SaneDocumentScanner::fromSpec);
    }

    /** Inside the data folder: the maintenance keypad's wrong-PIN counts, kept across restarts. */
    static final String MAINTENANCE_LOCKOUT_FILE = "maintenance-lockout.json";

    /** Inside the data folder: what simulated printers print, when devices.yaml names no folder. */
    public static final String SIMULATED_OUTPUT_DIR = "simulated";

    /** The face camera is the device named {@code camera} (its options choose the face detector), the document camera {@code doccam}. */
    public static final String FACE_CAMERA = "camera";
    static final String DOCUMENT_CAMERA = "doccam";
    /** The captured pages' PDF travels in a submission: kept well inside the outbox's 8 MiB batches. */
    static final int MAX_PAGES_PDF_BYTES = 2 << 20;

    private static FlowDevices flowDevices(DeviceRegistry devices, PlatformClient platform) {
        java.util.Optional<Camera> face = devices.byName(FACE_CAMERA).filter(Camera.class::isInstance).map(Camera.class::cast);
        java.util.Optional<Camera> doc = devices.byName(DOCUMENT_CAMERA).filter(Camera.class::isInstance)
                .map(Camera.class::cast);
        // The gate's thresholds and detector come from the face camera's options in devices.yaml.
        java.util.Map<String, String> faceOptions = face.map(c -> devices.spec(c.name()).options())
                .orElse(java.util.Map.of());
        return new FlowDevices(face, doc, devices.first(DocumentScanner.class), devices.first(QrScanner.class),
                () -> FaceGate.fromOptions(faceOptions), platform::verifyIdentity, Duration.ofSeconds(45),
                MAX_PAGES_PDF_BYTES);
    }

    /**
     * Builds and starts a terminal: devices up, outbox open, sync running, sessions ticking.
     *
     * @param secret the terminal's HMAC-SM3 secret (read from {@code platform.secretFile} by the caller)
     */
    public static Terminal start(TerminalConfig config, Catalog catalog, byte[] secret, Clock clock)
            throws DeviceException, OutboxException, IOException {
        return new Terminal(config, catalog, secret, clock);
    }

    private Terminal(TerminalConfig config, Catalog catalog, byte[] secret, Clock clock)
            throws DeviceException, OutboxException, IOException {
        this.config = config;
        Catalog localCatalog = catalog;
        KioskConfig k = config.kiosk();
        Path dataDir = Path.of(k.dataDir());
        Files.createDirectories(dataDir);
        usage = UsageCounts.open(dataDir.resolve("usage-counts.json"));
        journal = Journal.open(dataDir.resolve(Journal.DIR), clock, ZoneId.systemDefault());
        this.catalog = new LiveCatalog(localCatalog, usage::count);

        devices = new DeviceRegistry(config.devices(), drivers(dataDir));
        devices.startAll(Duration.ofSeconds(5));

        outbox = Outbox.open(dataDir.resolve(OUTBOX_FILE), k.outboxKeyFile(), clock);
        for (var job : outbox.closeInterruptedPrintJobs()) {
            // id, kind and state only: whoever asked for it is personal data
            log.warn("print job {} ({}) was {} when the terminal stopped; closed as FAILED, not printed again",
                    job.id(), job.title(), job.state());
        }
        platform = new PlatformClient(new PlatformSettings(URI.create(k.platform().url()), k.terminal().id(), secret,
                Duration.ofSeconds(k.platform().timeoutSeconds())), clock);
        Duration interval = Duration.ofSeconds(k.platform().syncIntervalSeconds());
        sync = new SyncWorker(outbox, platform, clock,
                SyncSettings.defaults().withPacing(interval, Duration.ofSeconds(2), Duration.ofMinutes(10))
                        .withRetention(Duration.ofDays(k.outboxOrDefaults().retentionDays())),
                this::heartbeat);

        status = new TerminalStatus(devices, false);
        serviceWatch = new ServiceWatch(status, journal);
        lock = new PlatformLock(dataDir.resolve(PlatformLock.FILE), status);
        sync.addListener(r -> status.platformReachable(r.online()));
        outbox.addStorageListener(p -> status.storageProblem(p.map(StorageProblem::message).orElse(null)));
        outbox.notices().forEach(n -> status.storageNotice(n));

        sessions = new SessionManager(clock, dataDir.resolve("sessions"), Duration.ofSeconds(k.idle().warnAfterSeconds()),
                Duration.ofSeconds(k.idle().countdownSeconds()), k.idle().elderlyFactor());
        flowWork = Executors.newSingleThreadExecutor(daemon("flow-work"));
        ServiceFlow.Services services = new ServiceFlow.Services(k.terminal().id(), platform,
                () -> sync.reachability().online(), outbox,
                new CertificateComposer(CjkFonts.debianDefaults(), Layout.defaults(),
                        TerminalSeal.loadOrCreate(dataDir.resolve(SEAL_FILE), new SecureRandom())),
                () -> devices.first(DocumentPrinter.class), this.catalog, clock, ZoneId.systemDefault(), flowWork,
                Duration.ofSeconds(60), () -> sync.syncNow(), flowDevices(devices, platform));
        MaintenanceConfig maintenanceConfig = loadMaintenance(config);
        maintenance = new Maintenance(new MaintenanceAccess(maintenanceConfig, clock, journal,
                dataDir.resolve(MAINTENANCE_LOCKOUT_FILE)), sessions, journal, clock,
                Duration.ofSeconds(maintenanceConfig.idleSeconds()));
        counters = new DeviceCounters();
        devices.addListener(counters);
        deviceActions = new DeviceActions(devices, counters, journal, clock, k.terminal().id());
        maintenanceWork = Executors.newSingleThreadExecutor(daemon("maintenance"));
        workbench = new Workbench(maintenance, devices, counters, deviceActions,
                new PortDiscovery(devices, () -> devices.all().stream().map(d -> devices.spec(d.name()).port())
                        .filter(p -> p != null && p.startsWith("/dev/")).toList()),
                new ConfigEditor(config.dir(), dataDir.resolve("config-previous"), drivers(dataDir), devices, journal),
                new StatusReport(sync, outbox, () -> this.catalog.current().version(), () -> lastHeartbeat,
                        config.dir(), dataDir, softwareVersion(), clock), maintenanceWork);
        // No visit starts while a technician is in maintenance mode, nor while the terminal is out of service.
        ServiceGate gate = new ServiceGate() {
            @Override
            public java.util.Optional<String> unavailable(org.tongban.kiosk.catalog.ServiceItem item) {
                return status.unavailable(item);
            }

            @Override
            public boolean inService() {
                return status.inService() && !maintenance.active();
            }
        };
        // The pinyin dictionary is built at first use, or in the background once the shell is up (ShellLauncher).
        Keyboards keyboards = new Keyboards(PinyinDictionary::load);
        navigator = new Navigator(this.catalog, k.terminal().profile(), sessions,
                (item, session) -> new ServiceFlow(item, session, services), k.defaultLocale(), usage, gate, keyboards);
        // The platform's catalog replaces the local one when it changes (checked at start and on RELOAD_CATALOG).
        catalogUpdater = new CatalogUpdater(this.catalog, platform, sessions);
        sync.addCommandListener(command -> {
            if (command.type() == HeartbeatAnswer.CommandType.RELOAD_CATALOG) {
                flowWork.execute(catalogUpdater::check);
            } else if (command.type() == HeartbeatAnswer.CommandType.LOCK
                    || command.type() == HeartbeatAnswer.CommandType.UNLOCK) {
                lock.apply(command);
            }
        });
        UpdateAgent agent = null;
        try {
            agent = k.update() == null ? null : updateAgent(k, dataDir, clock);
        } catch (IOException e) {
            // a missing operator key must not keep citizens from the terminal; it only stops updates
            log.error("no updates from the channel: {}", e.getMessage());
        }
        updateAgent = agent;
        if (updateAgent != null) {
            updateAgent.addListener(this::journalUpdate);
        }

        speech = speech(k);
        voice = new VoiceGuide(navigator, speech, k.voiceOrDefaults().volume());

        devices.addListener(new JournalFeed(journal, sessions, navigator));
        staffCall = new StaffCall(navigator, sessions, journal, clock);
        // A card placed on the reader starts a session or identifies the citizen to the flow.
        devices.addListener(e -> {
            if (e instanceof DataEvent<?> d && d.data() instanceof IdCard card) {
                navigator.cardRead(card);
            }
        });

        removeLeftoverSessions(dataDir.resolve("sessions"));
        idleTicker = Executors.newSingleThreadScheduledExecutor(daemon("idle-ticker"));
        idleTicker.scheduleAtFixedRate(this::tickSafely, 250, 250, TimeUnit.MILLISECONDS);
        sync.start();
        if (updateAgent != null) {
            updateAgent.start();
        }
        flowWork.execute(catalogUpdater::check);
        sync.syncNow();
        journal.note(JournalKind.TERMINAL_STARTED, java.util.Map.of("version", softwareVersion(),
                "catalog", localCatalog.version()));
        log.info("terminal {} ({}) started: {} device(s), catalog {}, data in {}", k.terminal().id(),
                k.terminal().profile(), devices.all().size(), localCatalog.version(), dataDir);
    }

    /**
     * espeak-ng speaking through the sound card, the fixed prompts from the cache; whatever the cache
     * lacks is rendered in the background now, so the first citizen hears prompts without delay.
     */
    private static Speech speech(KioskConfig k) {
        KioskConfig.Voice v = k.voiceOrDefaults();
        if (!v.enabled()) {
            return Speech.silent(new Speech.Status(Speech.State.OFF, "voice.enabled is false in kiosk.yaml"));
        }
        EspeakEngine engine = new EspeakEngine();
        EngineSpeech s = new EngineSpeech(engine, new PromptCache(k.voiceCacheDir(), engine), new SoundCard(), v.volume());
        s.start(VoiceGuide.fixedPrompts());
        return s;
    }

    /**
     * maintenance.yaml of the terminal's own configuration folder (a configuration release carries no PINs);
     * a broken one is refused like any configuration file.
     */
    private static MaintenanceConfig loadMaintenance(TerminalConfig config) throws IOException {
        if (config.localDir() == null) {
            return MaintenanceConfig.none();
        }
        try {
            return MaintenanceConfig.load(config.localDir());
        } catch (org.tongban.kiosk.config.ConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The update agent; CHECK_UPDATE from the platform polls at once ({@code "force": true} ignores the window). */
    private UpdateAgent updateAgent(KioskConfig k, Path dataDir, Clock clock) throws IOException {
        KioskConfig.Update u = k.update();
        Updater updater = new Updater(new Updater.Settings(new ChannelClient(URI.create(u.channel()),
                Duration.ofSeconds(k.platform().timeoutSeconds() * 3L)),
                new OperatorKeys().readTrusted(u.trustedKeys().stream().map(Path::of).toList()), dataDir,
                k.terminal().id(), drivers()), clock);
        UpdateAgent agent = new UpdateAgent(updater, Duration.ofMinutes(u.checkIntervalMinutes()),
                MaintenanceWindow.parse(u.maintenanceWindow()), sessions, catalog, clock, () -> restart.run());
        sync.addCommandListener(command -> {
            if (command.type() == HeartbeatAnswer.CommandType.CHECK_UPDATE) {
                agent.checkNow(Boolean.TRUE.equals(command.args().get("force")));
            }
        });
        return agent;
    }

    /** Operators read in the journal what the update agent decided; deferrals and downloads stay in the log. */
    private void journalUpdate(UpdateEvent e) {
        JournalKind kind = switch (e.type()) {
            case CHECKED -> JournalKind.UPDATE_CHECKED;
            case REFUSED -> JournalKind.UPDATE_REFUSED;
            case APPLIED -> JournalKind.UPDATE_APPLIED;
            case ROLLED_BACK, HEALTH_FAILED -> JournalKind.UPDATE_ROLLED_BACK;
            case DEFERRED, DOWNLOADED -> null;
        };
        if (kind != null) {
            journal.note(kind, java.util.Map.of("release", String.valueOf(e.release()),
                    "sequence", Long.toString(e.sequence()), "detail", String.valueOf(e.detail())));
        }
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

    /**
     * Session folders left by a power cut hold personal data of a visit that is over: remove them
     * before the first citizen of this run.
     */
    private static void removeLeftoverSessions(Path sessionsDir) throws IOException {
        if (!Files.isDirectory(sessionsDir)) {
            return;
        }
        try (var stream = Files.walk(sessionsDir)) {
            List<Path> paths = stream.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                if (!p.equals(sessionsDir)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    Heartbeat heartbeat() {
        lastHeartbeat = java.time.Instant.now();
        KioskConfig k = config.kiosk();
        long depth = 0;
        Long oldest = null;
        try {
            OutboxStatus s = outbox.status();
            depth = s.pending();
            oldest = s.oldestPendingAge() == null ? null : s.oldestPendingAge().toSeconds();
        } catch (OutboxException e) {
            log.warn("heartbeat without outbox figures: {}", e.getMessage());
        }
        List<Heartbeat.DeviceStatus> ds = devices.health().stream()
                .map(h -> new Heartbeat.DeviceStatus(h.device(), h.deviceClass().name(), switch (h.state()) {
                    case ONLINE, BUSY -> Heartbeat.DeviceState.ONLINE;
                    case USER_ERROR -> Heartbeat.DeviceState.DEGRADED;
                    case OFFLINE, STARTING -> Heartbeat.DeviceState.OFFLINE;
                    case HARDWARE_ERROR -> Heartbeat.DeviceState.ERROR;
                }, h.text()))
                .toList();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        Heartbeat.UpdateStatus update = null;
        if (updateAgent != null) {
            try {
                update = new UpdateReport(Path.of(k.dataDir())).read();
            } catch (IOException e) {
                log.warn("heartbeat without the update report: {}", e.getMessage());
            }
        }
        return new Heartbeat(k.terminal().id(), Heartbeat.Profile.valueOf(k.terminal().profile().name()),
                softwareVersion(), catalog.current().version(), uptime, depth, oldest, ds, update,
                staffCall.takeForHeartbeat());
    }

    static String softwareVersion() {
        String v = Terminal.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
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
    public java.util.Optional<UpdateAgent> updateAgent() {
        return java.util.Optional.ofNullable(updateAgent);
    }

    /** What to do when an installed release needs the application to start again (run: exit for the launcher). */
    public void onRestartNeeded(Runnable restart) {
        this.restart = restart;
    }

    /** The platform's ETag of the catalog served, or null while it is the local files'. */
    public String catalogEtag() {
        return catalog.etag();
    }

    public CatalogUpdater catalogUpdater() {
        return catalogUpdater;
    }

    /** The catalog served now (the local files, or a newer one from the platform). */
    public Catalog catalog() {
        return catalog.current();
    }

    /** Search over the catalog, prepared at start; ties go to what this terminal opens most. */
    public CatalogSearch search() {
        return catalog.search();
    }

    public UsageCounts usage() {
        return usage;
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

    public DeviceActions deviceActions() {
        return deviceActions;
    }

    /** What maintenance mode shows and does. */
    public Workbench workbench() {
        return workbench;
    }

    public DeviceCounters counters() {
        return counters;
    }

    /** The citizen's call for staff: open or not (the heartbeat reports it). */
    public StaffCall staffCall() {
        return staffCall;
    }

    public Navigator navigator() {
        return navigator;
    }

    /** Voice guidance: follows the navigator; the shell's read-aloud and volume buttons. */
    public VoiceGuide voice() {
        return voice;
    }

    public <T extends Device> java.util.Optional<T> device(Class<T> type) {
        return devices.first(type);
    }

    /** Ends any session (wiping it), stops sync and devices, closes the outbox. */
    @Override
    public void close() {
        sessions.end(SessionManager.EndReason.SHUTDOWN);
        speech.close();
        idleTicker.shutdownNow();
        if (updateAgent != null) {
            updateAgent.close();
        }
        sync.close();
        flowWork.shutdownNow();
        maintenanceWork.shutdownNow();
        devices.close();
        outbox.close();
        journal.note(JournalKind.TERMINAL_STOPPED, java.util.Map.of());
        journal.close();
        log.info("terminal {} stopped", config.kiosk().terminal().id());
    }
}
