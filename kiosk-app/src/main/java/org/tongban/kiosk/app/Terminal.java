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
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogSearch;
import org.tongban.kiosk.catalog.CatalogUpdater;
import org.tongban.kiosk.catalog.LiveCatalog;
import org.tongban.kiosk.catalog.UsageCounts;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.config.TerminalConfig;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.ServiceFlow;
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
import org.tongban.kiosk.status.TerminalStatus;
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
    private final ExecutorService flowWork;
    private final ScheduledExecutorService idleTicker;

    /** The drivers this build knows: every simulator, and the real drivers by their names in devices.yaml. */
    public static DriverCatalog drivers() {
        return Simulators.registerAll(new DriverCatalog())
                .register(DeviceClass.DOCUMENT_PRINTER, CupsDocumentPrinter.DRIVER, CupsDocumentPrinter::fromSpec)
                .register(DeviceClass.RECEIPT_PRINTER, EscPosReceiptPrinter.DRIVER, EscPosReceiptPrinter::fromSpec)
                .register(DeviceClass.ID_CARD_READER, SamIdCardReader.DRIVER, SamIdCardReader::fromSpec)
                .register(DeviceClass.SMART_CARD_READER, PcscSmartCardReader.DRIVER, PcscSmartCardReader::fromSpec)
                .register(DeviceClass.CAMERA, OpenCvCamera.DRIVER, OpenCvCamera::fromSpec)
                .register(DeviceClass.QR_SCANNER, SerialQrScanner.DRIVER, SerialQrScanner::fromSpec)
                .register(DeviceClass.DOCUMENT_SCANNER, SaneDocumentScanner.DRIVER, SaneDocumentScanner::fromSpec);
    }

    /** The face camera is the device named {@code camera}, the document camera {@code doccam}. */
    static final String FACE_CAMERA = "camera";
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
        this.catalog = new LiveCatalog(localCatalog, usage::count);

        devices = new DeviceRegistry(config.devices(), drivers());
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
                devices.first(DocumentPrinter.class), this.catalog, clock, ZoneId.systemDefault(), flowWork,
                Duration.ofSeconds(60), () -> sync.syncNow(), flowDevices(devices, platform));
        navigator = new Navigator(this.catalog, k.terminal().profile(), sessions,
                (item, session) -> new ServiceFlow(item, session, services), k.defaultLocale(), usage);
        // The platform's catalog replaces the local one when it changes (checked at start and on RELOAD_CATALOG).
        catalogUpdater = new CatalogUpdater(this.catalog, platform, sessions);
        sync.addCommandListener(command -> {
            if (command.type() == HeartbeatAnswer.CommandType.RELOAD_CATALOG) {
                flowWork.execute(catalogUpdater::check);
            }
        });

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
        flowWork.execute(catalogUpdater::check);
        sync.syncNow();
        log.info("terminal {} ({}) started: {} device(s), catalog {}, data in {}", k.terminal().id(),
                k.terminal().profile(), devices.all().size(), localCatalog.version(), dataDir);
    }

    private void tickSafely() {
        try {
            sessions.tick();
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
        return new Heartbeat(k.terminal().id(), Heartbeat.Profile.valueOf(k.terminal().profile().name()),
                softwareVersion(), catalog.current().version(), uptime, depth, oldest, ds);
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

    public Navigator navigator() {
        return navigator;
    }

    public <T extends Device> java.util.Optional<T> device(Class<T> type) {
        return devices.first(type);
    }

    /** Ends any session (wiping it), stops sync and devices, closes the outbox. */
    @Override
    public void close() {
        sessions.end(SessionManager.EndReason.SHUTDOWN);
        idleTicker.shutdownNow();
        sync.close();
        flowWork.shutdownNow();
        devices.close();
        outbox.close();
        log.info("terminal {} stopped", config.kiosk().terminal().id());
    }
}
