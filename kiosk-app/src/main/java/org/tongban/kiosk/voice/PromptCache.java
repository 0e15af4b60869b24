package org.tongban.kiosk.voice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixed prompts rendered ahead of time, one WAV file each, named by the voice and a hash of the
 * text: a prompt starts as soon as its file is read, and a bundle text that changed is simply a file
 * that is not there yet (rendered by {@link #fill}; the old one is removed then).
 */
public final class PromptCache {

    /** What {@link #fill} did. */
    public record Filled(int rendered, int present, int removed) {
    }

    /** A fixed text in a language. */
    public record Prompt(String text, Locale locale) {
    }

    private static final Logger log = LoggerFactory.getLogger(PromptCache.class);
    private static final String SUFFIX = ".wav";

    private final Path dir;
    private final Synthesizer engine;

    public PromptCache(Path dir, Synthesizer engine) {
        this.dir = dir;
        this.engine = engine;
    }

    public Path dir() {
        return dir;
    }

    /** The file a prompt's audio is kept in. */
    public Path file(String text, Locale locale) {
        String voice = engine.voice(locale);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((voice + "\n" + text).getBytes(StandardCharsets.UTF_8));
            return dir.resolve(voice + "-" + HexFormat.of().formatHex(hash, 0, 16) + SUFFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The prompt's audio when it was rendered before. A damaged file counts as missing. */
    public Optional<Audio> get(String text, Locale locale) {
        Path f = file(text, locale);
        try {
            return Optional.of(Audio.fromWav(Files.readAllBytes(f)));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            log.warn("voice cache file {} is unreadable ({}); it is rendered again", f.getFileName(), e.getMessage());
            return Optional.empty();
        }
    }

    /** From the cache, or rendered now and kept for next time. */
    public Audio audio(String text, Locale locale) throws SpeechException {
        Optional<Audio> cached = get(text, locale);
        if (cached.isPresent()) {
            return cached.get();
        }
        Audio a = engine.synthesize(text, locale);
        store(text, locale, a);
        return a;
    }

    /**
     * Renders every prompt not in the cache yet and removes files no prompt needs any more (texts
     * that changed or went away).
     */
    public Filled fill(List<Prompt> prompts) throws SpeechException, IOException {
        Files.createDirectories(dir);
        int rendered = 0;
        int present = 0;
        Set<Path> wanted = new HashSet<>();
        for (Prompt p : prompts) {
            Path f = file(p.text(), p.locale());
            if (!wanted.add(f)) {
                continue;
            }
            if (get(p.text(), p.locale()).isPresent()) {
                present++;
            } else {
                store(p.text(), p.locale(), engine.synthesize(p.text(), p.locale()));
                rendered++;
            }
        }
        int removed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                if (!wanted.contains(f) && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        }
        return new Filled(rendered, present, removed);
    }

    private void store(String text, Locale locale, Audio audio) {
        Path f = file(text, locale);
        try {
            Files.createDirectories(dir);
            // Written aside and moved in: a reader never sees half a file.
            Path tmp = Files.createTempFile(dir, "render-", ".tmp");
            Files.write(tmp, audio.toWav());
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // A read-only or full disk costs only speed: the prompt is rendered again next time.
            log.warn("voice cache {} not written: {}", dir, e.getMessage());
        }
    }
}
