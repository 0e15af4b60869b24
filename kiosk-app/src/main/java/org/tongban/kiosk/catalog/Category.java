package org.tongban.kiosk.catalog;

/** A theme on the home screen, named the way citizens think of it ("我要办社保"). */
public record Category(String id, Text name) {
}
