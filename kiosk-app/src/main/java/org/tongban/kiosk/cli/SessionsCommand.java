package org.tongban.kiosk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.tongban.kiosk.app.BurnIn;
import org.tongban.kiosk.app.SampleCards;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.config.TerminalConfig;
import org.tongban.kiosk.files.FolderTree;
import org.tongban.kiosk.outbox.OutboxException;
import org.tongban.kiosk.outbox.OutboxStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./kiosk sessions ...}: citizen sessions without a screen. */
@Command(name = "sessions", description = "Citizen sessions without a screen (burn-in of a new terminal).",
        subcommands = {SessionsCommand.Simulate.class})
final class SessionsCommand extends CommandGroup {

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "Run N complete citizen sessions headless through the real flows with simulated devices; "
                    + "each leaves its SUBMISSION and EVALUATION in the outbox of the data folder while the sync "
                    + "worker delivers to the platform. Exit 0 when all N finished.")
    static final class Simulate extends Subcommand {

        @Option(names = "--count", paramLabel = "N", required = true, description = "sessions to run")
        int count;

        @Option(names = "--item", paramLabel = "CODE", description = "service item (default: ${DEFAULT-VALUE})")
        String item = "EMP-REG-UNEMP";

        @Option(names = "--seed", paramLabel = "N", description = "seed of the sample cards (default: random)")
        Long seed;

        @Mixin
        TerminalOptions options;

        @Override
        public Integer call() throws Exception {
            if (count < 1) {
                err().println("sessions: --count must be at least 1");
                return ExitCode.BAD_INPUT;
            }
            Path scratch = Files.createTempDirectory("tongban-burn-in-");
            int finished = 0;
            try (TerminalOptions.Base base = options.base()) {
                TerminalConfig shipped = base.config();
                KioskConfig k = options.apply(shipped.kiosk());
                Catalog catalog = new CatalogLoader().load(shipped.dir().resolve(Terminal.CATALOG_DIR));
                if (catalog.item(item).isEmpty()) {
                    err().println("sessions: the catalog has no item " + item);
                    return ExitCode.BAD_INPUT;
                }
                byte[] secret;
                try {
                    secret = TerminalOptions.secret(k);
                } catch (IOException e) {
                    err().println("sessions: cannot read the terminal secret: " + e.getMessage());
                    return ExitCode.BAD_INPUT;
                }
                TerminalConfig config = new TerminalConfig(shipped.dir(), k,
                        BurnIn.simulated(shipped.devices(), scratch.resolve("output")));
                long cardSeed = seed == null ? System.nanoTime() : seed;
                out().printf("sessions: %d session(s) of %s on terminal %s, data in %s, platform %s, card seed %d%n",
                        count, item, k.terminal().id(), k.dataDir(), k.platform().url(), cardSeed);
                out().flush();
                try (Terminal terminal = Terminal.start(config, catalog, secret, Clock.systemDefaultZone())) {
                    BurnIn burnIn = new BurnIn(terminal, new SampleCards(cardSeed), Duration.ofSeconds(60));
                    for (int i = 1; i <= count; i++) {
                        BurnIn.Outcome outcome = burnIn.session(item);
                        if (!outcome.finished()) {
                            err().printf("sessions: session %d of %d did not finish: %s%n", i, count, outcome.detail());
                            terminal.outbox().storageProblem().ifPresent(p -> err().println("sessions: storage: "
                                    + p.message()));
                            break;
                        }
                        finished++;
                        out().printf("session %d/%d finished%n", i, count);
                        out().flush();
                    }
                    OutboxStatus s = terminal.outbox().status();
                    out().printf("sessions: %d of %d finished; outbox: %d pending, %d delivered, %d rejected%n",
                            finished, count, s.pending(), s.delivered(), s.rejected());
                }
            } catch (OutboxException e) {
                err().println("sessions: the outbox cannot be used: " + e.getMessage());
                return ExitCode.FAILED;
            } finally { // configuration problems go on to OneLineErrors: one line each, exit 2
                FolderTree.deleteBestEffort(scratch, "simulated print output");
            }
            return finished == count ? ExitCode.OK : ExitCode.FAILED;
        }
    }
}
