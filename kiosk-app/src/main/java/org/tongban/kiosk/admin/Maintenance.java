package org.tongban.kiosk.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalKind;
import org.tongban.kiosk.session.SessionManager;

/**
 * Maintenance mode as the shell shows it: closed, the PIN keypad, or open on one of its pages for
 * a role. Entering ends any citizen's session (their data is wiped as on any end); leaving, or
 * leaving it untouched, returns to the attract screen. A plain class: the views draw it, tests drive it.
 */
public final class Maintenance {

    public enum Page { PIN, DASHBOARD, PORTS, CONFIG, STATUS }

    /** The keypad's line under the dots: a message key and its argument. */
    public record Prompt(String key, Object arg) {
    }

    private final MaintenanceAccess access;
    private final SessionManager sessions;
    private final Journal journal;
    private final Clock clock;
    private final Duration idle;
    private final List<Consumer<Maintenance>> listeners = new CopyOnWriteArrayList<>();

    private volatile boolean active;
    private volatile Page page = Page.PIN;
    private volatile Role role;
    private volatile String label;
    private final StringBuilder pin = new StringBuilder();
    private volatile Prompt prompt = new Prompt("maint.pin.enter", null);
    private volatile Instant lastActivity = Instant.MIN;

    public Maintenance(MaintenanceAccess access, SessionManager sessions, Journal journal, Clock clock, Duration idle) {
        this.access = access;
        this.sessions = sessions;
        this.journal = journal;
        this.clock = clock;
        this.idle = idle;
    }

    public void addListener(Consumer<Maintenance> l) {
        listeners.add(l);
    }

    private void changed() {
        listeners.forEach(l -> l.accept(this));
    }

    /** The hidden gesture was made: end any visit, show the keypad. */
    public synchronized void requestEntry() {
        if (active) {
            return;
        }
        if (sessions.current().isPresent()) {
            sessions.end(SessionManager.EndReason.MAINTENANCE);
        }
        active = true;
        page = Page.PIN;
        role = null;
        pin.setLength(0);
        prompt = access.lockedUntil().map(u -> new Prompt("maint.pin.locked", u)).orElse(new Prompt("maint.pin.enter", null));
        lastActivity = clock.instant();
        changed();
    }

    public synchronized void digit(int d) {
        if (d < 0 || d > 9 || pin.length() >= 12) {
            return;
        }
        pin.append((char) ('0' + d));
        lastActivity = clock.instant();
        changed();
    }

    public synchronized void clearPin() {
        pin.setLength(0);
        lastActivity = clock.instant();
        changed();
    }

    /** OK on the keypad, checked on the calling thread. */
    public void submitPin() {
        submitPin(Runnable::run);
    }

    /**
     * OK on the keypad: the digits typed are taken at once and checked on {@code checker} (a slow hash, on
     * purpose, that must not stall the screen); then the dashboard opens or the prompt says what is wrong.
     */
    public void submitPin(Executor checker) {
        String entered;
        synchronized (this) {
            entered = pin.toString();
            pin.setLength(0);
        }
        checker.execute(() -> check(entered));
    }

    private void check(String entered) {
        MaintenanceAccess.Outcome o = access.enter(entered); // journalled, counted towards the lockout
        synchronized (this) {
            if (!active) {
                return; // the technician left while it was checked: nothing opens behind their back
            }
            lastActivity = clock.instant();
            if (o instanceof MaintenanceAccess.Outcome.Granted g) {
                role = g.role();
                label = g.label();
                page = Page.DASHBOARD;
                prompt = new Prompt("maint.pin.enter", null);
            } else if (o instanceof MaintenanceAccess.Outcome.Wrong w) {
                prompt = new Prompt("maint.pin.wrong", w.triesLeft());
            } else if (o instanceof MaintenanceAccess.Outcome.LockedOut l) {
                prompt = new Prompt("maint.pin.locked", l.until());
            }
            changed();
        }
    }

    public synchronized void show(Page p) {
        if (role == null || p == Page.PIN) {
            return;
        }
        page = p;
        lastActivity = clock.instant();
        changed();
    }

    /** Any touch in maintenance mode keeps it open. */
    public void activity() {
        lastActivity = clock.instant();
    }

    /** Leaves maintenance mode: back to the attract screen. */
    public synchronized void leave() {
        if (!active) {
            return;
        }
        if (role != null) {
            journal.note(JournalKind.MAINTENANCE_LOGOUT, Map.of("pin", label));
        }
        active = false;
        role = null;
        label = null;
        pin.setLength(0);
        page = Page.PIN;
        changed();
    }

    /** Called by the terminal's ticker: left untouched for the idle time, maintenance mode closes itself. */
    public void tick() {
        if (active && clock.instant().isAfter(lastActivity.plus(idle))) {
            leave();
        }
    }

    public boolean active() {
        return active;
    }

    public Page page() {
        return page;
    }

    public java.util.Optional<Role> role() {
        return java.util.Optional.ofNullable(role);
    }

    /** The label of the PIN in use (as the journal names who did what), or empty at the keypad. */
    public java.util.Optional<String> label() {
        return java.util.Optional.ofNullable(label);
    }

    /** How many digits were typed (the keypad shows dots, never the digits). */
    public synchronized int pinLength() {
        return pin.length();
    }

    public Prompt prompt() {
        return prompt;
    }

    /** Whether the role in maintenance mode may change things (see {@link Role#mayChange()}). */
    public boolean mayChange() {
        Role r = role;
        return r != null && r.mayChange();
    }
}
