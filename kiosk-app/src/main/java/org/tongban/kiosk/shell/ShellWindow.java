package org.tongban.kiosk.shell;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.time.LocalDateTime;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.css.PseudoClass;
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
import org.tongban.kiosk.attract.Slide;
import org.tongban.kiosk.attract.Slides;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.config.TerminalConfig;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.i18n.Messages;
import org.tongban.kiosk.status.TerminalStatus;
import org.tongban.kiosk.voice.VoiceGuide;

/**
 * The kiosk's one window: a header ({@link HeaderView}: hall, screen title, date and clock, the citizen's
 * tools), the current screen, and a footer ({@link FooterView}: time left, home and back, status); the idle warning lies over everything. On a portrait screen it takes the
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
    /** The hall's name and the terminal's number (kiosk.yaml), shown in the header and the footer; or null. */
    private String hall;
    private String terminalId;
    /** Updated in place every second: the header's clock and date, the footer's time left. */
    private final Label clock = new Label();
    private final Label date = new Label();
    private final Label timeLeft = new Label();
    private final Timeline ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> tick()));
    /** Where the information of the header goes on a portrait screen: on top, out of reach, nothing to touch. */
    private final VBox infoSlot = new VBox();
    /** Where the citizen is (screen, theme, page, step): a change there slides the new screen in. */
    private List<Object> shownPlace;
    /** Screens slide in (off for a terminal set to reduced motion, and for the audit's still pictures). */
    private boolean motion = true;
    /** The tools panel is open (a compact header keeps only calling staff, leaving and "more tools"). */
    private boolean toolsOpen;
    /** The attract screen's slides (built-in until {@link #pictures} says otherwise) and where the devices are. */
    private SlideShow slideShow = new SlideShow(Slides.builtIn());
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
        ticker.setCycleCount(Animation.INDEFINITE);
        onFx(ticker::play);
    }

    /** The hall's name (header) and the terminal's number (footer), from kiosk.yaml. */
    public ShellWindow identify(String hall, String terminalId) {
        this.hall = hall;
        this.terminalId = terminalId;
        onFx(() -> {
            shownScreen = null;
            shownBar = null;
            render();
        });
        return this;
    }

    /**
     * The pictures of this terminal's configuration: the hall's attract slides (a problem with them is logged
     * and the built-in slides shown: {@code ./kiosk config validate} lists it) and where the ID card reader and
     * the paper tray are (kiosk.yaml {@code screen}).
     */
    public ShellWindow pictures(TerminalConfig config) {
        Slides.Loaded slides = Slides.read(config.dir());
        slides.problems().forEach(p -> org.slf4j.LoggerFactory.getLogger(ShellWindow.class)
                .error("attract slides: {}; showing the built-in slides", p));
        KioskConfig.Screen screen = config.kiosk().screen();
        return pictures(slides.slides(), screen.readerPosition(), screen.trayPosition());
    }

    /** The attract screen's slides, and where the ID card reader and the paper tray are on this terminal. */
    public ShellWindow pictures(List<Slide> slides, String readerPosition,
            String trayPosition) {
        onFx(() -> {
            slideShow = new SlideShow(slides);
            places = new FlowView.Places(readerPosition, trayPosition);
            shownScreen = null;
            render();
        });
        return this;
    }

    /** Every second: the clock, the date and the time left, changed in place (nothing is rebuilt). */
    void tick() {
        Messages m = new Messages(nav.locale());
        LocalDateTime now = LocalDateTime.now();
        clock.setText(HeaderView.clock(now));
        date.setText(HeaderView.date(now, m));
        int left = nav.secondsLeft();
        timeLeft.setText(left < 0 ? "" : FooterView.timeLeft(m, left, nav.countdownPaused()));
        timeLeft.pseudoClassStateChanged(SHORT, left >= 0 && left <= SHORT_SECONDS && !nav.countdownPaused());
    }

    /** The last seconds: the time left turns to the warning's colour and weight (its words say it too). */
    private static final PseudoClass SHORT = PseudoClass.getPseudoClass("short");
    private static final int SHORT_SECONDS = 20;

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

    /**
     * What the first screen pays once, paid ahead on a scene nobody sees: the stylesheets parsed, the controls'
     * skins and the Chinese font loaded, the pictures' SVG reader warmed. The launcher calls it on the JavaFX thread
     * as soon as the toolkit is up, while the terminal's parts start on another (docs/adr/0015-start-time.md).
     *
     * @return the scene; keeping it keeps the parsed stylesheets in JavaFX's cache until the shell uses them
     */
    public static Scene prepareLook() {
        Messages m = new Messages(java.util.Locale.SIMPLIFIED_CHINESE); // the Chinese font, and the bundle read
        StackPane look = new StackPane(Widgets.primary("prepareLook", m.get("attract.touchToStart"), () -> { }),
                Widgets.text(m.get("app.name"), "hint"), Illustration.ID_CARD.drawStill(false, ""));
        look.getStyleClass().add("shell");
        STYLESHEETS.forEach(sheet -> look.getStylesheets().add(css(sheet)));
        Scene scene = new Scene(look, 1, 1);
        look.applyCss();
        look.layout();
        return scene;
    }

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
        List<Object> bar = Arrays.asList(look, status.platformOnline(), status.notices(), nav.screen(),
                FooterView.backOffered(nav), terminalId);
        boolean attract = nav.screen() == Navigator.Screen.ATTRACT;
        toolsOpen &= !attract; // put away at the end of the visit
        boolean tools = toolsOpen && compactTools();
        List<Object> overlay = List.of(look, nav.staffCalled(), nav.staffComing(), nav.idleSecondsLeft() >= 0, attract,
                tools);

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
            frame.setTop(low ? infoSlot : new VBox(headerSlot, bannerSlot));
            frame.setBottom(low ? new VBox(bannerSlot, headerSlot, barSlot) : barSlot);
        }
        if (!screen.equals(shownScreen)) {
            shownScreen = screen;
            boolean visiting = nav.screen() != Navigator.Screen.ATTRACT;
            headerSlot.getChildren().setAll(visiting ? List.of(header(m)) : List.of());
            if (low) {
                Node info = HeaderView.information(nav, m, hall, clock, date);
                info.getStyleClass().add("header");
                infoSlot.getChildren().setAll(visiting ? List.of(info) : List.of());
            }
            tick();
            boolean closed = nav.screen() == Navigator.Screen.ATTRACT && status.outOfService().isPresent();
            Node view = reachable(closed ? OutOfServiceView.build(status.outOfService().get(), m) : switch (nav.screen()) {
                case ATTRACT -> AttractView.build(nav, m, slideShow, places.reader(), low);
                case HOME -> HomeView.home(nav, m, low);
                case CATEGORY -> HomeView.category(nav, m);
                case SEARCH -> SearchView.build(nav, m);
                case DEPARTMENTS -> HomeView.departments(nav, m);
                case ITEM -> nav.flow().map(f -> FlowView.build(nav, f, m, low, places)).orElseGet(() -> HomeView.home(nav, m, low));
            });
            frame.setCenter(view);
            List<Object> place = Arrays.asList(nav.screen(), nav.category().orElse(null), nav.department().orElse(null),
                    nav.page(), nav.flow().map(f -> f.state().stage()).orElse(null));
            if (shownPlace != null && !place.equals(shownPlace)) {
                ScreenChange.enter(view, motion && !nav.elderly());
            }
            shownPlace = place;
        }
        if (!bar.equals(shownBar)) {
            shownBar = bar;
            VBox bottom = new VBox(FooterView.build(nav, status, m, terminalId, low, timeLeft));
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
            if (tools) {
                root.getChildren().add(HeaderView.panel(nav, m, voice, () -> showTools(false)));
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

    /**
     * Whether screens slide in: off on a terminal set to reduced motion ({@code -Dtongban.reducedMotion=true}) and for
     * still pictures (the audit, the screenshots). Elderly mode never slides (nothing moves on its screens).
     */
    public ShellWindow motion(boolean on) {
        motion = on;
        return this;
    }

    /** Elderly mode and a portrait panel keep most tools on a panel of their own ({@link HeaderView#tools}). */
    private boolean compactTools() {
        return nav.elderly() || low;
    }

    /** Opens or puts away the compact header's tools panel (the audit renders it open too). */
    public void showTools(boolean open) {
        onFx(() -> {
            toolsOpen = open;
            render();
        });
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
            // the header's information above the page is part of the top already
            zone.minHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                    () -> Math.max(0, limit.get() - page.getPadding().getTop() - infoSlot.getHeight()), limit,
                    page.paddingProperty(), infoSlot.heightProperty()));
            page.getChildren().add(0, zone);
            return view;
        }
        zone.minHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.max(0, limit.get() - infoSlot.getHeight()), limit, infoSlot.heightProperty()));
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

    /** Wide: the hall, title, tools and clock in one band; low: the tools only (the information is on top). */
    private Node header(Messages m) {
        FlowPane tools = HeaderView.tools(nav, m, voice, compactTools(), () -> showTools(true));
        if (low) {
            tools.getStyleClass().add("header");
            return tools;
        }
        HBox.setHgrow(tools, Priority.ALWAYS);
        tools.setMinWidth(0);
        HBox info = (HBox) HeaderView.information(nav, m, hall, clock, date);
        Node where = info.getChildren().remove(0);
        Node when = info.getChildren().remove(0);
        // the hall and title a sixth of the width (they wrap), the clock last, at the top right; elderly mode's
        // larger words get a quarter (its header has three tools, not eight)
        double share = nav.elderly() ? 0.24 : 0.16;
        ((Region) where).maxWidthProperty().bind(root.widthProperty().multiply(share));
        ((Region) where).minWidthProperty().bind(root.widthProperty().multiply(share));
        ((Region) where).prefWidthProperty().bind(root.widthProperty().multiply(share));
        HBox h = new HBox(16, where, tools, when);
        h.setAlignment(Pos.CENTER_LEFT);
        h.getStyleClass().add("header");
        return h;
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
