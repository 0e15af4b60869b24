package org.tongban.kiosk.accessibility;

/**
 * The touch panel as the citizen sees it: its resolution, its physical size, and how high a seated
 * citizen can reach on it. Turns pixels into millimetres and points, so rules can be stated as a
 * person measures them.
 *
 * @param widthPx         pixels across, as the citizen sees the picture (a portrait panel is narrower than high)
 * @param heightPx        pixels down
 * @param diagonalInches  the visible diagonal
 * @param reachTopPercent in portrait, the top part of the screen (percent of its height) where nothing the
 *                        citizen must touch may sit: the wheelchair (low) layout
 */
public record Panel(int widthPx, int heightPx, double diagonalInches, int reachTopPercent) {

    /** One typographic point is 1/72 inch. */
    private static final double MM_PER_POINT = 25.4 / 72;

    public Panel {
        if (widthPx < 1 || heightPx < 1 || !(diagonalInches > 0)) {
            throw new IllegalArgumentException("a panel needs a resolution and a diagonal, not " + widthPx + "x"
                    + heightPx + " at " + diagonalInches + "\"");
        }
        if (reachTopPercent < 0 || reachTopPercent > 90) {
            throw new IllegalArgumentException("reachTopPercent is 0..90, not " + reachTopPercent);
        }
    }

    /** Square pixels assumed, as on every LCD panel a kiosk uses. */
    public double pxPerMm() {
        return Math.hypot(widthPx, heightPx) / (diagonalInches * 25.4);
    }

    public double mm(double px) {
        return px / pxPerMm();
    }

    public double px(double mm) {
        return mm * pxPerMm();
    }

    /** How many pixels one typographic point (1/72 inch) is on this panel. */
    public double pxPerPoint() {
        return pxPerMm() * MM_PER_POINT;
    }

    public boolean portrait() {
        return heightPx > widthPx;
    }

    /** The same panel turned a quarter: landscape becomes portrait. */
    public Panel turned() {
        return new Panel(heightPx, widthPx, diagonalInches, reachTopPercent);
    }

    /**
     * The lowest pixel row of the part a seated citizen cannot comfortably reach: in portrait,
     * controls must lie wholly below it; in landscape (a panel at desk height) there is none, 0.
     */
    public double reachLimitPx() {
        return portrait() ? heightPx * reachTopPercent / 100.0 : 0;
    }
}
