package org.tongban.kiosk.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.config.TerminalConfig;
import org.tongban.kiosk.doctor.Doctor;
import org.tongban.kiosk.doctor.Finding;
import org.tongban.printing.CjkFonts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./kiosk doctor}: what is wrong with this terminal, and what to do about it. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check every configured device, the platform (reachable, signature, clock), disk space, "
                + "the data folder, the journal, fonts and the camera's files; each OK, WARN or FAIL with a hint. "
                + "Run it with the kiosk stopped (it opens the devices). Exit 0 when everything required is OK.")
final class DoctorCommand extends Subcommand {

    @Option(names = "--json", description = "the findings as JSON (check, level, detail, hint, required)")
    boolean json;

    @Mixin
    TerminalOptions options;

    @Override
    public Integer call() throws Exception {
        List<Finding> findings;
        try (TerminalOptions.Base base = options.base()) {
            KioskConfig k = options.apply(base.config().kiosk());
            TerminalConfig config = new TerminalConfig(base.config().dir(), k, base.config().devices());
            byte[] secret = null;
            String secretProblem = null;
            try {
                secret = TerminalOptions.secret(k);
            } catch (IOException e) {
                secretProblem = e.getMessage();
            }
            findings = new Doctor(Doctor.standardChecks(config, secret, secretProblem, Terminal.drivers(Path.of(k.dataDir())),
                    CjkFonts.debianDefaults(), Clock.systemUTC(), KioskCommand.Version.version())).run();
        } catch (ConfigException e) {
            e.problems().forEach(err()::println);
            err().println("doctor: the configuration has problems; fix them first (./kiosk config validate)");
            return ExitCode.FAILED;
        }
        boolean healthy = Doctor.healthy(findings);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("ok", healthy);
            doc.put("findings", findings);
            printJson(doc);
        } else {
            for (Finding f : findings) {
                out().printf("%-4s  %-20s %s%n", f.level(), f.check(), f.detail());
                if (!f.hint().isEmpty()) {
                    out().printf("      %-20s -> %s%n", "", f.hint());
                }
            }
            out().println(healthy ? "doctor: ready for service" : "doctor: NOT ready for service (see FAIL above)");
        }
        return healthy ? ExitCode.OK : ExitCode.FAILED;
    }
}
