package org.tongban.kiosk.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tongban.devices.idcard.IdCard;
import org.tongban.kiosk.files.FolderTree;

/**
 * One citizen's visit, from the first touch or card to the end. Everything personal the kiosk
 * learns during the visit lives here and nowhere else, so that {@link #wipe()} can remove it all:
 * the ID card (text and photo), form values, flow results, and the files in the session folder.
 */
public final class Session {

    /** What started the session. */
    public enum Trigger { TOUCH, ID_CARD }

    private final String id = UUID.randomUUID().toString();
    private final Instant startedAt;
    private final Trigger trigger;
    private final Path workDir;
    private final Map<String, String> form = new HashMap<>();
    private final Map<String, Object> results = new HashMap<>();
    private IdCard identity;
    private boolean wiped;

    Session(Instant startedAt, Trigger trigger, Path sessionsDir) {
        this.startedAt = startedAt;
        this.trigger = trigger;
        this.workDir = sessionsDir.resolve(id);
    }

    public String id() {
        return id;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Trigger trigger() {
        return trigger;
    }

    public synchronized Optional<IdCard> identity() {
        return Optional.ofNullable(identity);
    }

    public synchronized void identify(IdCard card) {
        requireLive();
        if (identity != null && identity != card) {
            identity.wipe();
        }
        identity = card;
    }

    public synchronized void putForm(String field, String value) {
        requireLive();
        form.put(field, value);
    }

    public synchronized Map<String, String> form() {
        return Map.copyOf(form);
    }

    /** Keeps a flow's result (a query answer, a composed document) for the rest of the visit. */
    public synchronized void putResult(String key, Object value) {
        requireLive();
        results.put(key, value);
    }

    public synchronized <T> Optional<T> result(String key, Class<T> type) {
        return Optional.ofNullable(results.get(key)).filter(type::isInstance).map(type::cast);
    }

    /** The session's own folder for files with personal data; created on first use, deleted by {@link #wipe()}. */
    public synchronized Path workDir() {
        requireLive();
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create session folder " + workDir, e);
        }
        return workDir;
    }

    public synchronized boolean isWiped() {
        return wiped;
    }

    /**
     * Removes every piece of personal data the session held: zeroes byte arrays (card photo, images,
     * documents), drops the references, and deletes the session folder with all it contains.
     */
    public synchronized void wipe() {
        if (identity != null) {
            identity.wipe();
            identity = null;
        }
        form.clear();
        for (Object v : results.values()) {
            if (v instanceof byte[] bytes) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        results.clear();
        deleteTree(workDir);
        wiped = true;
    }

    private void requireLive() {
        if (wiped) {
            throw new IllegalStateException("session " + id + " has ended");
        }
    }

    private static void deleteTree(Path dir) {
        try {
            FolderTree.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete session folder " + dir, e);
        }
    }

    @Override
    public String toString() {
        return "Session[" + id + ", " + trigger + ", started " + startedAt + "]";
    }
}
