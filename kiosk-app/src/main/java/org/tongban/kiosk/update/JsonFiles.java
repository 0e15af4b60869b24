package org.tongban.kiosk.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;

/** Small state files of the update folders: written whole to a temporary file, synced, then renamed over. */
final class JsonFiles {

    private JsonFiles() {
    }

    static <T> T read(Path file, Class<T> type, T absent) throws IOException {
        if (!Files.exists(file)) {
            return absent;
        }
        return Manifest.mapper().readValue(file.toFile(), type);
    }

    static void write(Path file, Object value) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, Manifest.mapper().writeValueAsBytes(value));
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
