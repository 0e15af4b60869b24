package org.tongban.kiosk.flow;

/**
 * How long each screen gives the citizen before the "are you still there?" warning, and when the countdown
 * stands still. A plain rule the navigator hands to the session manager on every change of screen:
 * <ul>
 *   <li>each screen starts its own countdown (a new page is read from the start);</li>
 *   <li>forms, the paper capture and the review's reasons take longer to fill in: twice the configured time;</li>
 *   <li>elderly mode doubles it again (the session manager's elderly factor, at least 2);</li>
 *   <li>while the machine works (reading a card, querying, printing, capturing: the WORKING stage) the
 *       countdown is paused: the citizen is waiting for the terminal, not the other way round.</li>
 * </ul>
 */
public final class ScreenTime {

    /** The time of a form-like screen, in multiples of the configured {@code idle.warnAfterSeconds}. */
    public static final double FORM_FACTOR = 2.0;

    private ScreenTime() {
    }

    /**
     * What the countdown of one screen is: {@code key} names the screen (a new key starts a new countdown),
     * {@code factor} multiplies the configured time before the warning, {@code paused} stops the clock.
     */
    public record Rule(String key, double factor, boolean paused) {
    }

    /** The rule for a screen of the navigator and, on an item's screen, the stage its flow shows (else null). */
    public static Rule of(Navigator.Screen screen, Stage stage) {
        if (screen != Navigator.Screen.ITEM || stage == null) {
            return new Rule(screen.name(), 1.0, false);
        }
        return new Rule(screen.name() + "/" + stage.name(), factor(stage), paused(stage));
    }

    /** Forms take longer to fill in than a page takes to read. */
    public static double factor(Stage stage) {
        return switch (stage) {
            case FORM, CAPTURE, REVIEW_REASONS -> FORM_FACTOR;
            default -> 1.0;
        };
    }

    /** The machine is working: the countdown waits for it. */
    public static boolean paused(Stage stage) {
        return stage == Stage.WORKING;
    }
}
