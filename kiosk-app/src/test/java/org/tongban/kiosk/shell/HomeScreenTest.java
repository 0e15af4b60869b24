package org.tongban.kiosk.shell;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.tongban.kiosk.shell.ShellScreens.shows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.flow.Navigator;

/** Home: everything on one screen (no scroll bar) in landscape and portrait, standard and elderly; themes as tiles. */
@ExtendWith(ApplicationExtension.class)
class HomeScreenTest {

    @RegisterExtension
    final DemoStage shell = DemoStage.online(Duration.ofMinutes(5), Duration.ofSeconds(30));
    private Demo demo;
    private ShellWindow window;

    @Start
    void start(Stage stage) throws Exception {
        demo = shell.open(stage, d -> window = new ShellWindow(d.terminal().navigator(), d.terminal().status(), null)
                .identify(d.terminal().config().kiosk().terminal().hall(), d.terminal().config().kiosk().terminal().id()));
    }

    @Test
    void homeFitsOneScreenWithoutAScrollBarInBothOrientationsStandardAndElderly(FxRobot robot) throws Exception {
        Navigator nav = demo.terminal().navigator();
        robot.clickOn("#start");
        shows(robot, "#home");
        for (int[] size : List.of(new int[] {1920, 1080}, new int[] {1080, 1920})) {
            for (boolean elderly : List.of(false, true)) {
                String where = size[0] + "x" + size[1] + (elderly ? " elderly" : " standard");
                List<String> problems = WaitForAsyncUtils.asyncFx(() -> {
                    nav.setElderly(elderly);
                    Scene scene = window.scene(size[0], size[1]);
                    scene.snapshot(null); // CSS and layout, as drawn
                    List<String> found = new ArrayList<>();
                    for (Node n : all(scene.getRoot())) {
                        if (n instanceof ScrollBar bar && drawn(bar) && bar.getWidth() > 0 && bar.getHeight() > 0) {
                            found.add("a scroll bar: " + bar.getOrientation());
                        }
                        if (n instanceof Button b && drawn(b)) { // every choice wholly on the screen
                            Bounds box = b.localToScene(b.getBoundsInLocal());
                            if (box.getMinX() < -1 || box.getMinY() < -1 || box.getMaxX() > size[0] + 1
                                    || box.getMaxY() > size[1] + 1) {
                                found.add("off the screen: #" + b.getId());
                            }
                        }
                    }
                    found.add("tiles: " + scene.getRoot().lookupAll("#home .theme-tile").size());
                    found.add("search field: " + (scene.getRoot().lookup("#home #search") != null));
                    return found;
                }).get(20, TimeUnit.SECONDS);
                assertThat(where, problems, equalTo(List.of(
                        "tiles: " + (elderly ? Navigator.ELDERLY_CHOICES_PER_PAGE : 9), "search field: true")));
            }
        }
    }

    @Test
    void eachThemeIsATileWithAnIconAndAColourOfItsOwnBesideItsNeighbours(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        shows(robot, "#home");
        List<Button> tiles = robot.lookup("#home .theme-tile").queryAllAs(Button.class).stream().toList();
        assertThat(tiles.size(), greaterThan(5));
        String previous = null;
        for (Button tile : tiles) {
            assertThat(tile.getId(), tile.getGraphic(), instanceOf(FontIcon.class));
            String tone = tile.getStyleClass().stream().filter(c -> c.startsWith("tone-")).findFirst().orElseThrow();
            assertThat(HomeView.TONES.contains(tone), is(true));
            assertThat("neighbours differ: " + tile.getId(), tone.equals(previous), is(false));
            previous = tone;
        }
        // The colour comes from the palette (a named colour): the icon is not drawn in the default black.
        FontIcon icon = (FontIcon) tiles.get(0).getGraphic();
        assertThat(icon.getIconColor().toString(), equalTo("0x0b4f8aff"));
        robot.clickOn("#highContrast"); // re-bound: yellow on black
        WaitForAsyncUtils.waitForFxEvents();
        FontIcon contrasted = (FontIcon) robot.lookup("#home .theme-tile").queryAs(Button.class).getGraphic();
        assertThat(contrasted.getIconColor().toString(), equalTo("0xffff00ff"));
    }

    private static List<Node> all(Parent root) {
        List<Node> nodes = new ArrayList<>();
        List<Node> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            Node n = todo.remove(todo.size() - 1);
            nodes.add(n);
            if (n instanceof Parent p) {
                todo.addAll(p.getChildrenUnmodifiable());
            }
        }
        return nodes;
    }

    private static boolean drawn(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
