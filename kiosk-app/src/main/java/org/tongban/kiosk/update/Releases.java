package org.tongban.kiosk.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.tongban.kiosk.files.FolderTree;

/**
 * Configuration and catalog releases on disk: each unpacked into {@code DATA/KIND/releases/SEQUENCE}, served
 * through the symbolic link {@code DATA/KIND/current}, which is replaced in one rename (a reader sees the old
 * folder or the new one, never a mix). {@code previous} points at what {@code current} pointed at before.
 */
public final class Releases {

    public static final String CONFIG = "config";
    public static final String CATALOG = "catalog";

    private final Path root;

    /** @param kind {@link #CONFIG} or {@link #CATALOG} */
    public Releases(Path dataDir, String kind) {
        this.root = dataDir.resolve(kind);
    }

    /** The folder served now, if a release was ever installed. */
    public Optional<Path> current() {
        Path c = root.resolve("current");
        return Files.isDirectory(c) ? Optional.of(c) : Optional.empty();
    }

    /** Unpacks a release next to the served ones, without serving it yet. */
    Path unpack(Path zip, long sequence) throws IOException {
        Path dir = root.resolve("releases").resolve(Long.toString(sequence));
        FolderTree.delete(dir);
        Zips.unzip(zip, dir);
        return dir;
    }

    /** Serves {@code dir} from now on. */
    void switchTo(Path dir) throws IOException {
        Path current = root.resolve("current");
        Optional<Path> before = Files.isSymbolicLink(current) ? Optional.of(Files.readSymbolicLink(current))
                : Optional.empty();
        // relative links: the data folder can be moved or mounted elsewhere
        link(root.relativize(dir), "current");
        if (before.isPresent()) {
            link(before.get(), "previous");
        }
    }

    /** Serves the previous release again; false when there is none. */
    boolean rollBack() throws IOException {
        Path previous = root.resolve("previous");
        if (!Files.isSymbolicLink(previous)) {
            return false;
        }
        Path target = Files.readSymbolicLink(previous);
        Path current = Files.readSymbolicLink(root.resolve("current"));
        link(target, "current");
        link(current, "previous");
        return true;
    }

    private void link(Path target, String name) throws IOException {
        Path tmp = root.resolve(name + ".new");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, target);
        Files.move(tmp, root.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    boolean exists() {
        return Files.exists(root.resolve("current"), LinkOption.NOFOLLOW_LINKS);
    }
}
