package org.tongban.kiosk.shell;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.tongban.kiosk.testing.Eventually;

/** What the shell's TestFX tests ask of the stage: wait until a screen or a text shows, read what a node says. */
final class ShellScreens {

    private ShellScreens() {
    }

    static void shows(FxRobot robot, String query) throws Exception {
        waitUntil(() -> robot.lookup(query).tryQuery().isPresent());
    }

    static void showsText(FxRobot robot, String query, String part) throws Exception {
        waitUntil(() -> robot.lookup(query).tryQuery().isPresent() && text(robot, query).contains(part));
    }

    /**
     * Polls until the condition holds, the condition read on the JavaFX thread (it usually looks at the
     * scene); then, off that thread (not in a test's start), lets it finish what it was drawing.
     */
    static void waitUntil(Callable<Boolean> condition) throws Exception {
        Eventually.until("the shell to show it", () -> onFx(condition));
        if (!Platform.isFxApplicationThread()) {
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /** Every text under the node (a list's content too), a line each. */
    static String text(FxRobot robot, String query) throws Exception {
        return onFx(() -> {
            StringBuilder b = new StringBuilder();
            collect(robot.lookup(query).query(), b);
            return b.toString().strip();
        });
    }

    /**
     * Reads the scene on the JavaFX thread: the shell redraws from device and platform threads, and a
     * lookup from the test's thread can walk a list of children while it is being replaced.
     */
    static <T> T onFx(Callable<T> read) throws Exception {
        return Platform.isFxApplicationThread() ? read.call()
                : WaitForAsyncUtils.asyncFx(read).get(Eventually.LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void collect(Node node, StringBuilder b) {
        if (node instanceof Labeled l) {
            b.append(l.getText()).append('\n');
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, b));
        }
        if (node instanceof ScrollPane sp && sp.getContent() != null) {
            collect(sp.getContent(), b);
        }
    }

    /** Scrolls the list holding {@code query} until it is in view, as a citizen would before touching it. */
    static void scrollTo(FxRobot robot, String query) {
        javafx.scene.Node n = robot.lookup(query).query();
        robot.interact(() -> {
            for (javafx.scene.Node p = n.getParent(); p != null; p = p.getParent()) {
                if (p instanceof javafx.scene.control.ScrollPane sp) {
                    javafx.scene.Node content = sp.getContent();
                    double y = content.sceneToLocal(n.localToScene(n.getBoundsInLocal())).getMinY();
                    double range = content.getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
                    sp.setVvalue(range <= 0 ? 0 : Math.min(1, y / range));
                    return;
                }
            }
        });
    }
}
