package org.tongban.kiosk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.tongban.kiosk.app.ShellLauncher;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.config.TerminalConfig;
import org.tongban.kiosk.platform.TerminalSecret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./kiosk run}: production start from a configuration folder. Refuses to start on a bad one. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the kiosk from a configuration folder (production).")
final class RunCommand implements Callable<Integer> {

    /** --config, and the flags that override kiosk.yaml for this run (--platform, --secret-file, ...). */
    @Mixin
    TerminalOptions options;

    @Option(names = "--windowed", description = "a desktop window instead of the full screen")
    boolean windowed;

    @Override
    public Integer call() throws Exception {
        TerminalConfig tc;
        Catalog catalog;
        try {
            Path config = options.config;
            TerminalConfig loaded = new ConfigLoader(Terminal.drivers()).load(config);
            tc = new TerminalConfig(loaded.dir(), options.apply(loaded.kiosk()), loaded.devices());
            catalog = new CatalogLoader().load(config.resolve(Terminal.CATALOG_DIR));
        } catch (ConfigException e) {
            System.err.println("kiosk: not starting, the configuration has problems:");
            e.problems().forEach(p -> System.err.println("  " + p));
            return 2;
        }
        byte[] secret;
        Path secretFile = Path.of(tc.kiosk().platform().secretFile());
        try {
            secret = new TerminalSecret(secretFile).read();
        } catch (IOException e) {
            System.err.println("kiosk: not starting, cannot read the terminal secret " + secretFile + ": " + e.getMessage());
            return 2;
        }
        if (secret.length < 16) {
            System.err.println("kiosk: not starting, the terminal secret " + secretFile + " is shorter than 16 bytes");
            return 2;
        }
        try (Terminal terminal = Terminal.start(tc, catalog, secret, Clock.systemDefaultZone())) {
            ShellLauncher.show(terminal, new ShellLauncher.Options(windowed, null, null), null);
        }
        return 0;
    }
}
