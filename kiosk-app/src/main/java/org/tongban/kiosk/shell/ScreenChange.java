package org.tongban.kiosk.shell;

import javafx.animation.FadeTransition;
import javafx.animation.Interpolator;
import javafx.animation.ParallelTransition;
import javafx.animation.TranslateTransition;
import javafx.scene.Node;
import javafx.util.Duration;

/**
 * The change from one screen to the next: the new screen is in the scene at once (its touch targets work from the
 * first frame) and slides the last few millimetres into place while it fades up from mostly there, in 120 ms. The
 * citizen sees that something changed; nothing waits for the animation.
 */
final class ScreenChange {

    /** Short enough never to be waited for (a touch is about 100 ms), long enough to be seen. */
    static final Duration LENGTH = Duration.millis(120);
    private static final double SLIDE_PX = 24;
    private static final double FIRST_OPACITY = 0.6;

    private ScreenChange() {
    }

    /** Plays the change on {@code view}, just placed; with {@code moving} false (reduced motion) it is left still. */
    static void enter(Node view, boolean moving) {
        if (!moving) {
            return;
        }
        TranslateTransition slide = new TranslateTransition(LENGTH, view);
        slide.setFromX(SLIDE_PX);
        slide.setToX(0);
        FadeTransition fade = new FadeTransition(LENGTH, view);
        fade.setFromValue(FIRST_OPACITY);
        fade.setToValue(1);
        ParallelTransition change = new ParallelTransition(slide, fade);
        change.setInterpolator(Interpolator.EASE_OUT);
        change.play();
    }
}
