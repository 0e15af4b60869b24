package org.tongban.kiosk.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.config.ConfigProblem;
import org.tongban.kiosk.config.TerminalConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./kiosk config ...}: configuration tools for technicians. */
@Command(name = "config", description = "Check the terminal's configuration.",
        subcommands = {ConfigCommand.Validate.class})
final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check every configuration file; each problem is printed as FILE:LINE: what is wrong. "
                    + "Exit code 1 when there is any problem.")
    static final class Validate implements Callable<Integer> {

        @Parameters(arity = "0..1", paramLabel = "DIR", description = "configuration folder "
                + "(default: the installation's config/)")
        Path dir = Installation.defaultConfig();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
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
            try {
                catalog = new CatalogLoader().load(dir.resolve(Terminal.CATALOG_DIR));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println(p));
                err.println(problems.size() + " problem(s) in " + dir);
                return 1;
            }
            out.printf("configuration OK: terminal %s (%s), %d device(s), catalog %s with %d item(s)%n",
                    config.kiosk().terminal().id(), config.kiosk().terminal().profile(), config.devices().size(),
                    catalog.version(), catalog.items().size());
            return 0;
        }
    }
}
