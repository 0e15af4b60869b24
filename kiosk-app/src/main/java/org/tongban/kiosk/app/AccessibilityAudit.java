package org.tongban.kiosk.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.tongban.devices.camera.SimulatedCamera;
import org.tongban.kiosk.accessibility.Panel;
import org.tongban.kiosk.accessibility.Rules;
import org.tongban.kiosk.accessibility.Shot;
import org.tongban.kiosk.accessibility.Verdict;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.flow.Stage;
import org.tongban.kiosk.i18n.Messages;
import org.tongban.kiosk.session.Session;
import org.tongban.kiosk.shell.SceneInspector;
import org.tongban.kiosk.shell.ShellWindow;

/**
 * Every screen a citizen can see, reached the way a citizen reaches it (through the navigator of a whole
 * demo terminal: its simulated devices and platform), each rendered in every mode (normal, elderly, high
 * contrast, and both together), language and orientation (the configured panel, and the same panel turned), and judged by
 * the accessibility {@link Rules}. Needs a running JavaFX toolkit; call from any other thread.
 */
public final class AccessibilityAudit {

    /** The modes a citizen can choose; elderly mode and high contrast can be on together. */
    public static final List<String> MODES = List.of("normal", "elderly", "high-contrast", "elderly-high-contrast");

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final int QUEUED_PICTURES = 16;
    private static final String CATEGORY = "social-insurance";
    private static final String PRINTS = "SI-CERT-CONTRIB";
    private static final String FORM_AND_CAPTURE = "HF-WITHDRAW-RENT";
    private static final String FACE = "SI-PENSION-CERTIFY";
    private static final String LICENSE = "TAX-INVOICE-FIRST";

    private final Demo demo;
    private final Navigator nav;
    private final Rules rules;
    private final Panel landscape;
    private final List<Locale> languages;
    private ShellWindow window;

    /**
     * @param screen the panel to measure on (a terminal's kiosk.yaml); it is rendered as configured and turned
     */
    public AccessibilityAudit(Demo demo, KioskConfig.Screen screen, Rules rules, List<Locale> languages) {
        this.demo = demo;
        this.nav = demo.terminal().navigator();
        this.rules = rules;
        this.languages = List.copyOf(languages);
        Panel configured = panel(screen);
        this.landscape = configured.portrait() ? configured.turned() : configured;
    }

    /** On the demo's (the shipped) panel, in both languages the shell offers, by issue 10's rules. */
    public AccessibilityAudit(Demo demo) {
        this(demo, demo.terminal().config().kiosk().screen(), Rules.KIOSK, Messages.LOCALES);
    }

    public static Panel panel(KioskConfig.Screen s) {
        return new Panel(s.widthPx(), s.heightPx(), s.diagonalInches(), s.reachTopPercent());
    }

    /**
     * Walks every screen and renders each in every mode, language and orientation.
     *
     * @param screenshots a folder for one PNG per rendering, or null for none
     * @param each        told each verdict as it comes (progress), may be a no-op
     */
    public List<Verdict> run(Path screenshots, Consumer<Verdict> each) throws Exception {
        return run(screenshots, null, each);
    }

    /**
     * Walks every screen as {@link #run(Path, Consumer)} does, and also writes the documentation's pictures.
     *
     * @param docs the pictures kept under docs/screens, or null for none
     */
    public List<Verdict> run(Path screenshots, ScreenPictures docs, Consumer<Verdict> each) throws Exception {
        if (screenshots != null) {
            Files.createDirectories(screenshots);
        }
        waitFor("the platform simulator", () -> demo.terminal().sync().reachability().online());
        window = fx(() -> new ShellWindow(nav, demo.terminal().status(), null, null, demo.terminal().voice(),
                landscape.reachTopPercent()).identify(demo.terminal().config().kiosk().terminal().hall(),
                demo.terminal().config().kiosk().terminal().id()).pictures(demo.terminal().config())
                .motion(false)); // still pictures; the hall's slides and device places as the kiosk shows them
        List<Verdict> verdicts = new ArrayList<>();
        Consumer<Verdict> collect = v -> {
            verdicts.add(v);
            each.accept(v);
        };
        // Pictures are encoded while the next screens render (encoding is most of the work).
        ExecutorService encoders = Executors.newFixedThreadPool(2, task -> {
            Thread t = new Thread(task, "screenshot-encoder");
            t.setDaemon(true);
            return t;
        });
        Renderer r = new Renderer(screenshots, docs, collect, encoders);
        try {
            tour(r);
            while (!r.saves.isEmpty()) {
                r.saves.poll().get(); // an unwritable folder is the audit's error, not a silent gap
            }
            if (docs != null) {
                docs.writeIndex();
            }
        } finally {
            encoders.shutdownNow();
        }
        return verdicts;
    }

    /** The citizen's way through the terminal, stopping at each screen to render it. */
    private void tour(Renderer r) throws Exception {
        r.render("attract", () -> nav.screen() == Navigator.Screen.ATTRACT);

        demo.terminal().status().lock("请到 3 号窗口办理 / Please go to counter 3");
        r.render("out-of-service", () -> demo.terminal().status().outOfService().isPresent());
        demo.terminal().status().unlock();
        waitFor("service again", () -> demo.terminal().status().outOfService().isEmpty());

        nav.touch();
        r.render("home", () -> nav.screen() == Navigator.Screen.HOME);
        window.showTools(true); // elderly mode's tools panel (the other modes keep the tools in the header)
        r.render("tools", () -> nav.screen() == Navigator.Screen.HOME);
        window.showTools(false);
        nav.openCategory(CATEGORY);
        r.render("category", () -> nav.screen() == Navigator.Screen.CATEGORY);
        demo.printer().paperOut();
        r.render("category-printer-out", () -> nav.items().stream().anyMatch(i -> nav.unavailable(i).isPresent()));
        demo.printer().refill(500);
        waitFor("the printer refilled", () -> nav.items().stream().allMatch(i -> nav.unavailable(i).isEmpty()));
        nav.openDepartments();
        r.render("departments", () -> nav.screen() == Navigator.Screen.DEPARTMENTS);
        nav.openDepartment(nav.departments().get(0).id());
        r.render("department", () -> nav.department().isPresent());
        nav.openSearch();
        nav.type("S");
        nav.type("B");
        r.render("search", () -> nav.screen() == Navigator.Screen.SEARCH && !nav.searchResults().isEmpty());
        nav.clearQuery();
        nav.type("Q");
        nav.type("Q");
        nav.type("Q");
        r.render("search-nothing-found", () -> nav.searchResults().isEmpty());
        nav.clearQuery();

        // Query, print, review.
        nav.openItem(PRINTS);
        r.render("guidance", stage(Stage.GUIDANCE));
        flow().proceed();
        r.render("wait-for-card", stage(Stage.WAIT_FOR_CARD));
        demo.idCardReader().present(Demo.sampleCard());
        r.render("result", stage(Stage.RESULT));
        // The printer out of paper: the failed stage; then a slow print: the working stage (countdown paused).
        demo.printer().paperOut();
        flow().proceed();
        r.render("failed", stage(Stage.FAILED));
        demo.printer().refill(500);
        demo.printer().takes(java.time.Duration.ofMinutes(10));
        flow().retry();
        r.render("working", stage(Stage.WORKING));
        demo.printer().takes(java.time.Duration.ZERO);
        waitFor("the slow print's end", () -> flow().state().stage() != Stage.WORKING);
        if (flow().state().stage() == Stage.FAILED) { // rendering took longer than the print job may: once more
            flow().retry();
        }
        r.render("printed", stage(Stage.PRINTED));
        flow().proceed();
        r.render("review", stage(Stage.REVIEW));
        flow().chooseLevel(2);
        r.render("review-reasons", stage(Stage.REVIEW_REASONS));
        flow().review(2, List.of(ServiceFlow.REVIEW_REASONS.get(0)), "");
        r.render("done", stage(Stage.DONE));

        // A form, its errors, document capture, confirmation and submission (the card is already read).
        nav.openItem(FORM_AND_CAPTURE);
        waitFor("guidance", stage(Stage.GUIDANCE));
        flow().proceed();
        r.render("form", stage(Stage.FORM));
        flow().submitForm(Map.of());
        r.render("form-errors", () -> stage(Stage.FORM).getAsBoolean() && !flow().state().fieldErrors().isEmpty());
        flow().submitForm(Map.of("phone", "13812345678", "bankAccount", "6222020000000000"));
        r.render("capture", stage(Stage.CAPTURE));
        flow().capturePage();
        r.render("capture-pages", () -> stage(Stage.CAPTURE).getAsBoolean() && flow().capture().orElseThrow().pages() > 0);
        flow().finishCapture();
        r.render("confirm", stage(Stage.CONFIRM));
        flow().proceed();
        r.render("submitted", stage(Stage.SUBMITTED));

        // The face step, kept on its guidance (the camera covered, so no face is found), then leaving it:
        // the review of an unfinished service is offered, with a way to skip it.
        SimulatedCamera faceCamera = (SimulatedCamera) demo.terminal().devices().byName("camera").orElseThrow();
        faceCamera.cover();
        nav.openItem(FACE);
        waitFor("guidance", stage(Stage.GUIDANCE));
        flow().proceed();
        r.render("face", stage(Stage.FACE));
        nav.home();
        r.render("review-on-leaving", () -> stage(Stage.REVIEW).getAsBoolean() && flow().leaving());
        faceCamera.uncover();
        flow().skipReview();
        waitFor("home", () -> nav.screen() == Navigator.Screen.HOME);

        // The e-licence step: waiting for the QR code, then the verified licence.
        nav.openItem(LICENSE);
        waitFor("guidance", stage(Stage.GUIDANCE));
        flow().proceed();
        r.render("license", stage(Stage.LICENSE));
        demo.qrScanner().show(DemoMedia.SAMPLE_LICENSE);
        r.render("license-shown", stage(Stage.LICENSE_SHOWN));
        flow().proceed();
        r.render("form-with-choice", stage(Stage.FORM));

        // Without the platform: what still works offline.
        demo.platform().stop();
        waitFor("the platform gone", () -> !demo.terminal().sync().reachability().online());
        nav.openItem(PRINTS);
        r.render("needs-platform", stage(Stage.NEEDS_PLATFORM));
        demo.platform().start();
        demo.terminal().sync().syncNow();
        waitFor("the platform back", () -> demo.terminal().sync().reachability().online());

        // Over any screen: the idle warning, and staff called.
        nav.home();
        Session session = demo.terminal().sessions().current().orElseThrow();
        nav.idleWarning(session, 20);
        r.render("idle-warning", () -> nav.idleSecondsLeft() == 20);
        nav.idleWarningCleared(session);
        nav.callStaff();
        r.render("staff-called", nav::staffCalled);
        nav.staffArrived();
        nav.finish();
        waitFor("the attract screen", () -> nav.screen() == Navigator.Screen.ATTRACT);
    }

    private ServiceFlow flow() {
        return nav.flow().orElseThrow(() -> new IllegalStateException("no service open (screen " + nav.screen() + ")"));
    }

    private BooleanSupplier stage(Stage stage) {
        return () -> nav.flow().map(f -> f.state().stage() == stage).orElse(false);
    }

    private void waitFor(String what, BooleanSupplier reached) throws InterruptedException {
        Instant end = Instant.now().plus(STEP_TIMEOUT);
        while (!reached.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("the audit did not reach " + what + " within " + STEP_TIMEOUT.toSeconds()
                        + " s (screen " + nav.screen() + nav.flow().map(f -> ", stage " + f.state().stage()).orElse("") + ")");
            }
            Thread.sleep(20);
        }
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Renders the current screen in every variant, judges each, and saves the pictures. */
    private final class Renderer {

        private final Path screenshots;
        private final ScreenPictures docs;
        private final Consumer<Verdict> verdicts;
        private final ExecutorService encoders;
        /** Pictures not yet written, oldest first; a few at most, each is 8 MB of pixels. */
        private final java.util.ArrayDeque<Future<?>> saves = new java.util.ArrayDeque<>();

        Renderer(Path screenshots, ScreenPictures docs, Consumer<Verdict> verdicts, ExecutorService encoders) {
            this.screenshots = screenshots;
            this.docs = docs;
            this.verdicts = verdicts;
            this.encoders = encoders;
        }

        /** Hands a picture to the encoders; a few at most wait (each is 8 MB of pixels). */
        private void queue(Write write) throws Exception {
            saves.add(encoders.submit(() -> {
                write.run();
                return null;
            }));
            while (saves.size() > QUEUED_PICTURES) {
                saves.poll().get();
            }
        }

        void render(String screen, BooleanSupplier reached) throws Exception {
            waitFor(screen, reached);
            for (Panel panel : List.of(landscape, landscape.turned())) {
                List<Rendering> done = fx(() -> {
                    List<Rendering> renderings = new ArrayList<>();
                    Scene scene = window.scene(panel.widthPx(), panel.heightPx());
                    for (Locale language : languages) {
                        for (String mode : MODES) {
                            nav.setLocale(language);
                            nav.setElderly(mode.startsWith("elderly"));
                            nav.setHighContrast(mode.endsWith("high-contrast"));
                            SceneInspector.Inspection seen = SceneInspector.inspect(scene, window.foreground());
                            Shot shot = new Shot(screen, mode, language.getLanguage(), panel.portrait() ? "portrait" : "landscape");
                            renderings.add(new Rendering(rules.judge(shot, seen.seen(), panel), seen.picture()));
                        }
                    }
                    nav.setLocale(languages.get(0));
                    nav.setElderly(false);
                    nav.setHighContrast(false);
                    return renderings;
                });
                if (!reached.getAsBoolean()) {
                    throw new IllegalStateException("the screen " + screen + " changed by itself while it was rendered");
                }
                for (Rendering d : done) {
                    if (screenshots != null) {
                        Path file = screenshots.resolve(d.verdict().shot().fileName());
                        queue(() -> save(d.picture(), file));
                    }
                    if (docs != null && docs.wanted(d.verdict().shot())) {
                        queue(() -> docs.write(d.verdict().shot(), SwingFXUtils.fromFXImage(d.picture(), null)));
                    }
                    verdicts.accept(d.verdict());
                }
            }
        }
    }

    /** A picture to write, written while the next screens render. */
    private interface Write {
        void run() throws IOException;
    }

    private record Rendering(Verdict verdict, WritableImage picture) {
    }

    /**
     * PNG at deflate level 1: encoding at the default level took most of the audit's time (about 0.2 s a
     * picture); screen pictures are mostly flat colour and stay small at the fast level.
     */
    private static void save(WritableImage picture, Path file) throws IOException {
        BufferedImage image = SwingFXUtils.fromFXImage(picture, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam fast = writer.getDefaultWriteParam();
        fast.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        fast.setCompressionQuality(0.9f); // the JDK's PNG writer: deflate level 9 - round(9 x quality) = 1
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), fast);
        } finally {
            writer.dispose();
        }
    }
}
