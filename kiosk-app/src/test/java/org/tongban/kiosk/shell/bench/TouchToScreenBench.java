package org.tongban.kiosk.shell.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.shell.ShellWindow;

/**
 * The time from a touch to the next screen drawn, over a scripted visit (home, a theme, an item's guidance, back,
 * home, search, the departments, home), on a whole demo terminal and the real shell, headless (Monocle, software
 * rendering, as the audit draws): the touch's action, the shell's redraw, CSS, layout and the frame's pixels.
 * Issue 18 asks p95 at most 50 ms. JMH's sample mode prints the percentiles. Run with
 * {@code .ci/bench kiosk-app TouchToScreenBench -f 1 -wi 3 -i 5}; {@code motion} compares with screen slides off.
 */
@State(Scope.Benchmark)
public class TouchToScreenBench {

    @Param({"true", "false"})
    public boolean motion;

    @Param({"false", "true"})
    public boolean elderly;

    private Demo demo;
    private Scene scene;
    private List<Consumer<Navigator>> visit;
    private int next;

    @Setup(Level.Trial)
    public void start() throws Exception {
        System.setProperty("java.awt.headless", "true");
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("headless.geometry", "1920x1920-32");
        CountDownLatch started = new CountDownLatch(1);
        Platform.setImplicitExit(false);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        started.await();
        demo = new Demo(0, Duration.ofMinutes(30), Duration.ofSeconds(30));
        Navigator nav = demo.terminal().navigator();
        scene = fx(() -> new ShellWindow(nav, demo.terminal().status(), null).motion(motion).scene(1920, 1080));
        fx(() -> {
            nav.touch();
            nav.setElderly(elderly);
            return null;
        });
        String theme = nav.categories().get(0).id();
        String item = "SI-CERT-CONTRIB";
        visit = List.of(n -> n.openCategory(theme), n -> n.openItem(item), Navigator::back, Navigator::home,
                Navigator::openSearch, Navigator::home, Navigator::openDepartments, Navigator::home);
    }

    /** One touch of the visit and the frame it leads to. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object touch() throws Exception {
        Consumer<Navigator> action = visit.get(next++ % visit.size());
        Navigator nav = demo.terminal().navigator();
        return fx(() -> {
            action.accept(nav); // the shell redraws on this thread, as it does for a touch
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return scene.snapshot(null); // the frame's pixels
        });
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        demo.close();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(30, TimeUnit.SECONDS);
    }
}
