package org.tongban.kiosk.flow;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.idcard.IdCard;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.LiveCatalog;
import org.tongban.kiosk.catalog.UsageCounts;
import org.tongban.kiosk.catalog.Category;
import org.tongban.kiosk.catalog.Department;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.config.Profile;
import org.tongban.kiosk.input.Keyboards;
import org.tongban.kiosk.input.PinyinDictionary;
import org.tongban.kiosk.session.Session;
import org.tongban.kiosk.session.SessionListener;
import org.tongban.kiosk.session.SessionManager;

/**
 * Where the citizen is in the shell and how it is shown to them: attract loop, home, a category,
 * an item's flow; the language; elderly mode and high contrast; the idle warning; staff called. A plain class: the
 * JavaFX views draw what it says and pass it what the citizen did, and tests drive it without a screen.
 *
 * <p>Threads (docs/adr/0007-threading-model.md): touches come on the JavaFX thread, cards on a device's event
 * thread, idle ticks on the ticker, flow changes on the flow's worker. Every change is made holding the
 * navigator's lock and ends by publishing one immutable {@link Shown}; the getters read the last one published,
 * without the lock. Listeners are told holding the lock, in the order of the changes: they must not wait for
 * another thread.
 *
 * <p>Longer than most classes (about 570 lines) on purpose: a visit's whole state and the one lock that guards
 * it stay together, so every change is seen to take it; the last hundred lines are plain reads for the views.
 */
public final class Navigator implements SessionListener {

    public enum Screen { ATTRACT, HOME, CATEGORY, SEARCH, ITEM, DEPARTMENTS }

    /** How many search results fit on one screen without scrolling. */
    public static final int SEARCH_RESULTS = 8;

    /**
     * How many choices (categories, items, search results) one screen offers: elderly mode offers
     * fewer, larger ones, following the national elderly-friendly design rules.
     */
    public static final int CHOICES_PER_PAGE = 9;
    public static final int ELDERLY_CHOICES_PER_PAGE = 4;

    /** Makes the flow for an item in a session (wired by the composition root with the real services). */
    @FunctionalInterface
    public interface FlowFactory {
        ServiceFlow create(ServiceItem item, Session session);
    }

    private static final Logger log = LoggerFactory.getLogger(Navigator.class);

    private final LiveCatalog live;
    private final UsageCounts usage;
    private final Profile profile;
    private final SessionManager sessions;
    private final FlowFactory flows;
    private final Locale defaultLocale;
    private final ServiceGate gate;
    private final Keyboards keyboards;
    private final List<Consumer<Navigator>> listeners = new CopyOnWriteArrayList<>();

    /**
     * What the shell shows, at one instant: published whole after every change, never changed.
     *
     * @param flow the flow of the item shown, or null
     * @param page the page of the choices shown (categories on home, items of a category), from 0
     * @param idleSecondsLeft seconds before the idle session ends, or -1 when no warning is showing
     */
    public record Shown(Screen screen, String categoryId, String departmentId, String query, ServiceFlow flow,
                        Locale locale, boolean elderly, boolean highContrast, int idleSecondsLeft, int page,
                        boolean staffCalled, boolean staffComing) {
    }

    // The visit's state: read and written only holding the navigator's lock (see the class comment).
    private Screen screen = Screen.ATTRACT;
    private String categoryId;
    private String departmentId;
    private String query = "";
    private ServiceFlow flow;
    private Locale locale;
    private boolean elderly;
    private boolean highContrast;
    private int idleSecondsLeft = -1;
    private int page;
    private boolean staffCalled;
    /** Staff acknowledged the call (through the fleet server): someone is on the way. */
    private boolean staffComing;
    /** The session shown: events of any other (a late end of the visit before) change nothing. */
    private Session visit;
    /** The review of an abandoned service was offered in this visit (it is offered once). */
    private boolean reviewOffered;
    /** Where to go once the review offered on leaving is given or skipped. */
    private Runnable afterReview;
    /** The last state published, for the views and the voice guide. */
    private volatile Shown shown;

    public Navigator(LiveCatalog live, Profile profile, SessionManager sessions, FlowFactory flows, Locale defaultLocale,
                     UsageCounts usage) {
        this(live, profile, sessions, flows, defaultLocale, usage, ServiceGate.open(),
                new Keyboards(PinyinDictionary::load));
    }

    /**
     * @param gate says whether the terminal serves and which items can run (devices, the platform's LOCK)
     * @param keyboards the on-screen keyboards' dictionary and what is being typed on the screen shown
     */
    public Navigator(LiveCatalog live, Profile profile, SessionManager sessions, FlowFactory flows, Locale defaultLocale,
                     UsageCounts usage, ServiceGate gate, Keyboards keyboards) {
        this.gate = gate;
        this.keyboards = keyboards;
        this.live = live;
        this.usage = usage;
        this.profile = profile;
        this.sessions = sessions;
        this.flows = flows;
        this.defaultLocale = defaultLocale;
        this.locale = defaultLocale;
        this.shown = snapshot();
        sessions.addListener(this);
    }

    /** Called after every change, on the thread that made it, holding the navigator's lock: never wait in one. */
    public void addListener(Consumer<Navigator> listener) {
        listeners.add(listener);
    }

    /** Publishes the change just made and tells the listeners; called holding the lock. */
    private void changed() {
        // Each screen has its own countdown; it stands still while the machine works (ScreenTime).
        ScreenTime.Rule time = ScreenTime.of(screen, flow == null ? null : flow.state().stage());
        sessions.screen(time.key(), time.factor(), time.paused());
        shown = snapshot();
        listeners.forEach(l -> l.accept(this));
    }

    private Shown snapshot() {
        return new Shown(screen, categoryId, departmentId, query, flow, locale, elderly, highContrast, idleSecondsLeft,
                page, staffCalled, staffComing);
    }

    /** Everything the shell shows now, as one consistent state (a view draws from one of these). */
    public Shown shown() {
        return shown;
    }

    /**
     * A change a citizen makes during a visit, made holding the lock; it keeps the session alive. On the
     * attract loop there is no visit, and nothing of one may be set for the next citizen: ignored.
     */
    private synchronized void inVisit(Runnable change) {
        if (screen != Screen.ATTRACT) {
            look(change);
        }
    }

    /** A change of how the shell looks (language, elderly mode, contrast): the attract loop may show any look. */
    private synchronized void look(Runnable change) {
        sessions.activity();
        change.run();
        changed();
    }

    // ---- what the citizen does -----------------------------------------------------------------

    /** Any touch: starts a session from the attract loop, otherwise keeps the session alive. */
    public synchronized void touch() {
        if (screen == Screen.ATTRACT && !gate.inService()) {
            return; // the out-of-service screen stays; it says where to go instead
        }
        if (screen == Screen.ATTRACT) {
            visit = sessions.startOrContinue(Session.Trigger.TOUCH);
            screen = Screen.HOME;
            changed();
        } else {
            sessions.activity();
        }
    }

    /** The citizen touched something: keeps the session alive, never changes the screen. */
    public void activity() {
        sessions.activity();
    }

    /** A card was read: it starts or continues the session, and identifies the citizen to a waiting flow. */
    public synchronized void cardRead(IdCard card) {
        if (screen == Screen.ATTRACT && !gate.inService()) {
            return;
        }
        Session s = identified(card);
        if (s != visit) {
            // a new session: the visit shown before ended at this instant (its end is on its way, and ignored)
            startOver(s);
            screen = Screen.HOME;
        } else if (screen == Screen.ATTRACT) {
            screen = Screen.HOME;
        } else if (flow != null) {
            flow.cardRead(card);
        }
        changed();
    }

    /** The session the card is read into: the current one, or a new one when it ended just now. */
    private Session identified(IdCard card) {
        while (true) {
            Session s = sessions.startOrContinue(Session.Trigger.ID_CARD);
            try {
                s.identify(card);
                return s;
            } catch (IllegalStateException wipedMeanwhile) {
                log.debug("session {} ended while a card was read: the card starts the next one", s.id());
            }
        }
    }

    public void openCategory(String id) {
        inVisit(() -> {
            closeFlow(); // a flow is shown on ITEM only
            page = 0;
            query = "";
            categoryId = id;
            departmentId = null;
            screen = Screen.CATEGORY;
        });
    }

    /** The search screen with its large-key keyboard; what was typed before is kept for this visit. */
    public void openSearch() {
        inVisit(() -> {
            closeFlow(); // a flow is shown on ITEM only
            page = 0;
            screen = Screen.SEARCH;
        });
    }

    /** A key of the on-screen keyboard: a letter (pinyin initial), a digit, or a character. */
    public void type(String key) {
        inVisit(() -> query = query.length() < 20 ? query + key : query);
    }

    public void deleteLast() {
        inVisit(() -> query = query.isEmpty() ? query : query.substring(0, query.offsetByCodePoints(query.length(), -1)));
    }

    public void clearQuery() {
        inVisit(() -> query = "");
    }

    public String query() {
        return shown.query();
    }

    /** The best matches for what was typed, offered on this terminal, at most one screen of them. */
    public List<ServiceItem> searchResults() {
        Shown now = shown;
        return live.search().search(now.query(), profile).stream()
                .limit(now.elderly() ? ELDERLY_CHOICES_PER_PAGE : SEARCH_RESULTS).toList();
    }

    /** "More": the next screenful of categories (home) or items (a category or department). */
    public void nextPage() {
        inVisit(() -> {
            List<?> choices = screen == Screen.HOME ? categories() : items(categoryId, departmentId);
            page = Math.min(page + 1, Page.of(choices, 0, choicesPerPage(elderly)).count() - 1);
        });
    }

    public void previousPage() {
        inVisit(() -> page = Math.max(0, page - 1));
    }

    /** The categories on the home screen now. */
    public Page<Category> categoriesPage() {
        Shown now = shown;
        return Page.of(categories(), now.page(), choicesPerPage(now.elderly()));
    }

    /** The items of the open category or department on the screen now. */
    public Page<ServiceItem> itemsPage() {
        Shown now = shown;
        return Page.of(items(now.categoryId(), now.departmentId()), now.page(), choicesPerPage(now.elderly()));
    }

    private static int choicesPerPage(boolean elderly) {
        return elderly ? ELDERLY_CHOICES_PER_PAGE : CHOICES_PER_PAGE;
    }

    /** The items most used on this terminal, for the home screen (none before anything was used). */
    public List<ServiceItem> popular(int max) {
        return live.current().items().stream()
                .filter(i -> i.offeredOn(profile) && usage.count(i.code()) > 0)
                .sorted(java.util.Comparator.comparingInt((ServiceItem i) -> usage.count(i.code())).reversed())
                .limit(max)
                .toList();
    }

    /** The list of departments, for citizens who know which office they need (a portrait home has no room for it). */
    public void openDepartments() {
        inVisit(() -> {
            closeFlow(); // a flow is shown on ITEM only
            page = 0;
            screen = Screen.DEPARTMENTS;
        });
    }

    /** The items of one department, for citizens who know which office they need. */
    public void openDepartment(String id) {
        inVisit(() -> {
            closeFlow(); // a flow is shown on ITEM only
            page = 0;
            query = "";
            departmentId = id;
            categoryId = null;
            screen = Screen.CATEGORY;
        });
    }

    public synchronized void openItem(String code) {
        ServiceItem item = live.current().item(code).orElseThrow(() -> new IllegalArgumentException("no item " + code));
        if (gate.unavailable(item).isPresent()) {
            log.info("item {} not opened: {}", code, gate.unavailable(item).get());
            return;
        }
        Session s = sessions.startOrContinue(Session.Trigger.TOUCH);
        if (s != visit) {
            startOver(s); // a new visit (the one shown before ended at this instant): nothing of that one goes on
        }
        usage.opened(code);
        closeFlow();
        ServiceFlow f = flows.create(item, s);
        f.addListener(this::flowChanged);
        flow = f;
        screen = Screen.ITEM;
        changed();
        f.start();
    }

    /** The flow shown changed, on whichever thread changed it; a flow no longer shown changes nothing here. */
    private synchronized void flowChanged(ServiceFlow x) {
        if (x != flow) {
            return;
        }
        Runnable then = afterReview;
        if (x.state().stage() == Stage.DONE && x.leaving() && then != null) {
            afterReview = null;
            then.run();
        } else {
            changed();
        }
    }

    /** One step back: from an item to its category, from a category to home. */
    public synchronized void back() {
        if (screen == Screen.ATTRACT) {
            return;
        }
        sessions.activity();
        if (screen == Screen.ITEM) {
            leaveItem(() -> {
                closeFlow();
                screen = categoryId != null || departmentId != null ? Screen.CATEGORY
                        : query.isEmpty() ? Screen.HOME : Screen.SEARCH;
                changed();
            });
        } else {
            screen = Screen.HOME;
            page = 0;
            changed();
        }
    }

    public synchronized void home() {
        if (screen == Screen.ATTRACT) {
            return;
        }
        sessions.activity();
        leaveItem(() -> {
            closeFlow();
            screen = Screen.HOME;
            page = 0;
            changed();
        });
    }

    /** "I'm done": ends the visit now, wiping what it held. */
    public synchronized void finish() {
        leaveItem(() -> sessions.end(SessionManager.EndReason.COMPLETED));
    }

    /**
     * Leaving a service the citizen started but did not finish: the national review is offered
     * once per visit (they may skip it), then {@code then} goes on. Otherwise {@code then} at once.
     */
    private void leaveItem(Runnable then) {
        ServiceFlow f = flow;
        if (f != null && f.abandoned() && !reviewOffered) {
            reviewOffered = true;
            afterReview = then;
            f.askReviewBeforeLeaving();
        } else {
            afterReview = null;
            then.run();
        }
    }

    public void setLocale(Locale l) {
        look(() -> locale = l);
    }

    public void setElderly(boolean on) {
        look(() -> {
            elderly = on;
            page = 0;
            sessions.setElderly(on);
        });
    }

    /** The high-contrast theme, for citizens with poor sight; it combines with elderly mode. */
    public void setHighContrast(boolean on) {
        look(() -> highContrast = on);
    }

    /** The "call staff" button: a person comes to help. The hall's call system hangs off this event. */
    public void callStaff() {
        inVisit(() -> {
            staffCalled = true;
            log.info("staff called to terminal (screen {})", screen);
        });
    }

    public synchronized void staffArrived() {
        staffCalled = false;
        staffComing = false;
        changed();
    }

    /**
     * Staff acknowledged the call (the fleet server said so in a signed answer): the citizen is told, in words and
     * voice, that someone is on the way. Nothing changes when no call is open (the visit ended, or staff came).
     */
    public synchronized void staffAcknowledged() {
        if (staffCalled && !staffComing) {
            staffComing = true;
            log.info("staff acknowledged the call (screen {})", screen);
            changed();
        }
    }

    /** "Continue" on the idle warning. */
    public void stillHere() {
        sessions.activity();
    }

    private void closeFlow() {
        ServiceFlow f = flow;
        flow = null;
        keyboards.clear();
        if (f != null) {
            f.cancel();
        }
    }

    // ---- sessions ------------------------------------------------------------------------------

    @Override
    public synchronized void idleWarning(Session session, int secondsLeft) {
        if (session == visit && secondsLeft != idleSecondsLeft) {
            idleSecondsLeft = secondsLeft;
            changed();
        }
    }

    @Override
    public synchronized void idleWarningCleared(Session session) {
        if (session == visit) {
            idleSecondsLeft = -1;
            changed();
        }
    }

    /** The visit is over: back to the attract loop with the terminal's defaults for the next citizen. */
    @Override
    public synchronized void ended(Session session, SessionManager.EndReason reason) {
        if (session != visit) {
            return; // a visit no longer shown: the one shown now started after it ended
        }
        startOver(null);
        changed();
    }

    /** Nothing of the visit shown stays: the attract loop with the terminal's defaults, for {@code next} (or none). */
    private void startOver(Session next) {
        visit = next;
        closeFlow();
        screen = Screen.ATTRACT;
        categoryId = null;
        departmentId = null;
        query = "";
        idleSecondsLeft = -1;
        page = 0;
        staffCalled = false;
        staffComing = false;
        reviewOffered = false;
        afterReview = null;
        locale = defaultLocale;
        elderly = false;
        highContrast = false;
        sessions.setElderly(false);
    }

    // ---- what the views draw ---------------------------------------------------------------------

    public Screen screen() {
        return shown.screen();
    }

    /** The page of choices shown (see {@link #categoriesPage()}, {@link #itemsPage()}). */
    public int page() {
        return shown.page();
    }

    public Locale locale() {
        return shown.locale();
    }

    public boolean elderly() {
        return shown.elderly();
    }

    public boolean highContrast() {
        return shown.highContrast();
    }

    /**
     * Seconds left on this screen before the visit ends by itself (the footer's "time left"), or -1 outside a
     * visit; it stands still while {@link #countdownPaused()}.
     */
    public int secondsLeft() {
        return shown.screen() == Screen.ATTRACT ? -1 : sessions.secondsLeft();
    }

    /** The machine is working (reading a card, printing, capturing): the countdown waits for it. */
    public boolean countdownPaused() {
        return sessions.paused();
    }

    /** Seconds before the idle session ends, or -1 when no warning is showing. */
    public int idleSecondsLeft() {
        return shown.idleSecondsLeft();
    }

    /** Staff said they are coming to the citizen who called them. */
    public boolean staffComing() {
        return shown.staffComing();
    }

    public boolean staffCalled() {
        return shown.staffCalled();
    }

    public Optional<ServiceFlow> flow() {
        return Optional.ofNullable(shown.flow());
    }

    public Optional<Category> category() {
        String id = shown.categoryId();
        return live.current().categories().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public List<Category> categories() {
        return live.current().categoriesFor(profile);
    }

    /** The items of the open category or department. */
    public List<ServiceItem> items() {
        Shown now = shown;
        return items(now.categoryId(), now.departmentId());
    }

    private List<ServiceItem> items(String category, String department) {
        if (category != null) {
            return live.current().itemsIn(category, profile);
        }
        return department == null ? List.of() : live.current().itemsOf(department, profile);
    }

    /** The departments that offer something on this kind of terminal. */
    public List<Department> departments() {
        return live.current().departments().stream().filter(d -> !live.current().itemsOf(d.id(), profile).isEmpty()).toList();
    }

    public Optional<Department> department() {
        String id = shown.departmentId();
        return id == null ? Optional.empty() : live.current().department(id);
    }

    public Catalog catalog() {
        return live.current();
    }

    /** Why the item cannot run now (a message key, e.g. the printer's state), or empty. */
    public Optional<String> unavailable(ServiceItem item) {
        return gate.unavailable(item);
    }

    /** False while the terminal is out of service (a required device failed, or the platform's LOCK). */
    public boolean inService() {
        return gate.inService();
    }

    public Profile profile() {
        return profile;
    }

    /** The on-screen keyboards, and what the citizen is typing on them on this screen. */
    public Keyboards keyboards() {
        return keyboards;
    }
}
