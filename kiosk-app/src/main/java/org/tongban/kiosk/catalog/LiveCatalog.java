package org.tongban.kiosk.catalog;

import java.util.function.ToIntFunction;

/**
 * The catalog the terminal serves now, with the search prepared for it. It is replaced whole (never
 * edited) when a newer catalog has been validated, so a reader always sees one consistent version.
 */
public final class LiveCatalog {

    private final ToIntFunction<String> usage;
    private volatile Snapshot now;

    /** A catalog, its search, and the platform's ETag for it (null for the local files). */
    private record Snapshot(Catalog catalog, CatalogSearch search, String etag) {
    }

    /** @param usage how often an item was opened here, for search ties */
    public LiveCatalog(Catalog initial, ToIntFunction<String> usage) {
        this.usage = usage;
        this.now = new Snapshot(initial, new CatalogSearch(initial, usage), null);
    }

    public Catalog current() {
        return now.catalog();
    }

    public CatalogSearch search() {
        return now.search();
    }

    public String etag() {
        return now.etag();
    }

    /** Serves {@code next} from now on; it must already be validated in full. */
    public void replace(Catalog next, String etag) {
        now = new Snapshot(next, new CatalogSearch(next, usage), etag);
    }
}
