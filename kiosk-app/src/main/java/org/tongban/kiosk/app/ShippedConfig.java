package org.tongban.kiosk.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.tongban.kiosk.config.ConfigLoader;

/**
 * The default configuration packaged in the jar (a copy of {@code config/} made by the build), written out to
 * a folder so the ordinary loaders read it: for headless tools run where no configuration folder is.
 */
public record ShippedConfig(Path dir) {

    private static final String DEFAULTS = "/org/tongban/kiosk/defaults/";
    private static final List<String> FILES = List.of(ConfigLoader.KIOSK_FILE, ConfigLoader.DEVICES_FILE,
            Terminal.CATALOG_FILE);

    /** Writes the shipped files into {@code dir} (replacing what is there). */
    public static ShippedConfig extract(Path dir) throws IOException {
        for (String name : FILES) {
            Path target = dir.resolve(name);
            Files.createDirectories(target.getParent());
            try (InputStream in = ShippedConfig.class.getResourceAsStream(DEFAULTS + name)) {
                if (in == null) {
                    throw new IOException("the build did not package the default " + name);
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return new ShippedConfig(dir);
    }
}
