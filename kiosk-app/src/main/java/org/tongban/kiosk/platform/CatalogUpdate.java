package org.tongban.kiosk.platform;

/** A new service catalog from the platform, with the ETag to send next time. */
public record CatalogUpdate(String json, String etag) {
}
