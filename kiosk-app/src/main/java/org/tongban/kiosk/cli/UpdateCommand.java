package org.tongban.kiosk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.update.AppSlots;
import org.tongban.kiosk.update.ChannelClient;
import org.tongban.kiosk.update.OperatorKeys;
import org.tongban.kiosk.update.UpdateRefused;
import org.tongban.kiosk.update.UpdateState;
import org.tongban.kiosk.update.Updater;
import org.tongban.kiosk.update.Updates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./kiosk update ...}: a terminal's side of the channel by hand. Exit codes: 0 done (or nothing to
 * do), 1 refused (the reason is printed), 2 a local problem (flags, configuration, keys), 4 the channel
 * could not be reached.
 */
@Command(name = "update", description = "Check, apply, inspect or roll back updates from the signed channel.",
        subcommands = {UpdateCommand.Check.class, UpdateCommand.Apply.class, UpdateCommand.Status.class,
                UpdateCommand.Rollback.class})
final class UpdateCommand extends CommandGroup {

    static ObjectMapper json() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The flags shared by check and apply. */
    static final class ChannelOptions {
        static final Path INSTALLED_CONFIG = Path.of("/etc/tongban");

        @Option(names = "--channel", required = true, paramLabel = "URL") URI channel;
        @Option(names = "--trust", required = true, paramLabel = "PUBKEY",
                description = "an operator public key (PEM); repeat while keys are rotated") List<Path> trust;
        @Option(names = "--json", description = "machine-readable output") boolean json;

        /** --config, --terminal-id and --data-dir (the terminal id decides the rollout). */
        @Mixin
        TerminalOptions terminal;

        Updater updater() throws IOException, ConfigException {
            // on an installed terminal the configuration is in /etc/tongban
            if (!terminal.hasConfig() && java.nio.file.Files.isRegularFile(INSTALLED_CONFIG.resolve("kiosk.yaml"))) {
                terminal.config = INSTALLED_CONFIG;
            }
            if (!terminal.hasConfig() && terminal.terminalId == null) {
                throw new IOException("the rollout depends on the terminal: give --terminal-id ID or --config DIR");
            }
            String terminalId;
            Path dataDir;
            try (TerminalOptions.Base b = terminal.base()) {
                var k = terminal.apply(b.config().kiosk());
                terminalId = k.terminal().id();
                dataDir = Path.of(k.dataDir());
            }
            return new Updater(new Updater.Settings(new ChannelClient(channel, Duration.ofSeconds(30)),
                    new OperatorKeys().readTrusted(trust), dataDir, terminalId, Terminal.drivers()),
                    Clock.systemUTC());
        }
    }

    abstract static class ChannelCommand extends Subcommand {
        @Mixin
        ChannelOptions options;
        @Override
        public Integer call() throws Exception {
            Updater updater;
            try {
                updater = options.updater();
            } catch (IOException | ConfigException e) {
                err().println("update: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
            Map<String, Object> report = new LinkedHashMap<>();
            try {
                Updater.Offer offer = updater.check();
                report.put("version", offer.manifest().version());
                report.put("sequence", offer.manifest().sequence());
                report.put("installedSequence", offer.installedSequence());
                report.put("newer", offer.newer());
                report.put("inRollout", offer.inRollout());
                report.put("expiresAt", offer.manifest().expiresAt());
                report.put("artifacts", offer.manifest().artifacts());
                act(updater, offer, report);
            } catch (UpdateRefused r) {
                report.put("refused", r.reason().name());
                report.put("reason", r.getMessage());
                print(out(), err(), report, "update: refused: " + r.getMessage());
                return r.reason() == UpdateRefused.Reason.CHANNEL_UNAVAILABLE ? ExitCode.CHANNEL_UNREACHABLE : ExitCode.FAILED;
            }
            print(out(), err(), report, null);
            return ExitCode.OK;
        }

        abstract void act(Updater updater, Updater.Offer offer, Map<String, Object> report) throws UpdateRefused;

        private void print(PrintWriter out, PrintWriter err, Map<String, Object> report, String refusal) throws IOException {
            if (options.json) {
                out.println(json().writeValueAsString(report));
            } else if (refusal != null) {
                err.println(refusal);
            } else {
                report.forEach((k, v) -> out.println(k + ": " + v));
            }
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "What the channel offers and whether this terminal is in the rollout; a refused manifest "
                    + "exits non-zero with the reason.")
    static final class Check extends ChannelCommand {
        @Override
        void act(Updater updater, Updater.Offer offer, Map<String, Object> report) {
            report.put("action", !offer.newer() ? "up to date" : offer.inRollout() ? "would install"
                    : "not in the rollout");
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Download (resuming), verify and install what the channel offers this terminal. An "
                    + "application release is taken at the next start by the launcher.")
    static final class Apply extends ChannelCommand {
        @Override
        void act(Updater updater, Updater.Offer offer, Map<String, Object> report) throws UpdateRefused {
            if (!offer.wanted()) {
                report.put("action", offer.newer() ? "not in the rollout: nothing installed" : "up to date");
                return;
            }
            Updater.Installed done = updater.install(updater.download(offer));
            report.put("action", "installed");
            report.put("restartNeeded", done.app());
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "What is installed from the channel.")
    static final class Status extends Subcommand {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "/var/lib/tongban") Path dataDir;
        @Option(names = "--json") boolean json;
        @Override
        public Integer call() throws IOException {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("installed", UpdateState.read(dataDir));
            report.put("app", new AppSlots(dataDir).state());
            if (json) {
                out().println(json().writeValueAsString(report));
            } else {
                UpdateState s = UpdateState.read(dataDir);
                AppSlots.State a = new AppSlots(dataDir).state();
                out().printf("installed: %s (sequence %d) at %s%n", s.version() == null ? "nothing from the channel"
                        : s.version(), s.sequence(), s.installedAt());
                out().printf("application: %s%s%n", a.active() == null ? "packaged" : "slot " + a.active() + " "
                        + a.activeVersion(), a.trial() ? " (on trial)" : "");
                if (a.lastRollback() != null) {
                    out().printf("last rollback: %s at %s: %s%n", a.lastRollback().version(), a.lastRollback().at(),
                            a.lastRollback().reason());
                }
                if (s.lastRefusal() != null) {
                    out().printf("last refusal: %s at %s: %s%n", s.lastRefusal().reason(), s.lastRefusal().at(),
                            s.lastRefusal().detail());
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Go back to the previous application slot, configuration and catalog. The sequence guard "
                    + "stays: the channel's newer release is not taken again.")
    static final class Rollback extends Subcommand {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "/var/lib/tongban") Path dataDir;
        @Override
        public Integer call() throws IOException {
            List<String> done = new Updates(dataDir).rollBack("rolled back by an operator", Clock.systemUTC().instant());
            if (done.isEmpty()) {
                err().println("update rollback: nothing to roll back to");
                return ExitCode.FAILED;
            }
            out().println("rolled back: " + String.join(", ", done)
                    + (done.contains("application") ? " (takes effect at the next start)" : ""));
            return ExitCode.OK;
        }
    }
}
