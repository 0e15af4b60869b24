package org.tongban.kiosk.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import org.tongban.kiosk.accessibility.Rules;
import org.tongban.kiosk.accessibility.Verdict;
import org.tongban.kiosk.app.AccessibilityAudit;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.app.ScreenPictures;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.i18n.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./kiosk accessibility ...}: the measured accessibility rules of the citizen's screens. */
@Command(name = "accessibility", description = "Check the citizen's screens against the accessibility rules.",
        subcommands = {AccessibilityCommand.Audit.class, AccessibilityCommand.Screens.class})
final class AccessibilityCommand extends CommandGroup {

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = "Render every citizen screen headless in every mode (normal, elderly, high contrast, both), "
                    + "language and orientation (landscape, portrait) over a demo terminal, and report per screen "
                    + "the lowest text contrast, the smallest touch target and gap (mm), clipped text and controls "
                    + "without accessible text. Exit code 1 when a rule is broken.")
    static final class Audit extends Subcommand {

        @Option(names = "--json", description = "the verdicts as JSON")
        boolean json;

        @Option(names = "--out", paramLabel = "DIR", description = "write a PNG screenshot of each rendering here")
        Path out;

        @Option(names = "--config", paramLabel = "DIR",
                description = "measure on this terminal's panel (kiosk.yaml's screen); default: the shipped 21.5\" 1920x1080")
        Path config;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = out();
            KioskConfig.Screen screen = null;
            if (config != null) {
                try {
                    screen = new ConfigLoader(Terminal.drivers()).load(config).kiosk().screen();
                } catch (ConfigException e) {
                    e.problems().forEach(err()::println);
                    err().println("accessibility: the configuration has problems; fix them first (./kiosk config validate)");
                    return ExitCode.BAD_INPUT;
                }
            }
            startHeadless();
            List<Verdict> verdicts;
            // Idle times longer than the audit: the idle warning is rendered on purpose, never by surprise.
            try (Demo demo = new Demo(0, Duration.ofMinutes(10), Duration.ofSeconds(30))) {
                AccessibilityAudit audit = new AccessibilityAudit(demo,
                        screen == null ? demo.terminal().config().kiosk().screen() : screen, Rules.KIOSK, Messages.LOCALES);
                verdicts = audit.run(out == null ? null : this.out, v -> {
                    if (!json) {
                        print(out, v);
                    }
                });
            } finally {
                Platform.exit();
            }
            long failed = verdicts.stream().filter(v -> !v.passes()).count();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("ok", failed == 0);
                doc.put("rules", Rules.KIOSK);
                doc.put("verdicts", verdicts);
                printJson(doc);
            } else {
                out.printf("accessibility: %d renderings, %d break a rule%s%n", verdicts.size(), failed,
                        this.out == null ? "" : "; screenshots in " + this.out);
            }
            out.flush();
            return failed == 0 ? ExitCode.OK : ExitCode.FAILED;
        }

        private static void print(PrintWriter out, Verdict v) {
            out.printf("%-4s %-58s contrast %6s  target %6s mm  gap %6s mm%n", v.passes() ? "ok" : "FAIL", v.shot(),
                    v.lowestContrast() == null ? "-" : String.format("%.2f", v.lowestContrast()),
                    v.smallestTargetMm() == null ? "-" : String.format("%.1f", v.smallestTargetMm()),
                    v.smallestGapMm() == null ? "-" : String.format("%.1f", v.smallestGapMm()));
            v.problems().forEach(p -> out.println("       " + p));
            out.flush();
        }

        /**
         * JavaFX on no display at all: Monocle's headless glass with the software renderer. A technician runs
         * the audit over SSH or in CI where there is no X server, and the audit must render exactly what the
         * panel would (the same CSS, fonts and layout), so it uses the real JavaFX pipeline rather than an
         * imitation. Monocle is therefore a runtime dependency, but only this command selects it: the kiosk
         * itself keeps the platform's own glass (GTK on the terminal's X session).
         */
        static void startHeadless() throws InterruptedException {
            System.setProperty("java.awt.headless", "true");
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
            System.setProperty("headless.geometry", "1920x1920-32");
            CountDownLatch started = new CountDownLatch(1);
            Platform.setImplicitExit(false);
            Platform.startup(started::countDown);
            started.await();
        }
    }

    @Command(name = "screens", mixinStandardHelpOptions = true,
            description = "Write the documentation's pictures of every citizen screen (standard and elderly, Chinese and "
                    + "English, landscape and portrait; half size, 256 colours) and their README.md into DIR, rendered "
                    + "headless over a demo terminal as the audit does. Exit code 1 when a screen breaks a rule.")
    static final class Screens extends Subcommand {

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "the folder, e.g. docs/screens")
        Path out;

        @Override
        public Integer call() throws Exception {
            Audit.startHeadless();
            List<Verdict> verdicts;
            try (Demo demo = new Demo(0, Duration.ofMinutes(10), Duration.ofSeconds(30))) {
                ScreenPictures pictures = new ScreenPictures(out);
                verdicts = new AccessibilityAudit(demo).run(null, pictures, v -> { });
            } finally {
                Platform.exit();
            }
            long failed = verdicts.stream().filter(v -> !v.passes()).count();
            out().printf("accessibility: the citizen screens written to %s (%d renderings, %d break a rule)%n", out,
                    verdicts.size(), failed);
            out().flush();
            return failed == 0 ? ExitCode.OK : ExitCode.FAILED;
        }
    }
}
