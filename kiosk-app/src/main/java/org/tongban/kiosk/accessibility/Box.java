package org.tongban.kiosk.accessibility;

/** A rectangle on the screen, in pixels from its top left corner. */
public record Box(double x, double y, double width, double height) {

    public double maxX() {
        return x + width;
    }

    public double maxY() {
        return y + height;
    }

    /** The shortest distance between the two rectangles' edges; 0 when they touch or overlap. */
    public double gap(Box other) {
        double dx = Math.max(0, Math.max(other.x - maxX(), x - other.maxX()));
        double dy = Math.max(0, Math.max(other.y - maxY(), y - other.maxY()));
        return Math.hypot(dx, dy);
    }
}
