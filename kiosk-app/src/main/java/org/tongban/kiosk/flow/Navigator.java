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
 */
public final class Navigator implements SessionListener {

    public enum Screen { ATTRACT, HOME, CATEGORY, SEARCH, ITEM }

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

    private volatile Screen screen = Screen.ATTRACT;
    private volatile String categoryId;
    private volatile String departmentId;
    private volatile String query = "";
    private volatile ServiceFlow flow;
    private volatile Locale locale;
    private volatile boolean elderly;
    private volatile boolean highContrast;
    private volatile int idleSecondsLeft = -1;
    /** The page of the choices shown (categories on home, items of a category), from 0. */
    private volatile int page;
    private volatile boolean staffCalled;
    private volatile boolean staffComing;
    /** The review of an abandoned service was offered in this visit (it is offered once). */
    private volatile boolean reviewOffered;
    /** Where to go once the review offered on leaving is given or skipped. */
    private volatile Runnable afterReview;

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
        sessions.addListener(this);
    }

    /** Called after every change, on the thread that made it. */
    public void addListener(Consumer<Navigator> listener) {
        listeners.add(listener);
    }

    private void changed() {
        listeners.forEach(l -> l.accept(this));
    }

    // ---- what the citizen does -----------------------------------------------------------------

    /** Any touch: starts a session from the attract loop, otherwise keeps the session alive. */
    public void touch() {
        if (screen == Screen.ATTRACT && !gate.inService()) {
            return; // the out-of-service screen stays; it says where to go instead
        }
        if (screen == Screen.ATTRACT) {
            sessions.startOrContinue(Session.Trigger.TOUCH);
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
    public void cardRead(IdCard card) {
        if (screen == Screen.ATTRACT && !gate.inService()) {
            return;
        }
        Session s = sessions.startOrContinue(Session.Trigger.ID_CARD);
        s.identify(card);
        ServiceFlow f = flow;
        if (screen == Screen.ATTRACT) {
            screen = Screen.HOME;
        } else if (f != null) {
            f.cardRead(card);
        }
        changed();
    }

    public void openCategory(String id) {
        sessions.activity();
        page = 0;
        query = "";
        categoryId = id;
        departmentId = null;
        screen = Screen.CATEGORY;
        changed();
    }

    /** The search screen with its large-key keyboard; what was typed before is kept for this visit. */
    public void openSearch() {
        sessions.activity();
        page = 0;
        screen = Screen.SEARCH;
        changed();
    }

    /** A key of the on-screen keyboard: a letter (pinyin initial), a digit, or a character. */
    public void type(String key) {
        sessions.activity();
        if (query.length() < 20) {
            query = query + key;
        }
        changed();
    }

    public void deleteLast() {
        sessions.activity();
        if (!query.isEmpty()) {
            query = query.substring(0, query.offsetByCodePoints(query.length(), -1));
        }
        changed();
    }

    public void clearQuery() {
        sessions.activity();
        query = "";
        changed();
    }

    public String query() {
        return query;
    }

    /** The best matches for what was typed, offered on this terminal, at most one screen of them. */
    public List<ServiceItem> searchResults() {
        return live.search().search(query, profile).stream().limit(elderly ? ELDERLY_CHOICES_PER_PAGE : SEARCH_RESULTS)
                .toList();
    }

    /** "More": the next screenful of categories (home) or items (a category or department). */
    public void nextPage() {
        sessions.activity();
        page = Math.min(page + 1, (screen == Screen.HOME ? categoriesPage() : itemsPage()).count() - 1);
        changed();
    }

    public void previousPage() {
        sessions.activity();
        page = Math.max(0, page - 1);
        changed();
    }

    /** The categories on the home screen now. */
    public Page<Category> categoriesPage() {
        return Page.of(categories(), page, choicesPerPage());
    }

    /** The items of the open category or department on the screen now. */
    public Page<ServiceItem> itemsPage() {
        return Page.of(items(), page, choicesPerPage());
    }

    private int choicesPerPage() {
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

    /** The items of one department, for citizens who know which office they need. */
    public void openDepartment(String id) {
        sessions.activity();
        page = 0;
        query = "";
        departmentId = id;
        categoryId = null;
        screen = Screen.CATEGORY;
        changed();
    }

    public void openItem(String code) {
        ServiceItem item = live.current().item(code).orElseThrow(() -> new IllegalArgumentException("no item " + code));
        if (gate.unavailable(item).isPresent()) {
            log.info("item {} not opened: {}", code, gate.unavailable(item).get());
            return;
        }
        Session s = sessions.startOrContinue(Session.Trigger.TOUCH);
        usage.opened(code);
        closeFlow();
        ServiceFlow f = flows.create(item, s);
        f.addListener(x -> {
            Runnable then = afterReview;
            if (x.state().stage() == ServiceFlow.Stage.DONE && x.leaving() && then != null) {
                afterReview = null;
                then.run();
            } else {
                changed();
            }
        });
        flow = f;
        screen = Screen.ITEM;
        changed();
        f.start();
    }

    /** One step back: from an item to its category, from a category to home. */
    public void back() {
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

    public void home() {
        sessions.activity();
        leaveItem(() -> {
            closeFlow();
            screen = Screen.HOME;
            page = 0;
            changed();
        });
    }

    /** "I'm done": ends the visit now, wiping what it held. */
    public void finish() {
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
        sessions.activity();
        locale = l;
        changed();
    }

    public void setElderly(boolean on) {
        sessions.activity();
        elderly = on;
        page = 0;
        sessions.setElderly(on);
        changed();
    }

    /** The high-contrast theme, for citizens with poor sight; it combines with elderly mode. */
    public void setHighContrast(boolean on) {
        sessions.activity();
        highContrast = on;
        changed();
    }

    /** The "call staff" button: a person comes to help. The hall's call system hangs off this event. */
    public void callStaff() {
        sessions.activity();
        staffCalled = true;
        log.info("staff called to terminal (screen {})", screen);
        changed();
    }

    public void staffArrived() {
        staffCalled = false;
        staffComing = false;
        changed();
    }

    /**
     * Staff acknowledged the call (the fleet server said so in a signed answer): the citizen is told, in words and
     * voice, that someone is on the way. Nothing changes when no call is open (the visit ended, or staff came).
     */
    public void staffAcknowledged() {
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
    public void idleWarning(Session session, int secondsLeft) {
        if (secondsLeft != idleSecondsLeft) {
            idleSecondsLeft = secondsLeft;
            changed();
        }
    }

    @Override
    public void idleWarningCleared(Session session) {
        idleSecondsLeft = -1;
        changed();
    }

    /** The visit is over: back to the attract loop with the terminal's defaults for the next citizen. */
    @Override
    public void ended(Session session, SessionManager.EndReason reason) {
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
        changed();
    }

    // ---- what the views draw ---------------------------------------------------------------------

    public Screen screen() {
        return screen;
    }

    /** The page of choices shown (see {@link #categoriesPage()}, {@link #itemsPage()}). */
    public int page() {
        return page;
    }

    public Locale locale() {
        return locale;
    }

    public boolean elderly() {
        return elderly;
    }

    public boolean highContrast() {
        return highContrast;
    }

    /** Seconds before the idle session ends, or -1 when no warning is showing. */
    public int idleSecondsLeft() {
        return idleSecondsLeft;
    }

    /** Staff said they are coming to the citizen who called them. */
    public boolean staffComing() {
        return staffComing;
    }

    public boolean staffCalled() {
        return staffCalled;
    }

    public Optional<ServiceFlow> flow() {
        return Optional.ofNullable(flow);
    }

    public Optional<Category> category() {
        return live.current().categories().stream().filter(c -> c.id().equals(categoryId)).findFirst();
    }

    public List<Category> categories() {
        return live.current().categoriesFor(profile);
    }

    /** The items of the open category or department. */
    public List<ServiceItem> items() {
        if (categoryId != null) {
            return live.current().itemsIn(categoryId, profile);
        }
        return departmentId == null ? List.of() : live.current().itemsOf(departmentId, profile);
    }

    /** The departments that offer something on this kind of terminal. */
    public List<Department> departments() {
        return live.current().departments().stream().filter(d -> !live.current().itemsOf(d.id(), profile).isEmpty()).toList();
    }

    public Optional<Department> department() {
        return departmentId == null ? Optional.empty() : live.current().department(departmentId);
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
