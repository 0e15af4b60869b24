package org.tongban.kiosk.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tongban.kiosk.accessibility.Verdict;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.shell.ShellWindow;

/**
 * Every screen a citizen can see, over a whole demo terminal, in every mode (normal, elderly, high
 * contrast, both together), both languages and both orientations (landscape, and portrait with the wheelchair layout):
 * no clipped text, and every rule of the audit kept. The screenshots are kept as test artifacts in
 * target/accessibility-screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class AccessibilityAuditTest {

    private static final Path SCREENSHOTS = Path.of("target", "accessibility-screenshots");

    private Demo demo;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void demo() throws Exception {
        demo = new Demo(0, Duration.ofMinutes(10), Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        demo.close();
    }

    @Test
    void everyScreenInEveryModeLanguageAndOrientationKeepsTheRules() throws Exception {
        List<Verdict> verdicts = new AccessibilityAudit(demo).run(SCREENSHOTS, v -> { });

        Set<String> screens = verdicts.stream().map(v -> v.shot().screen()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(screens, hasItems("attract", "out-of-service", "home", "category", "category-printer-out",
                "department", "search", "search-nothing-found", "guidance", "wait-for-card", "result", "failed", "working", "printed",
                "review", "review-reasons", "done", "form", "form-errors", "capture", "capture-pages", "confirm",
                "submitted", "face", "review-on-leaving", "license", "license-shown", "form-with-choice", "needs-platform",
                "idle-warning", "staff-called", "tools"));
        // Each screen in 4 modes (normal, elderly, high contrast, both) x 2 languages x 2 orientations.
        assertThat(verdicts.size(), equalTo(screens.size() * 16));
        List<String> broken = verdicts.stream().filter(v -> !v.passes())
                .map(v -> v.shot() + ": " + String.join("; ", v.problems())).toList();
        assertThat(broken, empty());
        assertThat(verdicts.stream().flatMap(v -> v.clipped().stream()).toList(), empty());
        // Measured, not vacuous: every screen has text with a contrast, and something to touch (but the
        // out-of-service screen, which has nothing to offer).
        assertThat(verdicts.stream().filter(v -> v.lowestContrast() == null).map(Verdict::shot).toList(), empty());
        assertThat(verdicts.stream().filter(v -> v.smallestTargetMm() == null).map(v -> v.shot().screen())
                .collect(Collectors.toSet()), equalTo(Set.of("out-of-service")));
        try (var files = Files.list(SCREENSHOTS)) {
            assertThat(files.filter(f -> f.toString().endsWith(".png")).count(), greaterThan((long) verdicts.size() - 1));
        }
    }

    @Test
    void aCitizenTurnsOnHighContrastWithOneTouchAndItEndsWithTheVisit(FxRobot robot) throws Exception {
        Navigator nav = demo.terminal().navigator();
        ShellWindow window = WaitForAsyncUtils.asyncFx(() -> new ShellWindow(nav, demo.terminal().status(), null))
                .get(10, TimeUnit.SECONDS);
        robot.interact(() -> window.showOn(stage, 1920, 1080));
        robot.clickOn("#attractHighContrast");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> nav.screen() == Navigator.Screen.HOME);
        assertThat(nav.highContrast(), is(true));
        assertThat(window.root().getStyleClass().contains("high-contrast"), is(true));

        robot.clickOn("#elderly"); // combined with elderly mode
        assertThat(window.root().getStyleClass().containsAll(List.of("high-contrast", "elderly")), is(true));
        robot.clickOn("#tools"); // elderly mode keeps the colours on its tools panel
        robot.clickOn("#highContrast");
        assertThat(nav.highContrast(), is(false));
        assertThat(window.root().getStyleClass().contains("high-contrast"), is(false));
        robot.clickOn("#highContrast");
        assertThat(nav.highContrast(), is(true));
        robot.clickOn("#closeTools");

        robot.clickOn("#exit");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> nav.screen() == Navigator.Screen.ATTRACT);
        assertThat(nav.highContrast(), is(false));
        assertThat(nav.elderly(), is(false));
        assertThat(window.root().getStyleClass().contains("high-contrast"), is(false));
    }

    @Test
    void onAPortraitScreenTheHeaderMovesToTheFootAndTheTitleStaysOnTop() throws Exception {
        Navigator nav = demo.terminal().navigator();
        nav.touch();
        // Not on a stage: the headless screen is landscape; a scene of the portrait size lays out the same.
        double[] tops = WaitForAsyncUtils.asyncFx(() -> {
            ShellWindow window = new ShellWindow(nav, demo.terminal().status(), null);
            Scene scene = window.scene(1080, 1920);
            scene.snapshot(null); // CSS and layout, as drawn
            assertThat(window.root().getStyleClass().contains("low"), is(true));
            Button exit = (Button) scene.lookup("#exit");
            double[] t = {exit.localToScene(0, 0).getY(), scene.lookup(".title").localToScene(0, 0).getY()};
            exit.fire(); // and it works where it now is
            return t;
        }).get(10, TimeUnit.SECONDS);
        assertThat(tops[0], greaterThan(1920 * 0.4));
        assertThat(tops[1], lessThan(1920 * 0.4));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> nav.screen() == Navigator.Screen.ATTRACT);
    }
}
