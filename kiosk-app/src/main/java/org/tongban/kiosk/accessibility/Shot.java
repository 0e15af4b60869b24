package org.tongban.kiosk.accessibility;

/** Which screen was rendered, and how: mode (normal, elderly, high-contrast), language, orientation. */
public record Shot(String screen, String mode, String language, String orientation) {

    /** A file name for its screenshot, e.g. {@code home-elderly-en-portrait.png}. */
    public String fileName() {
        return screen + "-" + mode + "-" + language + "-" + orientation + ".png";
    }

    @Override
    public String toString() {
        return screen + " [" + mode + ", " + language + ", " + orientation + "]";
    }
}
