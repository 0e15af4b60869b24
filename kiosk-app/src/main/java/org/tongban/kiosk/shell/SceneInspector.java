package org.tongban.kiosk.shell;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.tongban.kiosk.accessibility.Box;
import org.tongban.kiosk.accessibility.Contrast;
import org.tongban.kiosk.accessibility.Observations;

/**
 * Measures a rendered scene for the accessibility rules: every text the citizen sees with its contrast
 * against the pixels actually drawn behind it, and every control they can touch with its size, place and
 * accessible name. Contrast comes from the rendering, not from the style sheet: the scene is drawn once
 * without its texts, and each text's resolved colour (with the opacity of everything above it) is
 * blended over those pixels.
 */
public final class SceneInspector {

    /** At most about this many background pixels are sampled per text (every pixel of a big title is wasteful). */
    private static final int SAMPLES = 600;

    /** The scene as drawn (for a screenshot) and what was measured in it. */
    public record Inspection(WritableImage picture, Observations seen) {
    }

    private SceneInspector() {
    }

    /**
     * On the JavaFX thread.
     *
     * @param foreground the part the citizen can see and touch (the overlay when one covers the screen)
     */
    public static Inspection inspect(Scene scene, Parent foreground) {
        // A few layout passes first, as the screen gets over its first frames: a size bound to another part's
        // laid-out height (the portrait reach zone) settles on the second pass.
        for (int pass = 0; pass < 3; pass++) {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        }
        WritableImage picture = scene.snapshot(null);
        Bounds window = new BoundingBox(0, 0, scene.getWidth(), scene.getHeight());
        List<Text> texts = new ArrayList<>();
        List<Node> controls = new ArrayList<>();
        collect(foreground, texts, controls);
        texts.removeIf(t -> t.getText() == null || t.getText().isBlank() || shown(t, window) == null);

        // Opacity, not visibility: a text field binds its prompt's visibility. Nothing binds a text's opacity.
        double[] opacity = texts.stream().mapToDouble(Node::getOpacity).toArray();
        texts.forEach(t -> t.setOpacity(0));
        WritableImage background;
        try {
            background = scene.snapshot(null);
        } finally {
            for (int i = 0; i < texts.size(); i++) {
                texts.get(i).setOpacity(opacity[i]);
            }
        }
        PixelReader pixels = background.getPixelReader();
        List<Observations.Text> seenTexts = new ArrayList<>();
        for (Text t : texts) {
            Bounds b = shown(t, window);
            Font font = t.getFont();
            seenTexts.add(new Observations.Text(where(t, t.getText()), contrast(t, b, pixels, background), font.getSize(),
                    bold(font), clipped(t, window)));
        }
        List<Observations.Control> seenControls = new ArrayList<>();
        for (Node c : controls) {
            Bounds b = c.localToScene(c.getBoundsInLocal());
            Bounds s = shown(c, window);
            String text = c instanceof Labeled l ? l.getText() : null;
            seenControls.add(new Observations.Control(where(c, text), box(b), s == null ? new Box(b.getMinX(), b.getMinY(), 0, 0)
                    : box(s), named(c), c.getAccessibleRole() != null && c.getAccessibleRole() != AccessibleRole.NODE
                    && c.getAccessibleRole() != AccessibleRole.PARENT));
        }
        return new Inspection(picture, new Observations(seenTexts, seenControls));
    }

    private static void collect(Node n, List<Text> texts, List<Node> controls) {
        if (!n.isVisible() || n.getOpacity() == 0) {
            return;
        }
        if (n instanceof Text t) {
            texts.add(t);
        }
        if (interactive(n)) {
            controls.add(n);
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, texts, controls);
            }
        }
    }

    /** What a citizen touches to do something (a label or a pane is not; a scroll bar is). */
    private static boolean interactive(Node n) {
        return n instanceof ButtonBase || n instanceof TextInputControl || n instanceof ChoiceBox || n instanceof ComboBoxBase
                || n instanceof Slider || n instanceof Spinner || n instanceof ScrollBar;
    }

    private static boolean named(Node c) {
        if (c instanceof ScrollBar) {
            return true; // a screen reader speaks a scroll bar by its role and position; it has no words of its own
        }
        if (c.getAccessibleText() != null && !c.getAccessibleText().isBlank()) {
            return true;
        }
        if (c instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            return true;
        }
        return c instanceof TextInputControl f && f.getPromptText() != null && !f.getPromptText().isBlank();
    }

    /**
     * The lowest contrast of the text's colour against any background pixel behind it, the colour blended
     * as drawn: its own alpha times the opacity of the node and all above it (a disabled button is faded).
     */
    private static double contrast(Text t, Bounds b, PixelReader pixels, WritableImage image) {
        if (!(t.getFill() instanceof Color fill)) {
            return 21; // gradients or images as text fill are not used in the shell's themes
        }
        double alpha = fill.getOpacity();
        for (Node n = t; n != null; n = n.getParent()) {
            alpha *= n.getOpacity();
        }
        int x0 = (int) Math.max(0, Math.floor(b.getMinX()));
        int y0 = (int) Math.max(0, Math.floor(b.getMinY()));
        int x1 = (int) Math.min(image.getWidth() - 1, Math.ceil(b.getMaxX()) - 1);
        int y1 = (int) Math.min(image.getHeight() - 1, Math.ceil(b.getMaxY()) - 1);
        int step = (int) Math.max(1, Math.sqrt((double) (x1 - x0 + 1) * (y1 - y0 + 1) / SAMPLES));
        double lowest = 21;
        for (int y = y0; y <= y1; y += step) {
            for (int x = x0; x <= x1; x += step) {
                Color bg = pixels.getColor(x, y);
                double r = alpha * fill.getRed() + (1 - alpha) * bg.getRed();
                double g = alpha * fill.getGreen() + (1 - alpha) * bg.getGreen();
                double bl = alpha * fill.getBlue() + (1 - alpha) * bg.getBlue();
                lowest = Math.min(lowest, Contrast.ratio(Contrast.luminance(r, g, bl),
                        Contrast.luminance(bg.getRed(), bg.getGreen(), bg.getBlue())));
            }
        }
        return lowest;
    }

    private static boolean bold(Font f) {
        String style = f.getStyle().toLowerCase(java.util.Locale.ROOT);
        return style.contains("bold") || style.contains("black") || style.contains("heavy");
    }

    /**
     * Cut short by its label (the skin put an ellipsis in), or running past the side of a scrolled list or
     * past the window, where nobody can see it. Below a list's fold is not clipped: the list scrolls.
     */
    private static boolean clipped(Text t, Bounds window) {
        if (inside(t, TextInputControl.class)) {
            return false; // a text field scrolls its own text
        }
        if (t.getParent() instanceof Labeled l && l.getGraphic() == t) {
            return false; // an icon beside the words, not the words
        }
        if (t.getParent() instanceof Labeled l && l.getText() != null && !l.getText().contains("_")
                && !l.getText().equals(t.getText())) {
            return true;
        }
        Bounds b = t.localToScene(t.getBoundsInLocal());
        double slack = 1;
        if (b.getMinX() < window.getMinX() - slack || b.getMaxX() > window.getMaxX() + slack) {
            return true;
        }
        ScrollPane scroll = ancestor(t, ScrollPane.class);
        if (scroll == null) {
            return b.getMinY() < window.getMinY() - slack || b.getMaxY() > window.getMaxY() + slack;
        }
        Bounds view = scroll.localToScene(scroll.getBoundsInLocal());
        return b.getMinX() < view.getMinX() - slack || b.getMaxX() > view.getMaxX() + slack;
    }

    /** The part of a node inside the window and inside every scrolled list around it, or null if none. */
    private static Bounds shown(Node n, Bounds window) {
        Bounds b = intersect(n.localToScene(n.getBoundsInLocal()), window);
        for (Node p = n.getParent(); p != null && b != null; p = p.getParent()) {
            if (p instanceof ScrollPane) {
                b = intersect(b, p.localToScene(p.getBoundsInLocal()));
            }
        }
        return b;
    }

    private static Bounds intersect(Bounds a, Bounds b) {
        double x0 = Math.max(a.getMinX(), b.getMinX());
        double y0 = Math.max(a.getMinY(), b.getMinY());
        double x1 = Math.min(a.getMaxX(), b.getMaxX());
        double y1 = Math.min(a.getMaxY(), b.getMaxY());
        return x1 - x0 < 1 || y1 - y0 < 1 ? null : new BoundingBox(x0, y0, x1 - x0, y1 - y0);
    }

    private static boolean inside(Node n, Class<?> type) {
        return ancestor(n, type) != null;
    }

    private static <T> T ancestor(Node n, Class<T> type) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (type.isInstance(p)) {
                return type.cast(p);
            }
        }
        return null;
    }

    private static Box box(Bounds b) {
        return new Box(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
    }

    /** How to find a node in a report: the nearest id, and its words (shortened). */
    private static String where(Node n, String text) {
        String id = null;
        for (Node p = n; p != null && id == null; p = p.getParent()) {
            id = p.getId();
        }
        String words = text == null ? "" : text.replace('\n', ' ').strip();
        if (words.length() > 40) {
            words = words.substring(0, 39) + "…";
        }
        return (id == null ? "?" : "#" + id) + (words.isEmpty() ? "" : " \"" + words + "\"");
    }
}
