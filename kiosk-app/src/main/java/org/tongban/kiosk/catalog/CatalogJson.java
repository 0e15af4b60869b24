package org.tongban.kiosk.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The catalog as the platform serves it on {@code GET /api/v1/catalog}: the schema of the files, items inline. */
public final class CatalogJson {

    private CatalogJson() {
    }

    public static String write(Catalog catalog) {
        try {
            return JsonMapper.builder().build().writeValueAsString(catalog);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a catalog of records always serialises", e);
        }
    }
}
