package org.tongban.kiosk.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.idcard.IdCard;
import org.tongban.devices.idcard.SimulatedIdCardReader;
import org.tongban.devices.printer.SimulatedDocumentPrinter;
import org.tongban.kiosk.admin.MaintenanceConfig;
import org.tongban.kiosk.admin.PinHash;
import org.tongban.devices.qr.SimulatedQrScanner;
import org.tongban.devices.scanner.SimulatedDocumentScanner;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogJson;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.config.TerminalConfig;
import org.tongban.kiosk.files.FolderTree;
import org.tongban.kiosk.platformsim.PlatformSimulator;
import org.tongban.kiosk.shell.DemoControls;

/**
 * A whole terminal on this machine: the shipped default configuration with every device
 * simulated, a platform simulator on loopback, and data in a temporary folder that is deleted at
 * the end. {@code ./kiosk demo} shows it; the shell's end-to-end tests drive it.
 */
public final class Demo implements AutoCloseable {


    private static final Logger log = LoggerFactory.getLogger(Demo.class);

    /** The demo's maintenance PINs (a real terminal's come from {@code ./kiosk admin pin-hash}). */
    public static final String TECHNICIAN_PIN = "246810";
    public static final String OPERATOR_PIN = "135790";

    private final Path home;
    private final PlatformSimulator platform;
    private final Terminal terminal;
    /** The fleet beside the kiosk, when asked for and it could start; else null and {@link #fleetMissing} says why. */
    private DemoFleet fleet;
    private String fleetMissing;

    /**
     * What a demonstrator may set instead of the demo's own choices; null fields keep them.
     *
     * @param platformUrl a real platform (or a separate simulator) instead of the embedded simulator
     * @param secret the terminal secret for that platform (required with {@code platformUrl})
     * @param dataDir a data folder that outlives the demo
     * @param configDir a configuration folder to run instead of the shipped one (e.g. a real driver on a
     *        port); the demo runs on a copy of it, so its own PINs never land in the given folder
     */
    public record Overrides(String platformUrl, byte[] secret, String terminalId, Path dataDir, Path configDir,
                            boolean fleet) {

        public static final Overrides NONE = new Overrides(null, null, null, null, null);

        public Overrides(String platformUrl, byte[] secret, String terminalId, Path dataDir) {
            this(platformUrl, secret, terminalId, dataDir, null);
        }

        public Overrides(String platformUrl, byte[] secret, String terminalId, Path dataDir, Path configDir) {
            this(platformUrl, secret, terminalId, dataDir, configDir, false);
        }

        /** The same, with the fleet server, its console and fifty simulated terminals beside the kiosk. */
        public Overrides withFleet() {
            return new Overrides(platformUrl, secret, terminalId, dataDir, configDir, true);
        }

        public Overrides {
            if (platformUrl != null && secret == null) {
                throw new IllegalArgumentException("a platform of your own needs its terminal secret (--secret-file)");
            }
        }
    }

    /** @param simulatorPort the platform simulator's loopback port, 0 for any free one */
    public Demo(int simulatorPort) throws Exception {
        this(simulatorPort, null, null, Overrides.NONE);
    }

    public Demo(int simulatorPort, Duration warnAfter, Duration countdown) throws Exception {
        this(simulatorPort, warnAfter, countdown, Overrides.NONE);
    }

    /**
     * @param warnAfter inactivity before the idle warning, or null for the configured time
     * @param countdown the idle warning's countdown, or null for the configured time
     */
    public Demo(int simulatorPort, Duration warnAfter, Duration countdown, Overrides overrides) throws Exception {
        home = Files.createTempDirectory("tongban-demo-");
        PlatformSimulator simulator = null;
        try {
            Path configDir = overrides.configDir() == null ? ShippedConfig.extract(home.resolve("config")).dir()
                    : ShippedConfig.copyTree(overrides.configDir(), home.resolve("config"));
            if (overrides.platformUrl() == null) {
                writeDemoPins(configDir); // never on a terminal pointed at a real platform: everyone knows them
            }
            StartTimeline timeline = new StartTimeline();
            TerminalConfig shipped = new ConfigLoader(Terminal.drivers()).load(configDir);
            timeline.reached("configuration loaded");
            Catalog catalog = new CatalogLoader().load(configDir.resolve(Terminal.CATALOG_DIR));
            timeline.reached("catalog loaded");
            KioskConfig k = shipped.kiosk();
            String terminalId = overrides.terminalId() != null ? overrides.terminalId() : k.terminal().id();
            byte[] secret = overrides.secret();
            if (secret == null) {
                secret = new byte[32];
                new SecureRandom().nextBytes(secret);
            }
            String platformUrl = overrides.platformUrl();
            if (platformUrl == null) {
                simulator = new PlatformSimulator(simulatorPort, Map.of(terminalId, secret), CatalogJson.write(catalog));
                simulator.start();
                platformUrl = simulator.baseUrl().toString();
                timeline.reached("platform simulator up");
            }
            platform = simulator;
            Path dataDir = overrides.dataDir() != null ? overrides.dataDir() : home.resolve("data");

            KioskConfig.Idle idleTimes = new KioskConfig.Idle(
                    warnAfter == null ? k.idle().warnAfterSeconds() : (int) warnAfter.toSeconds(),
                    countdown == null ? k.idle().countdownSeconds() : (int) countdown.toSeconds(),
                    k.idle().elderlyFactor());
            KioskConfig demo = new KioskConfig(k.terminal().withId(terminalId).withMode(KioskConfig.Terminal.DEMO), k.locale(),
                    idleTimes, dataDir.toString(),
                    new KioskConfig.Platform(platformUrl, "(given to the demo)", k.platform().timeoutSeconds(), 2),
                    k.screen(), null, null, demoVoice(k.voiceOrDefaults()));
            if (overrides.fleet()) {
                try {
                    fleet = DemoFleet.start(home.resolve("fleet"), terminalId);
                    demo = demo.withFleet(fleet.kioskSettings(terminalId));
                } catch (LinkageError e) {
                    fleetMissing = "the fleet server is not installed with this kiosk (" + e.getMessage() + ")";
                    log.warn("demo without the fleet console: {}", fleetMissing);
                } catch (Exception e) {
                    fleetMissing = e.getMessage() == null ? e.toString() : e.getMessage();
                    log.warn("demo without the fleet console: {}", fleetMissing);
                }
            }
            // Simulated printers write their output inside the demo folder, so nothing outlives the demo.
            List<DeviceSpec> devices = shipped.devices().stream().map(d -> {
                Map<String, String> options = new java.util.HashMap<>(d.options());
                options.put("outputDir", home.resolve("output").resolve(d.name()).toString());
                return new DeviceSpec(d.name(), d.deviceClass(), d.driver(), d.port(), options, d.required());
            }).toList();
            devices = DemoMedia.withClips(devices);
            timeline.reached("demo camera clips ready");
            terminal = Terminal.start(new TerminalConfig(configDir, demo, devices), catalog, secret,
                    Clock.systemDefaultZone());
            printerOutput().ifPresent(dir -> log.info("demo prints go to {}", dir));
        } catch (Exception e) {
            if (fleet != null) {
                fleet.close();
            }
            if (simulator != null) {
                simulator.close(); // the terminal did not start: nothing is left listening
            }
            FolderTree.deleteBestEffort(home, "demo folder");
            throw e;
        }
    }

    /**
     * The demo's rendered prompts outlive it (unlike its data): every demo, and every test that starts
     * one, would otherwise render them all again. Files are named by voice and text, so sharing is safe.
     */
    private static KioskConfig.Voice demoVoice(KioskConfig.Voice v) {
        return new KioskConfig.Voice(v.enabled(), v.volume(),
                Path.of(System.getProperty("java.io.tmpdir"), "tongban-demo-voice-cache").toString());
    }

    /** Maintenance PINs for the demo; cheap hashes, as these PINs are printed in the README anyway. */
    private static void writeDemoPins(Path configDir) throws IOException {
        SecureRandom r = new SecureRandom();
        Files.writeString(configDir.resolve(MaintenanceConfig.FILE), "pins:\n"
                + "  - label: demo-technician\n    role: TECHNICIAN\n    hash: \""
                + PinHash.create(TECHNICIAN_PIN, r) + "\"\n"
                + "  - label: demo-operator\n    role: OPERATOR\n    hash: \""
                + PinHash.create(OPERATOR_PIN, r) + "\"\n");
        log.info("demo maintenance PINs: technician {}, operator {} (long press the top right corner)",
                TECHNICIAN_PIN, OPERATOR_PIN);
    }

    public Terminal terminal() {
        return terminal;
    }

    /** The embedded platform simulator; there is none when the demo was pointed at a platform of its own. */
    public PlatformSimulator platform() {
        if (platform == null) {
            throw new IllegalStateException("this demo talks to a platform of its own, not the embedded simulator");
        }
        return platform;
    }

    /** The fleet server beside the kiosk, with its console: empty when not asked for or it could not start. */
    public java.util.Optional<DemoFleet> fleet() {
        return java.util.Optional.ofNullable(fleet);
    }

    /** Why the fleet asked for is not there (no PostgreSQL on this machine, say); empty when it runs or was not asked for. */
    public java.util.Optional<String> fleetMissing() {
        return java.util.Optional.ofNullable(fleetMissing);
    }

    public Path home() {
        return home;
    }

    public SimulatedIdCardReader idCardReader() {
        return terminal.devices().first(SimulatedIdCardReader.class).orElseThrow();
    }

    public SimulatedQrScanner qrScanner() {
        return terminal.devices().first(SimulatedQrScanner.class).orElseThrow();
    }

    public SimulatedDocumentScanner documentScanner() {
        return terminal.devices().first(SimulatedDocumentScanner.class).orElseThrow();
    }

    public SimulatedDocumentPrinter printer() {
        return terminal.devices().first(SimulatedDocumentPrinter.class).orElseThrow();
    }

    public java.util.Optional<Path> printerOutput() {
        return terminal.devices().first(SimulatedDocumentPrinter.class).map(SimulatedDocumentPrinter::outputDir);
    }

    /** A sample resident ID card (the check digit is right; the person is made up). */
    public static IdCard sampleCard() {
        return new IdCard(IdCard.CardType.RESIDENT_ID, "张三", null, IdCard.Sex.MALE, "01",
                LocalDate.of(1949, 12, 31), "北京市东城区景山前街4号", "11010519491231002X", "北京市公安局东城分局",
                LocalDate.of(2020, 1, 1), null, null, null, new byte[1024]);
    }

    /** The buttons of the demo strip. */
    public List<DemoControls.Action> controls() {
        List<DemoControls.Action> devices = List.of(
                new DemoControls.Action("placeCard", "demo.placeCard", () -> idCardReader().present(sampleCard())),
                new DemoControls.Action("removeCard", "demo.removeCard", () -> idCardReader().removeCard()),
                new DemoControls.Action("paperOut", "demo.paperOut", () -> printer().paperOut()),
                new DemoControls.Action("refill", "demo.refill", () -> printer().refill(500)),
                new DemoControls.Action("showLicense", "demo.showLicense", () -> qrScanner().show(DemoMedia.SAMPLE_LICENSE)),
                new DemoControls.Action("showLink", "demo.showLink", () -> qrScanner().show("https://example.com/pay?id=1")),
                new DemoControls.Action("placePage", "demo.placePage", () -> documentScanner().placeSamplePage()));
        if (platform == null) {
            return devices;
        }
        List<DemoControls.Action> all = new java.util.ArrayList<>(devices);
        all.addAll(List.of(
                new DemoControls.Action("platformDown", "demo.platformDown", platform::stop),
                new DemoControls.Action("platformUp", "demo.platformUp", () -> {
                    try {
                        platform.start();
                        terminal.sync().syncNow();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })));
        return all;
    }

    @Override
    public void close() {
        terminal.close();
        if (fleet != null) {
            fleet.close();
        }
        if (platform != null) {
            platform.close();
        }
        FolderTree.deleteBestEffort(home, "demo folder");
    }
}
