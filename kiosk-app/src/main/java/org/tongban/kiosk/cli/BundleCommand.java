package org.tongban.kiosk.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.update.BundleBuilder;
import org.tongban.kiosk.update.Manifest;
import org.tongban.kiosk.update.OperatorKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./kiosk bundle ...}: the operator's tools for the update channel (see docs/updates.md). */
@Command(name = "bundle", description = "Build and sign releases for the update channel (operators).",
        subcommands = {BundleCommand.Keygen.class, BundleCommand.Build.class})
final class BundleCommand extends CommandGroup {

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "A new SM2 operator key: DIR/operator.key (PKCS#8 PEM, mode 600) and DIR/operator.pub.")
    static final class Keygen extends Subcommand {

        @Option(names = "--out", required = true, paramLabel = "DIR")
        Path out;

        @Override
        public Integer call() {
            try {
                new OperatorKeys().generate(out, new SecureRandom());
            } catch (FileAlreadyExistsException e) {
                err().println("bundle keygen: " + e.getFile() + " exists; not overwriting a key");
                return ExitCode.FAILED;
            } catch (IOException e) {
                err().println("bundle keygen: " + e.getMessage());
                return ExitCode.FAILED;
            }
            out().println("operator key written: " + out.resolve(OperatorKeys.PRIVATE_FILE)
                    + " (keep it secret), public key: " + out.resolve(OperatorKeys.PUBLIC_FILE));
            return ExitCode.OK;
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "A complete channel in OUTDIR: artifacts, manifest.json and manifest.json.sig. "
                    + "The configuration and catalog are validated first (FILE:LINE: what is wrong; exit 1).")
    static final class Build extends Subcommand {

        @Option(names = "--channel", required = true, paramLabel = "OUTDIR") Path channel;
        @Option(names = "--version", required = true, paramLabel = "V") String version;
        @Option(names = "--sequence", required = true, paramLabel = "N",
                description = "strictly increasing per channel") long sequence;
        @Option(names = "--key", required = true, paramLabel = "KEY", description = "operator.key") Path key;
        @Option(names = "--config", paramLabel = "DIR", description = "kiosk.yaml and devices.yaml") Path config;
        @Option(names = "--catalog", paramLabel = "DIR", description = "catalog.yaml and items/") Path catalog;
        @Option(names = "--app", paramLabel = "PATH",
                description = "a zip with kiosk-app.jar and lib/, or a folder with them") Path app;
        @Option(names = "--rollout", paramLabel = "PERCENT", defaultValue = "100") int rollout;
        @Option(names = "--expires-in-days", paramLabel = "D", defaultValue = "30") int expiresInDays;
        @Option(names = "--notes", paramLabel = "TEXT", description = "what changed, for operators") String notes;

        @Override
        public Integer call() {
            Manifest m;
            try {
                m = new BundleBuilder(Terminal.drivers(), Clock.systemUTC(), new SecureRandom()).build(
                        new BundleBuilder.Request(channel, version, sequence, key, config, catalog, app, rollout,
                                expiresInDays, notes));
            } catch (ConfigException e) {
                e.problems().forEach(err()::println);
                err().println("bundle build: refused, " + e.problems().size() + " problem(s); nothing written to the manifest");
                return ExitCode.FAILED;
            } catch (IOException | IllegalArgumentException e) {
                err().println("bundle build: " + e.getMessage());
                return ExitCode.FAILED;
            }
            out().printf("channel %s: release %s, sequence %d, rollout %d%%, expires %s, %d artifact(s)%n",
                    channel, m.version(), m.sequence(), m.rollout().percent(), m.expiresAt(), m.artifacts().size());
            return ExitCode.OK;
        }
    }
}
