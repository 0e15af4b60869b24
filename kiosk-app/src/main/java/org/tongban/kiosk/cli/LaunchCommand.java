package org.tongban.kiosk.cli;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tongban.kiosk.update.SlotLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./kiosk launch}: what the systemd unit starts: the active application slot, rolled back when unhealthy. */
@Command(name = "launch", mixinStandardHelpOptions = true,
        description = "Run the active application slot (A/B) with the given command line, e.g. "
                + "`launch --data-dir /var/lib/tongban -- run --config /etc/tongban`; a release on trial that does "
                + "not confirm its health in time is rolled back by itself.")
final class LaunchCommand extends Subcommand {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "/var/lib/tongban") Path dataDir;
    @Option(names = "--health-timeout", paramLabel = "SECONDS", defaultValue = "120") int healthTimeout;
    @Parameters(paramLabel = "ARGS", description = "the application's command line") List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        // the runtime's own java: in the package that is the jlink runtime (our process is jpackage's launcher)
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        return new SlotLauncher(new SlotLauncher.Settings(dataDir, Duration.ofSeconds(healthTimeout), java,
                System.getProperty("java.class.path"), inherited(), args), Clock.systemUTC()).run();
    }

    /**
     * The launcher's own settings the children keep: its heap and collector settings (the package sets them for
     * the application, which runs in the child; the class-data archive is the launcher's choice per child), our
     * properties (log folder...) and the file name charset.
     */
    static List<String> inherited() {
        List<String> options = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx") || a.startsWith("-Xms")
                        || a.startsWith("-XX:") && !a.contains("Archive")).toList());
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(n -> n.startsWith("tongban.") || n.equals("sun.jnu.encoding"))
                .forEach(n -> options.add("-D" + n + "=" + System.getProperty(n)));
        return options;
    }
}
