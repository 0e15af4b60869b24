package org.tongban.kiosk.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's electronic journal: what happened, in order, append-only and hash-chained so an
 * edited, deleted, inserted or reordered entry shows. One file of JSON lines per day
 * ({@code journal-YYYY-MM-DD.jsonl}); each line is fsync'd before {@link #record} returns. The chain
 * runs on across days: the first entry of a day carries the hash of the last entry of the day before.
 *
 * <p>Any feature records with one call: {@code journal.record(JournalKind.PRINT_DONE, Map.of("session", id))}.
 * Details never hold personal data; a value that looks like an ID number or a mobile number is refused.
 */
public final class Journal implements AutoCloseable {

    /** The {@code prev} of the very first entry. */
    public static final String GENESIS = "0".repeat(64);
    /** The journal's folder inside the data folder. */
    public static final String DIR = "journal";

    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private static final Pattern FILE_NAME = Pattern.compile("journal-(\\d{4}-\\d{2}-\\d{2})\\.jsonl");
    /** Personal numbers that must never reach the journal: resident ID numbers and mobile numbers. */
    private static final Pattern PERSONAL = Pattern.compile("(?<![0-9A-Za-z])(\\d{17}[0-9Xx]|1[3-9]\\d{9})(?![0-9A-Za-z])");

    private final Path dir;
    private final Clock clock;
    private final ZoneId zone;
    private final ObjectMapper mapper = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private long lastSeq;
    private String lastHash;
    private LocalDate openDay;
    private FileChannel channel;

    private Journal(Path dir, Clock clock, ZoneId zone) {
        this.dir = dir;
        this.clock = clock;
        this.zone = zone;
    }

    /** Opens the journal in {@code dir} (created if needed) and continues the chain from its last entry. */
    public static Journal open(Path dir, Clock clock, ZoneId zone) throws IOException {
        Files.createDirectories(dir);
        Journal j = new Journal(dir, clock, zone);
        j.lastSeq = 0;
        j.lastHash = GENESIS;
        List<Path> files = files(dir);
        // The newest file that has a readable entry gives where the chain goes on.
        for (int i = files.size() - 1; i >= 0; i--) {
            List<String> lines = Files.readAllLines(files.get(i), StandardCharsets.UTF_8);
            for (int k = lines.size() - 1; k >= 0; k--) {
                JournalEntry e = j.parse(lines.get(k));
                if (e != null) {
                    j.lastSeq = e.seq();
                    j.lastHash = e.hash();
                    return j;
                }
            }
        }
        return j;
    }

    /** The day files in {@code dir}, oldest first. */
    public static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> FILE_NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
    }

    /** The day a journal file holds. */
    public static LocalDate dayOf(Path file) {
        var m = FILE_NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a journal file: " + file);
        }
        return LocalDate.parse(m.group(1));
    }

    public static String fileName(LocalDate day) {
        return "journal-" + day + ".jsonl";
    }

    public Path dir() {
        return dir;
    }

    /**
     * Appends one entry and forces it to disk. A failure to write is logged and reported as an
     * {@link UncheckedIOException}; the entry is then not in the chain (the next one follows the last written).
     *
     * @throws IllegalArgumentException when a detail looks like personal data
     */
    public synchronized JournalEntry record(JournalKind kind, Map<String, String> details) {
        Map<String, String> d = new TreeMap<>(details == null ? Map.of() : details);
        d.forEach((k, v) -> {
            if (v != null && PERSONAL.matcher(v).find()) {
                throw new IllegalArgumentException("journal detail '" + k + "' looks like personal data; "
                        + "record a session id instead");
            }
        });
        d.values().removeIf(java.util.Objects::isNull);
        Instant at = clock.instant();
        long seq = lastSeq + 1;
        String hash = hash(seq, at, kind, d, lastHash);
        JournalEntry e = new JournalEntry(seq, at, kind, d, lastHash, hash);
        try {
            LocalDate day = LocalDate.ofInstant(at, zone);
            FileChannel ch = channelFor(day);
            ByteBuffer bytes = ByteBuffer.wrap((line(e) + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        } catch (IOException ex) {
            log.error("journal entry {} ({}) not written: {}", seq, kind, ex.getMessage());
            throw new UncheckedIOException(ex);
        }
        lastSeq = seq;
        lastHash = hash;
        return e;
    }

    /** Records without failing the caller: for events whose own work must go on when the disk does not. */
    public void note(JournalKind kind, Map<String, String> details) {
        try {
            record(kind, details);
        } catch (RuntimeException e) {
            log.error("journal: {} not recorded: {}", kind, e.getMessage());
        }
    }

    private FileChannel channelFor(LocalDate day) throws IOException {
        if (channel == null || !day.equals(openDay)) {
            if (channel != null) {
                channel.close();
            }
            Path file = dir.resolve(fileName(day));
            boolean created = !Files.exists(file);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            openDay = day;
            if (created) {
                forceDir();
            }
        }
        return channel;
    }

    /** A new day's file is in the folder only once the folder itself is on disk. */
    private void forceDir() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            log.debug("cannot fsync journal folder {}: {}", dir, e.getMessage());
        }
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("journal close: {}", e.getMessage());
            }
            channel = null;
        }
    }

    // ---- the line format and the hash -----------------------------------------------------------

    /** The canonical content an entry's hash covers: every field but the hash, keys in a fixed order. */
    String content(long seq, Instant at, JournalKind kind, Map<String, String> details, String prev) {
        ObjectNode n = mapper.createObjectNode();
        n.put("seq", seq);
        n.put("at", at.toString());
        n.put("kind", kind.name());
        ObjectNode d = n.putObject("details");
        new TreeMap<>(details).forEach(d::put);
        n.put("prev", prev);
        try {
            return mapper.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String hash(long seq, Instant at, JournalKind kind, Map<String, String> details, String prev) {
        byte[] in = content(seq, at, kind, details, prev).getBytes(StandardCharsets.UTF_8);
        SM3Digest sm3 = new SM3Digest();
        sm3.update(in, 0, in.length);
        byte[] out = new byte[sm3.getDigestSize()];
        sm3.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    String line(JournalEntry e) {
        String content = content(e.seq(), e.at(), e.kind(), e.details(), e.prev());
        return content.substring(0, content.length() - 1) + ",\"hash\":\"" + e.hash() + "\"}";
    }

    /** The entry a line holds, or null when it is not a well-formed entry. */
    JournalEntry parse(String line) {
        try {
            JsonNode n = mapper.readTree(line);
            if (n == null || !n.isObject()) {
                return null;
            }
            Map<String, String> details = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("details").fields(); it.hasNext(); ) {
                var f = it.next();
                details.put(f.getKey(), f.getValue().asText());
            }
            return new JournalEntry(n.get("seq").asLong(), Instant.parse(n.get("at").asText()),
                    JournalKind.valueOf(n.get("kind").asText()), details, n.get("prev").asText(),
                    n.get("hash").asText());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether the entry's hash is the hash of its content (false: it was edited). */
    boolean intact(JournalEntry e) {
        return hash(e.seq(), e.at(), e.kind(), e.details(), e.prev()).equals(e.hash());
    }

    /** Every readable entry of the days from {@code from} to {@code to} (inclusive; null: open end), in file order. */
    public List<JournalEntry> read(LocalDate from, LocalDate to) throws IOException {
        List<JournalEntry> out = new ArrayList<>();
        for (Path f : files(dir)) {
            LocalDate day = dayOf(f);
            if ((from != null && day.isBefore(from)) || (to != null && day.isAfter(to))) {
                continue;
            }
            for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                JournalEntry e = parse(l);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }
}
