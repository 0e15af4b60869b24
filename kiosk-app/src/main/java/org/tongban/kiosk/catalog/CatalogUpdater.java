package org.tongban.kiosk.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.files.FolderTree;
import org.tongban.kiosk.platform.CatalogUpdate;
import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.kiosk.platform.PlatformException;
import org.tongban.kiosk.session.Session;
import org.tongban.kiosk.session.SessionListener;
import org.tongban.kiosk.session.SessionManager;

/**
 * Takes the catalog the platform serves ({@code GET /api/v1/catalog}, with its ETag) when it changes.
 * A new catalog is validated whole by the same loader as the local files before anything changes; a
 * bad one is refused and the running one kept. It is switched between visits, never under a citizen.
 */
public final class CatalogUpdater implements SessionListener {

    /** What a check did. */
    public enum Outcome { UNCHANGED, APPLIED, WAITING_FOR_VISIT_TO_END, REFUSED, PLATFORM_UNAVAILABLE }

    private static final Logger log = LoggerFactory.getLogger(CatalogUpdater.class);

    private final LiveCatalog live;
    private final PlatformClient platform;
    private final SessionManager sessions;
    private Pending pending;

    private record Pending(Catalog catalog, String etag) {
    }

    public CatalogUpdater(LiveCatalog live, PlatformClient platform, SessionManager sessions) {
        this.live = live;
        this.platform = platform;
        this.sessions = sessions;
        sessions.addListener(this);
    }

    /** Asks the platform for a newer catalog and takes it if it is valid. */
    public synchronized Outcome check() {
        Optional<CatalogUpdate> update;
        try {
            update = platform.catalog(pending != null ? pending.etag() : live.etag());
        } catch (PlatformException e) {
            log.info("catalog not checked: {}", e.getMessage());
            return Outcome.PLATFORM_UNAVAILABLE;
        }
        if (update.isEmpty()) {
            return Outcome.UNCHANGED;
        }
        Catalog next;
        try {
            next = parse(update.get().json());
        } catch (ConfigException e) {
            log.warn("catalog from the platform refused, keeping {}: {}", live.current().version(), e.getMessage());
            return Outcome.REFUSED;
        }
        pending = new Pending(next, update.get().etag());
        return applyIfIdle();
    }

    @Override
    public void ended(Session session, SessionManager.EndReason reason) {
        synchronized (this) {
            if (pending != null) {
                applyIfIdle();
            }
        }
    }

    private Outcome applyIfIdle() {
        if (sessions.current().isPresent()) {
            log.info("catalog {} waits for the current visit to end", pending.catalog().version());
            return Outcome.WAITING_FOR_VISIT_TO_END;
        }
        String before = live.current().version();
        live.replace(pending.catalog(), pending.etag());
        log.info("catalog {} replaced by {} from the platform", before, pending.catalog().version());
        pending = null;
        return Outcome.APPLIED;
    }

    /** The platform serves the files' schema as JSON, which is YAML too: the same loader checks it. */
    private static Catalog parse(String json) throws ConfigException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tongban-catalog-");
            Files.writeString(dir.resolve(CatalogLoader.HEAD_FILE), json, StandardCharsets.UTF_8);
            return new CatalogLoader().load(dir);
        } catch (IOException e) {
            throw new ConfigException(List.of(new org.tongban.kiosk.config.ConfigProblem(
                    Path.of("(platform catalog)"), 0, "cannot stage it: " + e)));
        } finally {
            if (dir != null) {
                FolderTree.deleteBestEffort(dir, "catalog staging folder");
            }
        }
    }
}
