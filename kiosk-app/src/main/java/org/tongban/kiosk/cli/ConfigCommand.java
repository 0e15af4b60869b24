package org.tongban.kiosk.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.config.ConfigProblem;
import org.tongban.kiosk.config.TerminalConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./kiosk config ...}: configuration tools for technicians. */
@Command(name = "config", description = "Check the terminal's configuration.",
        subcommands = {ConfigCommand.Validate.class})
final class ConfigCommand extends CommandGroup {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check every configuration file; each problem is printed as FILE:LINE: what is wrong. "
                    + "Exit code 1 when there is any problem.")
    static final class Validate extends Subcommand {

        @Parameters(arity = "0..1", paramLabel = "DIR", description = "configuration folder "
                + "(default: the installation's config/)")
        Path dir = Installation.defaultConfig();

        @Override
        public Integer call() {
            List<ConfigProblem> problems = new ArrayList<>();
            TerminalConfig config = null;
            Catalog catalog = null;
            try {
                config = new ConfigLoader(Terminal.drivers()).load(dir);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
            try {
                org.tongban.kiosk.admin.MaintenanceConfig.load(dir);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
            // the attract screen's slides: a problem is reported here; the kiosk itself starts on the built-in ones
            problems.addAll(org.tongban.kiosk.attract.Slides.validate(dir));
            try {
                catalog = new CatalogLoader().load(dir.resolve(Terminal.CATALOG_DIR));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
            if (!problems.isEmpty()) {
                problems.forEach(p -> err().println(p));
                err().println(problems.size() + " problem(s) in " + dir);
                return ExitCode.FAILED;
            }
            out().printf("configuration OK: terminal %s (%s), %d device(s), catalog %s with %d item(s)%n",
                    config.kiosk().terminal().id(), config.kiosk().terminal().profile(), config.devices().size(),
                    catalog.version(), catalog.items().size());
            return ExitCode.OK;
        }
    }
}
