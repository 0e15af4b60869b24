package org.tongban.kiosk.shell;

import java.time.Duration;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.i18n.Messages;
import org.tongban.kiosk.testing.Eventually;

/**
 * What the shell's TestFX tests start from, as a JUnit extension ({@code @RegisterExtension}): a whole demo
 * terminal for each test (simulated devices, the platform simulator on loopback, a real SQLite outbox) and the
 * shell on a real (headless, Monocle) stage. After each test the stage is cleared and the demo ended, its data
 * folder deleted.
 */
final class DemoStage implements AfterEachCallback {

    private final Duration warnAfter;
    private final Duration countdown;
    private final boolean untilOnline;
    private Demo demo;

    private DemoStage(Duration warnAfter, Duration countdown, boolean untilOnline) {
        this.warnAfter = warnAfter;
        this.countdown = countdown;
        this.untilOnline = untilOnline;
    }

    /**
     * Demos with these idle times (null: the configured ones), each handed over once the platform simulator has
     * answered it (no "platform unreachable" in the way).
     */
    static DemoStage online(Duration warnAfter, Duration countdown) {
        return new DemoStage(warnAfter, countdown, true);
    }

    /** Demos handed over as they start, the platform not yet reached. */
    static DemoStage starting(Duration warnAfter, Duration countdown) {
        return new DemoStage(warnAfter, countdown, false);
    }

    /** Starts this test's demo terminal. */
    Demo start() throws Exception {
        return start(Demo.Overrides.NONE);
    }

    Demo start(Demo.Overrides overrides) throws Exception {
        Demo started = new Demo(0, warnAfter, countdown, overrides);
        demo = started;
        if (untilOnline) {
            Eventually.until("the platform simulator to answer", () -> started.terminal().sync().reachability().online());
        }
        return started;
    }

    /** Starts the demo and shows the shell with the demo's simulator strip, full HD. */
    Demo open(Stage stage) throws Exception {
        return open(stage, d -> new ShellWindow(d.terminal().navigator(), d.terminal().status(), controls()));
    }

    /** Starts the demo and shows the shell window the test makes of it, full HD. */
    Demo open(Stage stage, Function<Demo, ShellWindow> window) throws Exception {
        Demo started = start();
        show(stage, window.apply(started));
        return started;
    }

    void show(Stage stage, ShellWindow window) {
        window.showOn(stage, 1920, 1080);
    }

    /** The demo's simulator strip (place a card, paper out, platform down…) under the shell's status bar. */
    Function<Messages, Node> controls() {
        // A window of a test that ended may still redraw as its demo closes: it gets an empty strip.
        return m -> {
            Demo d = demo;
            return d == null ? new javafx.scene.layout.Region() : DemoControls.build(d.controls(), m);
        };
    }

    /** Clears the stage and ends the demo, if one was started; a second call does nothing. */
    void close() throws Exception {
        FxToolkit.cleanupStages();
        if (demo != null) {
            demo.close();
            demo = null;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }
}
