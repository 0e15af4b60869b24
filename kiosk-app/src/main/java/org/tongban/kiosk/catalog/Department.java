package org.tongban.kiosk.catalog;

/** A government department that owns service items (公安, 人社, 医保 ...); the home screen can browse by it. */
public record Department(String id, Text name) {
}
