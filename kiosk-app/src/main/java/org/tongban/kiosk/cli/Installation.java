package org.tongban.kiosk.cli;

import java.nio.file.Path;
import org.tongban.kiosk.app.Terminal;

/**
 * Where the shipped defaults live. A path the user types is resolved against the working directory, as any
 * command line does; only the defaults ({@code config/} and its catalog) come from the installation: the
 * launcher names its root in {@value #HOME_PROPERTY} (the checkout, for {@code ./kiosk}), or the configuration
 * folder itself in {@value #CONFIG_PROPERTY} (the package's {@code /etc/tongban}).
 * Without either (tests, an IDE) the defaults are relative to the working directory.
 *
 * @param config the default configuration folder
 */
record Installation(Path config) {

    static final String HOME_PROPERTY = "tongban.home";
    static final String CONFIG_PROPERTY = "tongban.config";

    /** The installation this process was started from, by the launcher's system properties. */
    static Installation current() {
        String config = System.getProperty(CONFIG_PROPERTY);
        if (config != null) {
            return new Installation(Path.of(config));
        }
        return new Installation(Path.of(System.getProperty(HOME_PROPERTY, "")).resolve("config"));
    }

    /** The default configuration folder of this process. */
    static Path defaultConfig() {
        return current().config();
    }

    /** The catalog inside the default configuration. */
    Path catalog() {
        return config.resolve(Terminal.CATALOG_DIR);
    }
}
