package org.tongban.kiosk.shell;

import java.util.ArrayList;
import java.util.List;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.input.MouseEvent;

/**
 * Touch to next screen, as the citizen sees it: from the touch's release reaching the scene (or, without the
 * robot, the action starting) to the end of the pulse that has the next screen in the scene, styled and laid
 * out (the frame that pulse hands to the renderer shows it). Used on the JavaFX thread only.
 */
final class TouchToScreen {

    private final Scene scene;
    private final List<Long> nanos = new ArrayList<>();
    private String awaited;
    private long touchedAt;

    private final EventHandler<MouseEvent> released = e -> {
        if (awaited != null && touchedAt == 0) {
            touchedAt = System.nanoTime();
        }
    };
    private final Runnable afterLayout = this::checkShown;

    private TouchToScreen(Scene scene) {
        this.scene = scene;
    }

    /** Starts measuring on the scene; call on the JavaFX thread. */
    static TouchToScreen on(Scene scene) {
        TouchToScreen t = new TouchToScreen(scene);
        scene.addEventFilter(MouseEvent.MOUSE_RELEASED, t.released);
        scene.addPostLayoutPulseListener(t.afterLayout);
        return t;
    }

    /** The next touch leads to the screen holding this node ("#home"); call before the touch. */
    void expect(String nextScreen) {
        awaited = nextScreen;
        touchedAt = 0;
    }

    /** A touch without the robot: the action starts now. */
    void touchedNow() {
        touchedAt = System.nanoTime();
    }

    private void checkShown() {
        if (awaited != null && touchedAt != 0 && scene.getRoot().lookup(awaited) != null) {
            nanos.add(System.nanoTime() - touchedAt);
            awaited = null;
            touchedAt = 0;
        }
    }

    /** The times measured from the {@code from}-th on, in ms, sorted. */
    List<Double> millisFrom(int from) {
        return nanos.subList(Math.min(from, nanos.size()), nanos.size()).stream().sorted().map(n -> n / 1e6).toList();
    }

    int count() {
        return nanos.size();
    }
}
