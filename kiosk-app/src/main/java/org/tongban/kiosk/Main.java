package org.tongban.kiosk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.cli.KioskCommand;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigLoader;
import picocli.CommandLine;

/** Entry point of {@code ./kiosk}: hands the command line to picocli. */
public final class Main {

    /**
     * The commands that write into the data folder their {@code --config} names; the others given a configuration
     * only read it (catalog list, config validate, voice cache ...), wherever its data folder is.
     */
    private static final Set<String> WRITE_THROUGH_CONFIG = Set.of("run", "doctor", "launch");

    private Main() {
    }

    public static void main(String[] args) {
        Optional<String> refused = rootInAnotherUsersDataFolder(List.of(args), System.getProperty("user.name"));
        if (refused.isPresent()) {
            System.err.println(refused.get());
            System.exit(2);
        }
        System.exit(KioskCommand.commandLine().execute(args));
    }

    /**
     * A command run as root in the kiosk's data folder would leave root-owned files there (a new database
     * journal, a journal file, an installed release) that the kiosk then cannot read or replace; it is refused,
     * with the command to run instead. The data folder is the one given with {@code --data-dir}, or the
     * {@code dataDir} of the configuration given with {@code --config}.
     */
    static Optional<String> rootInAnotherUsersDataFolder(List<String> args, String user) {
        if (!"root".equals(user)) {
            return Optional.empty();
        }
        Optional<Path> data = option(args, "--data-dir").map(Path::of);
        if (data.isEmpty() && !args.isEmpty() && WRITE_THROUGH_CONFIG.contains(args.get(0))) {
            data = option(args, "--config").flatMap(Main::configuredDataDir);
        }
        if (data.isEmpty() || !Files.isDirectory(data.get())) {
            return Optional.empty();
        }
        try {
            String owner = Files.getOwner(data.get()).getName();
            if (owner.equals(user)) {
                return Optional.empty();
            }
            return Optional.of("tongban: not run as root in " + data.get() + ", the data folder of '" + owner
                    + "' (files made now would be root's, which the kiosk cannot use); run it as its owner: "
                    + "sudo -u " + owner + " tongban " + String.join(" ", args));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(name) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
            if (args.get(i).startsWith(name + "=")) {
                return Optional.of(args.get(i).substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> configuredDataDir(String configDir) {
        try {
            return Optional.of(Path.of(new ConfigLoader(Terminal.drivers()).load(Path.of(configDir)).kiosk().dataDir()));
        } catch (ConfigException | RuntimeException e) {
            return Optional.empty(); // the command itself reports a bad configuration
        }
    }
}
