package org.tongban.kiosk.shell;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The few building blocks every screen uses, so sizes and style classes stay the same everywhere. */
final class Widgets {

    private Widgets() {
    }

    /** A touch button: at least the minimum target size (set in CSS), with an id tests and logs can name. */
    static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("touch");
        b.setWrapText(true);
        b.setOnAction(e -> action.run());
        return b;
    }

    static Button primary(String id, String text, Runnable action) {
        Button b = button(id, text, action);
        b.getStyleClass().add("primary");
        return b;
    }

    static Label title(String text) {
        return text(text, "title");
    }

    /** Text wraps, and is never squeezed shorter than its lines: a crowded page scrolls its lists instead. */
    static Label text(String text, String styleClass) {
        Label l = new Label(text);
        l.getStyleClass().add(styleClass);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    /** A list that scrolls rather than push the buttons below it off a small or portrait screen. */
    static ScrollPane scroll(Node content) {
        // Padding keeps the content 4 mm off the scroll bar (two targets side by side); never sideways scrolling.
        StackPane padded = new StackPane(content);
        padded.getStyleClass().add("scroll-content");
        StackPane.setAlignment(content, javafx.geometry.Pos.TOP_LEFT);
        ScrollPane sp = new ScrollPane(padded);
        sp.setFitToWidth(true);
        sp.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sp.getStyleClass().add("scroll");
        VBox.setVgrow(sp, Priority.ALWAYS);
        return sp;
    }

    static Region grow() {
        Region r = new Region();
        VBox.setVgrow(r, Priority.ALWAYS);
        return r;
    }

    /**
     * Runs {@code motion} only while {@code node} is on a screen: a running animation holds its nodes, so a
     * screen left with one still playing would never be freed.
     */
    static void playWhileShown(Node node, javafx.animation.Animation motion) {
        node.sceneProperty().addListener((obs, was, now) -> {
            if (now == null) {
                motion.stop();
            } else {
                motion.play();
            }
        });
        if (node.getScene() != null) {
            motion.play();
        }
    }
}
