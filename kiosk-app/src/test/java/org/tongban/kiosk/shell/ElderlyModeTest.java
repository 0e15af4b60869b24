package org.tongban.kiosk.shell;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.flow.Navigator;

/**
 * Elderly mode against the national elderly-friendly rules, measured on the rendered screens: every
 * text at least 1.5 times its size in standard mode, lines at least 1.3 times the text size apart, and
 * nothing that moves.
 */
@ExtendWith(ApplicationExtension.class)
class ElderlyModeTest {

    @RegisterExtension
    final DemoStage shell = DemoStage.online(Duration.ofMinutes(5), Duration.ofMinutes(1));
    private Demo demo;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        demo = shell.open(stage, d -> new ShellWindow(d.terminal().navigator(), d.terminal().status(), null, null,
                d.terminal().voice(), 40));
    }

    /** The screens a citizen passes through, each reached from the home screen. */
    private static final Map<String, Consumer<Navigator>> SCREENS = new LinkedHashMap<>();

    static {
        SCREENS.put("home", nav -> { });
        SCREENS.put("category", nav -> nav.openCategory("social-insurance"));
        SCREENS.put("search", nav -> {
            nav.openSearch();
            nav.type("S");
        });
        SCREENS.put("guidance", nav -> nav.openItem("SI-CERT-CONTRIB"));
        SCREENS.put("card", nav -> {
            nav.openItem("SI-CERT-CONTRIB");
            nav.flow().orElseThrow().proceed();
        });
        SCREENS.put("review", nav -> { // leaving a started service offers the review
            nav.openItem("SI-CERT-CONTRIB");
            nav.flow().orElseThrow().proceed();
            nav.home();
        });
        SCREENS.put("reasons", nav -> {
            nav.openItem("SI-CERT-CONTRIB");
            nav.flow().orElseThrow().proceed();
            nav.home();
            nav.flow().orElseThrow().chooseLevel(1);
        });
        SCREENS.put("staff", Navigator::callStaff);
    }

    @Test
    void textIsHalfAgainAsLargeLinesAreWideApartAndNothingMoves(FxRobot robot) throws Exception {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Consumer<Navigator>> screen : SCREENS.entrySet()) {
            Map<String, Double> normal = sizes(robot, screen.getValue(), false);
            Map<String, Double> elderly = sizes(robot, screen.getValue(), true);
            int compared = 0;
            for (Map.Entry<String, Double> e : elderly.entrySet()) {
                Double before = normal.get(e.getKey());
                if (before != null) {
                    compared++;
                    if (e.getValue() < 1.5 * before - 0.01) {
                        problems.add(screen.getKey() + ": " + e.getKey() + " " + before + " px -> " + e.getValue() + " px");
                    }
                }
            }
            assertThat(screen.getKey() + ": texts compared", compared, greaterThan(3));
            robot.interact(() -> lines(stage.getScene().getRoot(), screen.getKey(), problems));
        }
        assertThat(problems, empty());
    }

    /** Font size of every text on the screen, by what it says and where. */
    private Map<String, Double> sizes(FxRobot robot, Consumer<Navigator> reach, boolean elderly) throws Exception {
        Navigator nav = demo.terminal().navigator();
        robot.interact(() -> {
            nav.finish();
            nav.touch();
            nav.setElderly(elderly);
            reach.accept(nav);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Map<String, Double> sizes = new LinkedHashMap<>();
        robot.interact(() -> visit(stage.getScene().getRoot(), n -> {
            if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
                sizes.put(l.getId() + " \"" + l.getText().replace('\n', ' ') + "\"", l.getFont().getSize());
            }
        }));
        return sizes;
    }

    /** Elderly mode: the distance from one line to the next at least 1.3 times the text size; no spinner. */
    private static void lines(Parent root, String screen, List<String> problems) {
        visit(root, n -> {
            if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
                Text line = new Text("国");
                line.setFont(l.getFont());
                double pitch = line.getLayoutBounds().getHeight() + l.getLineSpacing();
                if (pitch < 1.3 * l.getFont().getSize()) {
                    problems.add(screen + ": lines of \"" + l.getText() + "\" " + pitch + " px apart at "
                            + l.getFont().getSize() + " px");
                }
            }
            if (n instanceof javafx.scene.control.ProgressIndicator) {
                problems.add(screen + ": an animation (" + n.getClass().getSimpleName() + ")");
            }
        });
    }

    private static void visit(Node n, Consumer<Node> each) {
        if (!n.isVisible()) {
            return;
        }
        each.accept(n);
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> visit(c, each));
        }
    }
}
