package org.tongban.kiosk.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.kiosk.i18n.Messages;
import org.tongban.kiosk.shell.ShellWindow;

/**
 * Starts JavaFX without an {@code Application} subclass (so no static hand-over of the terminal is
 * needed), shows the shell, and blocks until the window closes.
 */
public final class ShellLauncher {

    /**
     * @param windowed a desktop window instead of the full screen
     * @param screenshot write a PNG of the first screen here (for the README and checks), or null
     * @param exitAfter close by itself after this long (scripted checks), or null
     */
    public record Options(boolean windowed, Path screenshot, Duration exitAfter) {
    }

    private static final Logger log = LoggerFactory.getLogger(ShellLauncher.class);

    private ShellLauncher() {
    }

    /**
     * JavaFX's toolkit, started on a thread of its own, so it comes up while the terminal starts instead of
     * after it (the two overlap: most of a second of a cold start). Start it once, before the terminal.
     */
    public static final class Toolkit {
        private final CompletableFuture<Void> up = new CompletableFuture<>();
        /** The shell's look, prepared while the terminal starts; held so JavaFX keeps its parsed stylesheets. */
        private Scene preparedLook;

        private Toolkit() {
        }

        /**
         * Starts the toolkit and then, on its thread, prepares the shell's look (stylesheets, control skins, the
         * Chinese font, the pictures' reader): the first screen's own first-time work, most of a second, done while
         * the terminal's parts start on the caller's thread.
         */
        public static Toolkit startInBackground() {
            Toolkit toolkit = new Toolkit();
            StartTimeline timeline = new StartTimeline();
            Platform.setImplicitExit(false);
            Thread t = new Thread(() -> {
                try {
                    Platform.startup(() -> {
                        timeline.reached("JavaFX toolkit up");
                        try {
                            toolkit.preparedLook = ShellWindow.prepareLook();
                            timeline.reached("shell's look prepared");
                        } catch (RuntimeException e) { // only time is lost: the shell loads its look itself
                            log.warn("could not prepare the shell's look ahead: {}", e.toString());
                        }
                        toolkit.up.complete(null);
                    });
                } catch (RuntimeException | Error e) {
                    toolkit.up.completeExceptionally(e);
                }
            }, "javafx-startup");
            t.setDaemon(true);
            t.start();
            return toolkit;
        }

        private void runLater(Runnable onFxThread) {
            up.join();
            Platform.runLater(onFxThread);
        }
    }

    public static void show(Toolkit toolkit, Terminal terminal, Options options,
            Function<Messages, Node> extraControls) throws InterruptedException {
        show(toolkit, terminal, options, extraControls, () -> { });
    }

    /** @param shown called on the JavaFX thread once the first screen is on the panel */
    public static void show(Toolkit toolkit, Terminal terminal, Options options,
            Function<Messages, Node> extraControls, Runnable shown) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        StartTimeline timeline = new StartTimeline();
        toolkit.runLater(() -> {
            Stage stage = new Stage();
            ShellWindow window = new ShellWindow(terminal.navigator(), terminal.status(), extraControls,
                    terminal.workbench(), terminal.voice(), terminal.config().kiosk().screen().reachTopPercent())
                    .identify(terminal.config().kiosk().terminal().hall(), terminal.config().kiosk().terminal().id())
                    .motion(!Boolean.getBoolean("tongban.reducedMotion"));
            stage.setOnShown(e -> {
                timeline.reached("first frame shown");
                long ms = StartTimeline.uptimeMillis();
                log.info("attract screen shown {} ms after the JVM started", ms);
                System.out.println("kiosk: attract screen shown " + ms + " ms after start");
                // Now, not at start-up: the first pinyin letter a citizen types does not wait for the dictionary.
                terminal.navigator().keyboards().preload(r -> {
                    Thread t = new Thread(() -> {
                        r.run();
                        timeline.reached("pinyin dictionary loaded (background)");
                    }, "pinyin-dictionary");
                    t.setDaemon(true);
                    t.start();
                });
                shown.run();
            });
            stage.setOnHidden(e -> closed.countDown());
            window.pictures(terminal.config());
            timeline.reached("shell built");
            Scene scene = window.showOn(stage, options.windowed());
            if (options.screenshot() != null) {
                after(Duration.ofMillis(1500), () -> screenshot(scene, options.screenshot()));
            }
            if (options.exitAfter() != null) {
                after(options.exitAfter(), stage::close);
            }
        });
        closed.await();
        Platform.exit();
    }

    /** Closes the shell's windows, so {@link #show} returns (e.g. to start again on a new release). */
    public static void closeShell() {
        Platform.runLater(() -> new java.util.ArrayList<>(javafx.stage.Window.getWindows())
                .forEach(javafx.stage.Window::hide));
    }

    private static void after(Duration d, Runnable r) {
        PauseTransition p = new PauseTransition(javafx.util.Duration.millis(d.toMillis()));
        p.setOnFinished(e -> r.run());
        p.play();
    }

    private static void screenshot(Scene scene, Path file) {
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", file.toFile());
            System.out.println("kiosk: screenshot written to " + file);
        } catch (IOException e) {
            log.error("could not write screenshot {}: {}", file, e.getMessage());
        }
    }
}
