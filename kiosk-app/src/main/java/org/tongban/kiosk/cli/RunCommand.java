package org.tongban.kiosk.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.tongban.devices.simulation.Simulators;
import org.tongban.kiosk.app.ServiceNotifier;
import org.tongban.kiosk.app.ShellLauncher;
import org.tongban.kiosk.app.StartTimeline;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.config.ConfigProblem;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.config.TerminalConfig;
import org.tongban.kiosk.outbox.OutboxException;
import org.tongban.kiosk.platform.TerminalSecret;
import org.tongban.kiosk.update.HealthConfirmation;
import org.tongban.kiosk.update.SlotLauncher;
import org.tongban.kiosk.update.Updates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./kiosk run}: production start from a configuration folder. Refuses to start on a bad one. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the kiosk from a configuration folder (production).")
final class RunCommand extends Subcommand {

    /** --config, and the flags that override kiosk.yaml for this run (--platform, --secret-file, ...). */
    @Mixin
    TerminalOptions options;

    @Option(names = "--windowed", description = "a desktop window instead of the full screen")
    boolean windowed;

    @Override
    public Integer call() throws Exception {
        TerminalConfig tc;
        Path catalogDir;
        StartTimeline timeline = new StartTimeline();
        try {
            Path config = options.config;
            TerminalConfig loaded = new ConfigLoader(Terminal.drivers()).load(config);
            tc = new TerminalConfig(loaded.dir(), options.apply(loaded.kiosk()), loaded.devices());
            // releases from the update channel, once installed, replace the shipped configuration and catalog
            Updates installed = new Updates(Path.of(tc.kiosk().dataDir()));
            Optional<Path> releasedConfig = installed.configDir();
            if (releasedConfig.isPresent()) {
                tc = released(new ConfigLoader(Terminal.drivers()).load(releasedConfig.get()), tc);
            }
            catalogDir = installed.catalogDir().orElse(config.resolve(Terminal.CATALOG_DIR));
            timeline.reached("configuration loaded");
            refuseSimulatedInProduction(tc);
        } catch (ConfigException e) {
            return refused(e);
        }
        byte[] secret;
        Path secretFile = Path.of(tc.kiosk().platform().secretFile());
        try {
            secret = new TerminalSecret(secretFile).readPrivate();
        } catch (IOException e) {
            err().println("kiosk: not starting, cannot read the terminal secret " + secretFile + ": " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        if (secret.length < 16) {
            err().println("kiosk: not starting, the terminal secret " + secretFile + " is shorter than 16 bytes");
            return ExitCode.BAD_INPUT;
        }
        // As soon as the configuration and the secret are known good (a refused start leaves JavaFX alone): the
        // toolkit and the shell's look come up while the catalog and the terminal's parts load here.
        ShellLauncher.Toolkit toolkit = ShellLauncher.Toolkit.startInBackground();
        Catalog catalog;
        try {
            catalog = new CatalogLoader().load(catalogDir);
            timeline.reached("catalog loaded");
        } catch (ConfigException e) {
            return refused(e);
        }
        AtomicBoolean restart = new AtomicBoolean();
        ServiceNotifier systemd = new ServiceNotifier(System.getenv());
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchdog");
            t.setDaemon(true);
            return t;
        });
        try (Terminal terminal = Terminal.start(tc, catalog, secret, Clock.systemDefaultZone())) {
            terminal.onRestartNeeded(() -> {
                restart.set(true);
                ShellLauncher.closeShell();
            });
            ShellLauncher.show(toolkit, terminal, new ShellLauncher.Options(windowed, null, null), null,
                    () -> {
                        confirmHealth(terminal);
                        systemd.ready();
                        feedWatchdog(systemd, watchdog);
                    });
        } finally {
            watchdog.shutdownNow();
        }
        return restart.get() ? SlotLauncher.RESTART_EXIT_CODE : 0;
    }

    private int refused(ConfigException e) {
        err().println("kiosk: not starting, the configuration has problems:");
        e.problems().forEach(p -> err().println("  " + p));
        return ExitCode.BAD_INPUT;
    }

    /**
     * A configuration release with this terminal's own identity: its id and profile, data folder, secret, client
     * certificate and outbox key stay those of the local configuration (one release serves many terminals). A release without
     * an update section keeps the local one, so no release can cut a terminal off its channel.
     */
    static TerminalConfig released(TerminalConfig release, TerminalConfig local) {
        KioskConfig r = release.kiosk();
        KioskConfig l = local.kiosk();
        // The platform and the CA vouching for it are the release's; the client certificate is this terminal's own.
        KioskConfig.Platform p = new KioskConfig.Platform(r.platform().url(), l.platform().secretFile(),
                r.platform().timeoutSeconds(), r.platform().syncIntervalSeconds(), r.platform().caBundle(),
                l.platform().clientCertificate(), l.platform().clientKey(), r.platform().tls());
        return new TerminalConfig(release.dir(), new KioskConfig(l.terminal(), r.locale(), r.idle(), l.dataDir(), p,
                r.screen(), new KioskConfig.Outbox(l.outboxOrDefaults().keyFile(), r.outboxOrDefaults().retentionDays()),
                r.update() != null ? r.update() : l.update(), r.voice(), l.fleet()), release.devices(), local.dir());
    }

    /**
     * The terminal's mode is its own (a release keeps the local one), so a release that says "demo" cannot
     * bring simulated devices to a production terminal.
     */
    static void refuseSimulatedInProduction(TerminalConfig tc) throws ConfigException {
        if (tc.kiosk().terminal().demo()) {
            return;
        }
        List<ConfigProblem> problems = tc.devices().stream()
                .filter(d -> Simulators.DRIVER.equals(d.driver()))
                .map(d -> new ConfigProblem(tc.dir().resolve(ConfigLoader.DEVICES_FILE), 0, "device '" + d.name()
                        + "' is simulated, which a production terminal refuses (terminal.mode in "
                        + tc.localDir().resolve(ConfigLoader.KIOSK_FILE) + ")"))
                .toList();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Tells the launcher this release is healthy: shell up (we are called once it shows), devices, database. */
    private static void confirmHealth(Terminal terminal) {
        String database = null;
        try {
            terminal.outbox().status();
        } catch (OutboxException e) {
            database = e.getMessage();
        }
        HealthConfirmation.fromEnvironment().confirm(terminal.devices().missingRequired(), database,
                KioskCommand.Version.version(), Clock.systemUTC().instant());
    }

    /** Feeds systemd's watchdog only while the JavaFX thread answers, so a hung screen gets the kiosk restarted. */
    private static void feedWatchdog(ServiceNotifier systemd, ScheduledExecutorService watchdog) {
        long period = systemd.watchdogPeriodMillis();
        if (period <= 0) {
            return;
        }
        AtomicLong lastAnswer = new AtomicLong(System.nanoTime());
        watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastAnswer.get() < TimeUnit.MILLISECONDS.toNanos(period * 2)) {
                systemd.watchdog();
            }
            javafx.application.Platform.runLater(() -> lastAnswer.set(System.nanoTime()));
        }, period, period, TimeUnit.MILLISECONDS);
    }
}
