package org.tongban.kiosk.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.kiosk.attract.Slide;
import org.tongban.kiosk.attract.Slides;
import org.tongban.kiosk.i18n.Messages;

/**
 * The attract screen's calm loop: one slide at a time, each for its seconds, the next cross-faded in. The
 * first screen needs no picture file: the slides' pictures are decoded on a background thread once the first
 * frame is drawn, and a slide waits for its picture (its words show meanwhile). A picture that turns out
 * unreadable makes the show fall back to the built-in slides, as {@code ./kiosk config validate} would have
 * said. One show per window: it keeps the decoded pictures and its place in the loop across redraws.
 */
final class SlideShow {

    private static final Logger log = LoggerFactory.getLogger(SlideShow.class);
    /** Pictures are decoded to fit this box (the slide area of a 1920 x 1080 panel): memory for what is seen. */
    private static final double DECODE_WIDTH = 1280;
    private static final double DECODE_HEIGHT = 720;
    private static final Duration FADE = Duration.millis(1200);
    private static final double FADE_FRAMES_PER_SECOND = 20;

    private volatile List<Slide> slides;
    private final Map<Path, Image> pictures = new ConcurrentHashMap<>();
    private boolean loading;
    private int current;
    /** The terminal's most used items as a slide, second in the loop; null before anything was used. */
    private Slide mostUsed;

    SlideShow(List<Slide> slides) {
        this.slides = List.copyOf(slides);
    }

    List<Slide> slides() {
        return slides;
    }

    /** The loop: the slides, with the most used items second. */
    private List<Slide> loop() {
        if (mostUsed == null) {
            return slides;
        }
        List<Slide> loop = new java.util.ArrayList<>(slides);
        loop.add(Math.min(1, loop.size()), mostUsed);
        return loop;
    }

    /**
     * The slide area: the current slide, changing by itself while it is on the screen.
     *
     * @param mostUsed the terminal's most used items as a slide, or null
     */
    Node build(Messages m, boolean elderly, Slide mostUsed) {
        this.mostUsed = mostUsed;
        StackPane area = new StackPane();
        area.setId("slideShow");
        area.getStyleClass().add("slide-show");
        VBox.setVgrow(area, Priority.ALWAYS);
        area.setMinHeight(0);
        current = Math.floorMod(current, loop().size());
        area.getChildren().add(slide(loop().get(current), m, elderly));
        Timeline loop = new Timeline();
        loop.getKeyFrames().setAll(next(area, m, elderly, loop));
        Widgets.playWhileShown(area, loop);
        area.sceneProperty().addListener((obs, was, now) -> {
            if (now != null) {
                loadAfterFirstFrame(now);
            }
        });
        return area;
    }

    /** When the current slide's time is up: the next slide fades in over it, then the loop waits again. */
    private KeyFrame next(StackPane area, Messages m, boolean elderly, Timeline loop) {
        return new KeyFrame(Duration.seconds(loop().get(Math.floorMod(current, loop().size())).seconds()), e -> {
            List<Slide> shown = loop();
            current = (current + 1) % shown.size();
            Node old = area.getChildren().get(area.getChildren().size() - 1);
            Node incoming = slide(shown.get(current), m, elderly);
            incoming.setOpacity(0);
            area.getChildren().add(incoming);
            // at 20 frames a second: a cross-fade redraws the whole slide area each frame
            Timeline fade = new Timeline(FADE_FRAMES_PER_SECOND,
                    new KeyFrame(Duration.ZERO, new KeyValue(incoming.opacityProperty(), 0),
                            new KeyValue(old.opacityProperty(), 1)),
                    new KeyFrame(FADE, new KeyValue(incoming.opacityProperty(), 1),
                            new KeyValue(old.opacityProperty(), 0)));
            fade.setOnFinished(done -> area.getChildren().remove(old));
            fade.play();
            loop.stop();
            loop.getKeyFrames().setAll(next(area, m, elderly, loop));
            if (area.getScene() != null) {
                loop.play();
            }
        });
    }

    private Node slide(Slide s, Messages m, boolean elderly) {
        StackPane pane = new StackPane();
        pane.getStyleClass().add("slide");
        pane.setUserData(s);
        if (s.image() != null) {
            Image picture = pictures.get(s.image());
            if (picture != null) {
                ImageView view = new ImageView(picture);
                view.setPreserveRatio(true);
                view.fitHeightProperty().bind(pane.heightProperty());
                view.fitWidthProperty().bind(pane.widthProperty());
                view.setManaged(false); // sized by the slide area, never sizing it
                view.layoutXProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                        () -> (pane.getWidth() - view.getLayoutBounds().getWidth()) / 2,
                        pane.widthProperty(), view.layoutBoundsProperty()));
                pane.getChildren().add(view);
                pane.getStyleClass().add("with-image");
            }
        }
        Label words = s.text() == null ? null : Widgets.text(s.text().in(m.locale()), "slide-text");
        if (s.picture() != null) {
            // the shipped picture above the words, left out when the slide area is too low for both
            Node picture = illustration(s.picture(), elderly, m);
            VBox both = words == null ? new VBox(picture) : new VBox(24, picture, words);
            both.setAlignment(Pos.CENTER);
            pane.heightProperty().addListener((obs, was, now) -> {
                boolean room = now.doubleValue() >= picture.prefHeight(-1) + (words == null ? 0 : words.prefHeight(pane.getWidth()) + 24);
                picture.setVisible(room);
                picture.setManaged(room);
            });
            pane.getChildren().add(both);
        } else if (words != null) {
            StackPane.setAlignment(words, s.image() != null ? Pos.BOTTOM_CENTER : Pos.CENTER);
            pane.getChildren().add(words);
        }
        if (words != null) {
            words.setId("slideText");
        }
        return pane;
    }

    private static Node illustration(String picture, boolean elderly, Messages m) {
        for (Illustration i : Illustration.values()) {
            if (i.file().equals(picture)) {
                return i.drawStill(elderly, m.get("attract.picture"));
            }
        }
        throw new IllegalArgumentException("no shipped picture " + picture);
    }

    /**
     * Starts decoding the pictures once the scene has drawn its first frame (a pulse has laid it out), on a
     * background thread of low priority: the first screen never waits for them.
     */
    private void loadAfterFirstFrame(Scene scene) {
        if (loading || slides.stream().allMatch(s -> s.image() == null)) {
            return;
        }
        loading = true;
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Thread t = new Thread(this::decodeAll, "slide-pictures");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    private void decodeAll() {
        for (Slide s : slides) {
            if (s.image() == null) {
                continue;
            }
            Slides.ImageCheck check = Slides.inspect(s.image(), false);
            String problem = check.problem();
            // decoded to fit the slide area, never enlarged
            Image picture = problem == null ? new Image(s.image().toUri().toString(),
                    Math.min(DECODE_WIDTH, check.width()), Math.min(DECODE_HEIGHT, check.height()), true, true, false)
                    : null;
            if (picture != null && picture.isError()) {
                problem = "the picture cannot be read (" + picture.getException() + ")";
            }
            if (problem != null) {
                log.error("{}: {}; showing the built-in slides (./kiosk config validate lists every problem)",
                        s.image(), problem);
                Platform.runLater(() -> {
                    slides = Slides.builtIn();
                    current = 0;
                    pictures.clear();
                });
                return;
            }
            pictures.put(s.image(), picture);
        }
        log.debug("attract: {} slide picture(s) decoded", pictures.size());
    }
}
