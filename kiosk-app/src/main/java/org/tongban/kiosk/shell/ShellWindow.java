package org.tongban.kiosk.shell;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TouchEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.tongban.kiosk.admin.Maintenance;
import org.tongban.kiosk.admin.Workbench;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.i18n.Messages;
import org.tongban.kiosk.status.TerminalStatus;
import org.tongban.kiosk.voice.VoiceGuide;

/**
 * The kiosk's one window: a header (language, elderly mode, high contrast, call staff), the current
 * screen, and a status bar; the idle warning lies over everything. On a portrait screen it takes the
 * wheelchair (low) layout: information at the top, everything to touch below the top part. It only
 * draws what the {@link Navigator} and {@link TerminalStatus} say and passes touches back; it holds no
 * rules of its own.
 *
 * <p>Why it is longer than 400 lines: it places the views the navigator's snapshot calls for and the overlays (idle warning, staff banner,
 * maintenance corner) over them; each screen is drawn by its own view class.
 */
public final class ShellWindow {

    private final Navigator nav;
    private final TerminalStatus status;
    private final StackPane root = new StackPane();
    private final BorderPane frame = new BorderPane();
    private final Function<Messages, Node> extraControls;
    /** What each part shows now, to redraw it only on a change; and the idle countdown's number. */
    private List<Object> shownLook;
    private List<Object> shownScreen;
    private List<Object> shownBar;
    private List<Object> shownOverlay;
    private Label countdown;
    private final Workbench workbench;
    private List<Object> shownMaintenance;
    /** Voice guidance's buttons in the header, or null for none. */
    private final VoiceGuide voice;
    /** The header (the citizen's buttons) and the status bar: on top and at the foot, or both at the foot. */
    private final VBox headerSlot = new VBox();
    private final VBox barSlot = new VBox();
    /** The call-staff banner, under the header (or above it at the foot): the header's buttons stay usable. */
    private final VBox bannerSlot = new VBox();
    private final int reachTopPercent;
    /** The wheelchair (low) layout: a portrait screen, everything to touch below the top reachTopPercent. */
    private boolean low;
    /** The attract screen's slides (built-in until {@link #pictures} says otherwise) and where the devices are. */
    private SlideShow slideShow = new SlideShow(org.tongban.kiosk.attract.Slides.builtIn());
    private FlowView.Places places = FlowView.Places.DEFAULT;

    /** @param extraControls drawn under the status bar (the demo's simulator controls), or null */
    public ShellWindow(Navigator nav, TerminalStatus status, Function<Messages, Node> extraControls) {
        this(nav, status, extraControls, null);
    }

    /** @param workbench maintenance mode (entered by a long press in the top right corner), or null for none */
    public ShellWindow(Navigator nav, TerminalStatus status, Function<Messages, Node> extraControls,
                       Workbench workbench) {
        this(nav, status, extraControls, workbench, null, KioskConfig.Screen.DEFAULT_REACH_TOP_PERCENT);
    }

    /**
     * @param voice voice guidance: "read this page aloud" and the volume in the header, or null for none
     * @param reachTopPercent on a portrait screen, the top part (percent of its height) that shows only
     *                        information: every control lies below it, within a seated citizen's reach
     */
    public ShellWindow(Navigator nav, TerminalStatus status, Function<Messages, Node> extraControls,
                       Workbench workbench, VoiceGuide voice, int reachTopPercent) {
        this.voice = voice;
        this.reachTopPercent = reachTopPercent;
        this.workbench = workbench;
        this.nav = nav;
        this.status = status;
        this.extraControls = extraControls;
        root.getStyleClass().add("shell");
        STYLESHEETS.forEach(sheet -> root.getStylesheets().add(css(sheet)));
        nav.addListener(n -> onFx(this::render));
        status.addListener(s -> onFx(this::render));
        if (workbench != null) {
            workbench.mode().addListener(x -> onFx(this::render));
        }
        render();
    }

    /**
     * The pictures of this terminal's configuration: the hall's attract slides (a problem with them is logged
     * and the built-in slides shown: {@code ./kiosk config validate} lists it) and where the ID card reader and
     * the paper tray are (kiosk.yaml {@code screen}).
     */
    public ShellWindow pictures(org.tongban.kiosk.config.TerminalConfig config) {
        org.tongban.kiosk.attract.Slides.Loaded slides = org.tongban.kiosk.attract.Slides.read(config.dir());
        slides.problems().forEach(p -> org.slf4j.LoggerFactory.getLogger(ShellWindow.class)
                .error("attract slides: {}; showing the built-in slides", p));
        KioskConfig.Screen screen = config.kiosk().screen();
        return pictures(slides.slides(), screen.readerPosition(), screen.trayPosition());
    }

    /** The attract screen's slides, and where the ID card reader and the paper tray are on this terminal. */
    public ShellWindow pictures(java.util.List<org.tongban.kiosk.attract.Slide> slides, String readerPosition,
            String trayPosition) {
        onFx(() -> {
            slideShow = new SlideShow(slides);
            places = new FlowView.Places(readerPosition, trayPosition);
            shownScreen = null;
            render();
        });
        return this;
    }

    public Parent root() {
        return root;
    }

    /** Full screen on a kiosk: an undecorated stage sized to the screen (works without a window manager). */
    public Scene showOn(Stage stage, boolean windowed) {
        if (windowed) {
            return showOn(stage, 1280, 800);
        }
        Rectangle2D bounds = Screen.getPrimary().getBounds();
        stage.initStyle(StageStyle.UNDECORATED);
        stage.setX(bounds.getMinX());
        stage.setY(bounds.getMinY());
        return showOn(stage, bounds.getWidth(), bounds.getHeight());
    }

    /** In a stage of the given size (a desktop window, or a test's stage). */
    public Scene showOn(Stage stage, double width, double height) {
        Scene scene = scene(width, height);
        // Any touch, click or key keeps the session alive; the attract screen starts one itself.
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> nav.activity());
        scene.addEventFilter(TouchEvent.TOUCH_PRESSED, e -> nav.activity());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> nav.activity());
        stage.setTitle("Tongban 通办");
        stage.setScene(scene);
        stage.show();
        return scene;
    }

    /**
     * A scene of the given size holding the shell (taken from any scene it was in before): a portrait
     * size gets the wheelchair (low) layout. The accessibility audit renders each size this way.
     */
    public Scene scene(double width, double height) {
        if (root.getScene() != null) {
            root.getScene().setRoot(new javafx.scene.Group());
        }
        Scene scene = new Scene(root, width, height);
        low = height > width;
        shownLook = null;
        shownScreen = null;
        shownBar = null;
        shownOverlay = null;
        render();
        return scene;
    }

    /** What the citizen sees and touches now: the idle warning over the screen, else the screen. */
    public Parent foreground() {
        return root.getChildren().stream().filter(n -> n.getStyleClass().contains("overlay"))
                .map(Parent.class::cast).reduce((first, last) -> last).orElse(frame);
    }

    private static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    /**
     * The stylesheets, in cascade order: the palette (colours by name, re-bound by each theme), the components,
     * then the modes that override them. A later sheet wins a tie, so the order matters.
     */
    static final List<String> STYLESHEETS = List.of("palette.css", "base.css", "controls.css", "chrome.css",
            "elderly.css", "forms.css", "keyboards.css", "pictures.css", "high-contrast.css", "portrait.css");

    private static String css(String name) {
        return ShellWindow.class.getResource(name).toExternalForm();
    }

    /**
     * Redraws each part (screen, status bar, overlay) only when what it shows has changed: rebuilding
     * a screen under a citizen's finger because the printer status or the countdown changed would
     * swallow their touch.
     */
    void render() {
        if (maintenance()) {
            return;
        }
        Messages m = new Messages(nav.locale());
        List<Object> look = List.of(nav.locale(), nav.elderly(), nav.highContrast(), low);
        List<Object> screen = Arrays.asList(look, nav.screen(), nav.category().orElse(null), nav.department().orElse(null),
                nav.query(), nav.page(),
                nav.flow().map(f -> f.state()).orElse(null), status.notices(), status.outOfService().orElse(null));
        List<Object> bar = List.of(look, status.platformOnline(), status.notices());
        boolean attract = nav.screen() == Navigator.Screen.ATTRACT;
        List<Object> overlay = List.of(look, nav.staffCalled(), nav.staffComing(), nav.idleSecondsLeft() >= 0, attract);

        if (!look.equals(shownLook)) {
            shownLook = look;
            root.getStyleClass().removeAll("elderly", "high-contrast", "low", "lang-en", "lang-zh");
            root.getStyleClass().add(nav.locale().getLanguage().equals("en") ? "lang-en" : "lang-zh");
            if (nav.elderly()) {
                root.getStyleClass().add("elderly");
            }
            if (nav.highContrast()) {
                root.getStyleClass().add("high-contrast");
            }
            if (low) {
                root.getStyleClass().add("low");
            }
            // Low: the citizen's buttons join the status bar at the foot, where a seated citizen reaches them.
            frame.setTop(low ? null : new VBox(headerSlot, bannerSlot));
            frame.setBottom(low ? new VBox(bannerSlot, headerSlot, barSlot) : barSlot);
        }
        if (!screen.equals(shownScreen)) {
            shownScreen = screen;
            headerSlot.getChildren().setAll(nav.screen() == Navigator.Screen.ATTRACT ? List.of() : List.of(header(m)));
            boolean closed = nav.screen() == Navigator.Screen.ATTRACT && status.outOfService().isPresent();
            frame.setCenter(reachable(closed ? OutOfServiceView.build(status.outOfService().get(), m) : switch (nav.screen()) {
                case ATTRACT -> AttractView.build(nav, m, slideShow, places.reader(), low);
                case HOME -> HomeView.home(nav, m);
                case CATEGORY -> HomeView.category(nav, m);
                case SEARCH -> SearchView.build(nav, m);
                case ITEM -> nav.flow().map(f -> FlowView.build(nav, f, m, low, places)).orElseGet(() -> HomeView.home(nav, m));
            }));
        }
        if (!bar.equals(shownBar)) {
            shownBar = bar;
            VBox bottom = new VBox(statusBar(m));
            if (extraControls != null) {
                bottom.getChildren().add(extraControls.apply(m));
            }
            barSlot.getChildren().setAll(bottom);
        }
        if (!overlay.equals(shownOverlay)) {
            shownOverlay = overlay;
            root.getChildren().setAll(frame);
            // Only where no header is drawn: over a header the corner would swallow taps on its exit button.
            if (workbench != null && attract) {
                root.getChildren().add(MaintenanceCorner.build(workbench.mode()));
            }
            countdown = null;
            if (nav.idleSecondsLeft() >= 0) {
                root.getChildren().add(idleWarning(m));
            }
            bannerSlot.getChildren().setAll(nav.staffCalled() ? List.of(staffCalled(m)) : List.of());
        } else if (countdown != null) {
            countdown.setText(m.get("idle.countdown", nav.idleSecondsLeft()));
        }
    }

    /** Maintenance mode covers the whole window; drawn again only when its own state changes. */
    private boolean maintenance() {
        Maintenance mode = workbench == null ? null : workbench.mode();
        if (mode == null || !mode.active()) {
            shownMaintenance = null;
            return false;
        }
        List<Object> look = Arrays.asList(nav.locale(), mode.page(), mode.role().orElse(null), mode.pinLength(),
                mode.prompt());
        if (!look.equals(shownMaintenance)) {
            shownMaintenance = look;
            Node view = MaintenanceView.build(workbench, new Messages(nav.locale()));
            view.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> mode.activity());
            root.getChildren().setAll(view);
            shownLook = null;
            shownScreen = null;
            shownBar = null;
            shownOverlay = null;
        }
        return true;
    }

    /**
     * In the low layout, a screen's leading information (its title, its prompt: nothing to touch) fills
     * the top part of the screen, out of a seated citizen's reach, and its controls start below it. A
     * screen that does not begin with information gets that part empty.
     */
    private Node reachable(Node view) {
        if (!low) {
            return view;
        }
        VBox zone = new VBox();
        zone.getStyleClass().add("reach-zone");
        javafx.beans.binding.DoubleBinding limit = root.heightProperty().multiply(reachTopPercent / 100.0);
        if (view instanceof VBox page) {
            while (!page.getChildren().isEmpty() && information(page.getChildren().get(0))) {
                zone.getChildren().add(page.getChildren().remove(0));
            }
            zone.alignmentProperty().bind(page.alignmentProperty());
            zone.minHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                    () -> limit.get() - page.getPadding().getTop(), limit, page.paddingProperty()));
            page.getChildren().add(0, zone);
            return view;
        }
        zone.minHeightProperty().bind(limit);
        VBox.setVgrow(view, Priority.ALWAYS);
        return new VBox(zone, view);
    }

    /** Nothing in it can be touched: text, pictures, space. */
    private static boolean information(Node n) {
        if (n instanceof javafx.scene.control.Control && !(n instanceof Label)) {
            return false;
        }
        return !(n instanceof Parent p) || p.getChildrenUnmodifiable().stream().allMatch(ShellWindow::information);
    }

    private Node header(Messages m) {
        boolean english = nav.locale().getLanguage().equals("en");
        // The buttons wrap to a second row rather than squeeze their words (a portrait screen is narrow).
        FlowPane choices = new FlowPane(20, 12);
        if (voice != null) {
            choices.getChildren().add(voiceControls(m));
        }
        choices.getChildren().addAll(
                Widgets.button("language", m.get("header.otherLanguage"),
                        () -> nav.setLocale(english ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH)),
                Widgets.button("elderly", m.get(nav.elderly() ? "header.elderlyOff" : "header.elderlyOn"),
                        () -> nav.setElderly(!nav.elderly())),
                Widgets.button("highContrast", m.get(nav.highContrast() ? "header.highContrastOff" : "header.highContrastOn"),
                        () -> nav.setHighContrast(!nav.highContrast())),
                Widgets.button("callStaff", m.get("header.callStaff"), nav::callStaff),
                Widgets.button("exit", m.get("header.exit"), nav::finish));
        Button home = Widgets.button("home", m.get("nav.home"), nav::home);
        if (low) { // one flow of buttons: the fewest rows on a narrow screen
            choices.getChildren().add(0, home);
            choices.getStyleClass().add("header");
            return choices;
        }
        choices.setAlignment(Pos.CENTER_RIGHT);
        HBox.setHgrow(choices, Priority.ALWAYS);
        HBox h = new HBox(20, home, choices);
        h.setAlignment(Pos.CENTER_LEFT);
        h.getStyleClass().add("header");
        return h;
    }

    /** "Read this page aloud" between the volume buttons; what they do is the {@link VoiceGuide}'s. */
    private Node voiceControls(Messages m) {
        HBox box = new HBox(12, // 3 mm: targets stay apart
                voiceButton("voiceQuieter", m, "voice.quieter", voice::quieter),
                voiceButton("readAloud", m, "voice.readAloud", voice::readPage),
                voiceButton("voiceLouder", m, "voice.louder", voice::louder));
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private static Node voiceButton(String id, Messages m, String key, Runnable action) {
        javafx.scene.control.Button b = Widgets.button(id, m.get(key), action);
        b.getStyleClass().add("voice-control");
        b.setAccessibleText(m.get(key + ".accessible"));
        return b;
    }

    private Node statusBar(Messages m) {
        Label platform = Widgets.text(m.get(status.platformOnline() ? "status.online" : "status.offline"),
                status.platformOnline() ? "status-ok" : "status-bad");
        platform.setId("statusPlatform");
        List<Node> states = new java.util.ArrayList<>(List.of(platform));
        for (TerminalStatus.DeviceNotice n : status.notices()) {
            Label l = Widgets.text(m.get("device." + n.deviceClass() + "." + n.state()), "status-bad");
            l.setId("notice-" + n.device());
            states.add(l);
        }
        Label help = Widgets.text(m.get("status.help"), "status-help");
        Pane bar;
        if (low) {
            // A narrow screen: one line each, wrapped, rather than squeezed side by side.
            bar = new VBox(6);
            bar.getChildren().addAll(states);
            bar.getChildren().add(help);
        } else {
            FlowPane left = new FlowPane(30, 6);
            left.getChildren().addAll(states);
            HBox.setHgrow(left, Priority.ALWAYS);
            help.setMinWidth(Region.USE_PREF_SIZE);
            HBox row = new HBox(30, left, help);
            row.setAlignment(Pos.CENTER_LEFT);
            bar = row;
        }
        bar.setId("statusBar");
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private Node idleWarning(Messages m) {
        countdown = Widgets.text(m.get("idle.countdown", nav.idleSecondsLeft()), "prompt");
        VBox box = new VBox(30,
                Widgets.title(m.get("idle.title")),
                countdown,
                Widgets.primary("stillHere", m.get("idle.stillHere"), nav::stillHere));
        box.setAlignment(Pos.CENTER);
        box.setId("idleWarning");
        box.getStyleClass().add("overlay");
        return box;
    }

    /**
     * A banner across the screen, not a dialog: staff see it from across the hall, and the citizen can go
     * on with their service while they wait.
     */
    private Node staffCalled(Messages m) {
        // Once staff acknowledge the call (the fleet server says so), the banner says they are on their way.
        Label called = Widgets.title(m.get(nav.staffComing() ? "staff.coming" : "staff.called"));
        called.setId("staffBannerText");
        HBox.setHgrow(called, Priority.ALWAYS);
        called.setMaxWidth(Double.MAX_VALUE);
        HBox banner = new HBox(30, called, Widgets.primary("staffArrived", m.get("staff.ok"), nav::staffArrived));
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setId("staffCalled");
        banner.getStyleClass().add("staff-banner");
        return banner;
    }

}
