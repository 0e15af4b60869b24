package org.tongban.kiosk.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How often each item was opened on this terminal, so search puts what this hall needs most first
 * among equally good matches. Kept in a small file in the data folder, replaced atomically on every
 * change (write a temporary file, fsync, rename), so a power cut leaves the old counts or the new ones.
 * Counts are about items, never about people.
 */
public final class UsageCounts {

    private static final Logger log = LoggerFactory.getLogger(UsageCounts.class);

    private final Path file;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final Map<String, Integer> counts;

    private UsageCounts(Path file, Map<String, Integer> counts) {
        this.file = file;
        this.counts = counts;
    }

    /** Reads the counts kept in {@code file}; a missing file is no counts, a torn or garbled one too (logged). */
    public static UsageCounts open(Path file) {
        return new UsageCounts(file, read(file));
    }

    private static Map<String, Integer> read(Path file) {
        Map<String, Integer> counts = new HashMap<>();
        try {
            JsonNode root = JsonMapper.builder().build().readTree(Files.readAllBytes(file));
            JsonNode stored = root == null ? null : root.get("counts");
            if (stored == null || !stored.isObject()) {
                throw new IOException("no counts object");
            }
            for (var fields = stored.fields(); fields.hasNext(); ) {
                var e = fields.next();
                if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
                    throw new IOException("count of " + e.getKey() + " is not a whole number");
                }
                counts.put(e.getKey(), e.getValue().asInt());
            }
            return counts;
        } catch (NoSuchFileException e) {
            return counts;
        } catch (IOException | RuntimeException e) {
            // Only ranking depends on these; starting over is better than refusing to start.
            log.warn("usage counts in {} are unreadable ({}); starting from none", file, e.getMessage());
            return new HashMap<>();
        }
    }

    public synchronized int count(String itemCode) {
        return counts.getOrDefault(itemCode, 0);
    }

    /** The item was opened: one more, kept on disk at once. A failed write is logged; the count stays in memory. */
    public synchronized void opened(String itemCode) {
        counts.merge(itemCode, 1, Integer::sum);
        try {
            save();
        } catch (IOException e) {
            log.warn("could not keep usage counts in {}: {}", file, e.getMessage());
        }
    }

    private void save() throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(Map.of("counts", new TreeMap<>(counts)));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // The rename itself is durable only once the folder is flushed.
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            log.debug("cannot flush folder {}: {}", dir, e.getMessage());
        }
    }
}
