package org.tongban.kiosk.shell;

import javafx.animation.Animation;
import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/**
 * The pictures that show a citizen what to do with the terminal's devices (shipped files, see {@link Picture}),
 * each with one gentle motion: the card, phone or paper ({@code #item}) moves to where it goes, then the device
 * ({@code #glow}) pulses. Elderly mode draws them larger and moves them at half the speed.
 */
enum Illustration {
    /** The ID card going down onto the reader. */
    ID_CARD("id-card-reader", 0, -56),
    /** A phone with its QR code coming down over the scanner. */
    QR_CODE("qr-scanner", 0, -36),
    /** A face in the oval under the camera: it stays still, the oval pulses ("look here"). */
    FACE("face-camera", 0, 0),
    /** The printed page sliding out of the tray. */
    PAPER("paper-tray", 0, -48),
    /** A record being looked up: the lens moves over the page. */
    DOCUMENT("document", -56, 0);

    /** The pictures' canvas ({@code viewBox} of every file). */
    private static final double WIDTH = 240;
    private static final double HEIGHT = 200;
    private static final double SCALE = 1.2;
    private static final double ELDERLY_SCALE = 1.5;
    private static final Duration CYCLE = Duration.seconds(2.8);
    private static final Duration ELDERLY_CYCLE = Duration.seconds(5.6);
    /** Still between two motions: calm, and a kiosk waiting all night does not draw all night. */
    private static final Duration REST = Duration.seconds(3);
    /** Gentle motion needs few frames: a quarter of the screen's rate, a quarter of the drawing. */
    private static final double FRAMES_PER_SECOND = 15;

    private final String file;
    private final double fromX;
    private final double fromY;

    Illustration(String file, double fromX, double fromY) {
        this.file = file;
        this.fromX = fromX;
        this.fromY = fromY;
    }

    /** The picture's file under {@code pictures/}, without {@code .svg}. */
    String file() {
        return file;
    }

    /**
     * The picture in a box of fixed size (the motion never moves the layout around it), moving while it is on
     * the screen.
     *
     * @param description what the picture shows, for a screen reader
     */
    Pane draw(boolean elderly, String description) {
        return draw(elderly, elderly ? ELDERLY_SCALE : SCALE, description);
    }

    /** Smaller, beside something larger (the camera's live picture): two thirds of the size. */
    Pane drawSmall(boolean elderly, String description) {
        return draw(elderly, (elderly ? ELDERLY_SCALE : SCALE) * 2 / 3, description);
    }

    /** Small and still, where something else moves already (a slide among slides). */
    Pane drawStill(boolean elderly, String description) {
        Pane still = draw(elderly, (elderly ? ELDERLY_SCALE : SCALE) * 2 / 3, description, false);
        Node glow = still.lookup("#glow");
        if (glow != null) {
            glow.setOpacity(0.25);
        }
        return still;
    }

    private Pane draw(boolean elderly, double scale, String description) {
        return draw(elderly, scale, description, true);
    }

    private Pane draw(boolean elderly, double scale, String description, boolean moving) {
        Group picture = Picture.load(file);
        picture.setScaleX(scale);
        picture.setScaleY(scale);
        // scaling turns about the centre: move the scaled canvas back to the box's corner
        picture.setLayoutX(WIDTH * (scale - 1) / 2);
        picture.setLayoutY(HEIGHT * (scale - 1) / 2);
        Pane box = new Pane(picture);
        box.setId("illustration-" + file);
        box.getStyleClass().add("illustration");
        double w = WIDTH * scale;
        double h = HEIGHT * scale;
        box.setMinSize(w, h);
        box.setPrefSize(w, h);
        box.setMaxSize(w, h);
        box.setClip(new Rectangle(w, h));
        box.setAccessibleText(description);
        if (moving) {
            Widgets.playWhileShown(box, motion(picture, elderly ? ELDERLY_CYCLE : CYCLE));
        }
        return box;
    }

    private Animation motion(Group picture, Duration cycle) {
        Timeline t = new Timeline(FRAMES_PER_SECOND);
        Node item = picture.lookup("#item");
        if (item != null && (fromX != 0 || fromY != 0)) {
            t.getKeyFrames().addAll(
                    new KeyFrame(Duration.ZERO, new KeyValue(item.translateXProperty(), fromX),
                            new KeyValue(item.translateYProperty(), fromY)),
                    new KeyFrame(cycle.multiply(0.45), new KeyValue(item.translateXProperty(), 0, Interpolator.EASE_OUT),
                            new KeyValue(item.translateYProperty(), 0, Interpolator.EASE_OUT)));
        }
        Node glow = picture.lookup("#glow");
        if (glow != null) {
            t.getKeyFrames().addAll(
                    new KeyFrame(Duration.ZERO, new KeyValue(glow.opacityProperty(), 0.25)),
                    new KeyFrame(cycle.multiply(0.45), new KeyValue(glow.opacityProperty(), 0.25)),
                    new KeyFrame(cycle.multiply(0.7), new KeyValue(glow.opacityProperty(), 1, Interpolator.EASE_BOTH)),
                    new KeyFrame(cycle, new KeyValue(glow.opacityProperty(), 0.25, Interpolator.EASE_BOTH)));
        }
        t.getKeyFrames().add(new KeyFrame(cycle.add(REST)));
        t.setCycleCount(Animation.INDEFINITE);
        return t;
    }
}
