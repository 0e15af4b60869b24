package org.tongban.kiosk.shell;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.tongban.kiosk.accessibility.Observations;
import org.tongban.kiosk.accessibility.Panel;
import org.tongban.kiosk.accessibility.Rules;
import org.tongban.kiosk.accessibility.Shot;
import org.tongban.kiosk.accessibility.Verdict;

/**
 * The inspector measures what was drawn: contrast from the rendered pixels (a grey that just fails AA on
 * white, a faded button), sizes and gaps from the laid-out scene, the ellipsis of a squeezed label, a
 * control without words. Small hand-made scenes with known answers.
 */
class SceneInspectorTest {

    private static final Panel PANEL = new Panel(1920, 1080, 21.5, 40);

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void contrastComesFromTheRenderedPixelsBehindTheText() throws Exception {
        Observations seen = fx(() -> {
            Label grey = label("#777777 on white", "-fx-text-fill: #777777; -fx-background-color: #ffffff;");
            Label onBlue = label("white on brand blue", "-fx-text-fill: #ffffff; -fx-background-color: #0b4f8a;");
            // Text style says black, but the whole label is faded to 40 %: what is drawn is grey.
            Label faded = label("faded", "-fx-text-fill: #000000; -fx-background-color: #ffffff;");
            faded.setOpacity(0.4);
            VBox box = new VBox(20, grey, onBlue, faded);
            box.setStyle("-fx-background-color: #ffffff;");
            return SceneInspector.inspect(new Scene(box, 600, 400), box).seen();
        });
        assertThat(contrast(seen, "#777777"), closeTo(4.48, 0.02));
        assertThat(contrast(seen, "white on"), closeTo(8.40, 0.02));
        // 40 % black over white draws #999999 (2.85:1), far below what the CSS colour promises.
        assertThat(contrast(seen, "faded"), closeTo(2.85, 0.1));
        Verdict v = Rules.KIOSK.judge(new Shot("test", "normal", "en", "landscape"), seen, PANEL);
        assertThat(v.problems(), hasItem(containsString("contrast 4.48:1 < 4.5:1")));
    }

    @Test
    void sizesGapsClippingAndNamesAreMeasuredFromTheLayout() throws Exception {
        Observations seen = fx(() -> {
            Button small = new Button("A");
            small.setId("small");
            small.setStyle("-fx-font-size: 14px;");
            small.setMinSize(40, 40);
            small.setMaxSize(40, 40);
            small.relocate(10, 10);
            Button big = new Button("OK");
            big.setId("big");
            big.setMinSize(80, 80);
            big.relocate(54, 10); // 4 px (1 mm) right of the small one
            Button icon = new Button();
            icon.setId("icon");
            icon.setMinSize(80, 80);
            icon.relocate(300, 10);
            Label squeezed = new Label("a long sentence that cannot fit in its little box");
            squeezed.setId("squeezed");
            squeezed.setFont(Font.font(20));
            squeezed.setMaxWidth(120);
            squeezed.resize(120, 30);
            squeezed.relocate(10, 200);
            for (Button b : java.util.List.of(small, big, icon)) {
                b.setFocusTraversable(false); // no focus ring drawn outside the button
            }
            Pane pane = new Pane(small, big, icon, squeezed);
            pane.setStyle("-fx-background-color: white;");
            return SceneInspector.inspect(new Scene(pane, 600, 400), pane).seen();
        });
        Verdict v = Rules.KIOSK.judge(new Shot("test", "normal", "en", "landscape"), seen, PANEL);
        assertThat(v.smallestTargetAt(), containsString("#small"));
        assertThat(v.smallestTargetMm(), closeTo(40 / PANEL.pxPerMm(), 0.05));
        assertThat(v.smallestGapMm(), closeTo(4 / PANEL.pxPerMm(), 0.05));
        assertThat(v.unnamed(), hasItem("#icon"));
        assertThat(v.clipped(), hasItem(containsString("#squeezed")));
        assertThat(v.passes(), is(false));
    }

    private static Label label(String text, String style) {
        Label l = new Label(text);
        l.setStyle(style + " -fx-font-size: 20px; -fx-padding: 10px;");
        return l;
    }

    private static double contrast(Observations seen, String start) {
        return seen.texts().stream().filter(t -> t.where().contains(start)).findFirst().orElseThrow().contrast();
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(20, TimeUnit.SECONDS);
    }
}
