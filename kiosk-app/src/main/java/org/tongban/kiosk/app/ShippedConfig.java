package org.tongban.kiosk.app;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The default configuration packaged in the jar (a copy of {@code config/} made by the build), written out to
 * a folder so the ordinary loaders read it: for the demo and for headless tools run where no configuration is.
 */
public record ShippedConfig(Path dir) {

    private static final String DEFAULTS = "/org/tongban/kiosk/defaults/";

    /** Writes the shipped files, catalog items included, into {@code dir} (replacing what is there). */
    public static ShippedConfig extract(Path dir) throws IOException {
        URL url = ShippedConfig.class.getResource(DEFAULTS);
        if (url == null) {
            throw new IOException("the build did not package the default configuration");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    copyTree(jar.getPath(DEFAULTS), dir);
                }
            } else { // run from the build's classes folder
                copyTree(Path.of(uri), dir);
            }
        } catch (URISyntaxException e) {
            throw new IOException("bad location of the default configuration: " + url, e);
        }
        return new ShippedConfig(dir);
    }

    /** Copies a configuration folder (or the packaged one) into {@code to}; answers {@code to}. */
    static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
