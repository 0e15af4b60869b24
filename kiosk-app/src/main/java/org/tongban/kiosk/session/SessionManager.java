package org.tongban.kiosk.session;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.kiosk.files.FolderTree;

/**
 * Starts and ends sessions, and ends them by itself when the citizen walks away: after
 * {@code warnAfter} without activity a countdown warning, after the countdown the end.
 * Every end, whatever its path, wipes the session before listeners hear of it.
 *
 * <p>Time comes from a {@link Clock} and advances only through {@link #tick()}, which the
 * composition root calls a few times a second; tests call it with a clock of their own.
 */
public final class SessionManager {

    public enum EndReason { COMPLETED, CANCELLED, IDLE_TIMEOUT, CARD_REMOVED_AND_IDLE, MAINTENANCE, SHUTDOWN }

    private static final Logger log = LoggerFactory.getLogger(SessionManager.class);

    private final Clock clock;
    private final Path sessionsDir;
    private final Duration warnAfter;
    private final Duration countdown;
    private final double elderlyFactor;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    private Session current;
    private Instant lastActivity;
    private boolean warning;
    private boolean elderly;
    /** The screen shown: its name (a new one starts its own countdown), its time factor, whether the clock stands. */
    private String screenKey = "";
    private double screenFactor = 1.0;
    /** When the machine started working (the countdown stands still since then), or null. */
    private Instant pausedAt;

    public SessionManager(Clock clock, Path sessionsDir, Duration warnAfter, Duration countdown, double elderlyFactor) {
        this.clock = clock;
        this.sessionsDir = sessionsDir;
        this.warnAfter = warnAfter;
        this.countdown = countdown;
        this.elderlyFactor = elderlyFactor;
    }

    /**
     * Session folders left by a power cut hold personal data of a visit that is over: remove them
     * before the first citizen of this run.
     */
    public void removeLeftovers() throws IOException {
        FolderTree.deleteContents(sessionsDir);
    }

    public void addListener(SessionListener l) {
        listeners.add(l);
    }

    public void removeListener(SessionListener l) {
        listeners.remove(l);
    }

    /** Elderly mode gives the citizen longer before the warning and a longer countdown. */
    public synchronized void setElderly(boolean elderly) {
        this.elderly = elderly;
    }

    /** The time before the warning on the screen shown: its factor (forms take longer), elderly mode. */
    public synchronized Duration warnAfter() {
        return scaled(Duration.ofMillis(Math.round(warnAfter.toMillis() * screenFactor)));
    }

    /**
     * The citizen sees another screen: {@code key} names it; a new name starts a countdown of its own, with
     * {@code factor} times the configured time before the warning. While {@code paused} (the machine works:
     * reading a card, printing, capturing) the countdown stands still and no warning comes.
     */
    public void screen(String key, double factor, boolean paused) {
        Session s;
        boolean cleared;
        synchronized (this) {
            Instant now = clock.instant();
            boolean newScreen = !key.equals(screenKey);
            screenKey = key;
            screenFactor = factor;
            if (paused && pausedAt == null) {
                pausedAt = now;
            } else if (!paused && pausedAt != null) {
                if (lastActivity != null) {
                    lastActivity = lastActivity.plus(Duration.between(pausedAt, now));
                }
                pausedAt = null;
            }
            if (current == null || !newScreen) {
                return;
            }
            lastActivity = now;
            if (pausedAt != null) {
                pausedAt = now;
            }
            s = current;
            cleared = warning;
            warning = false;
        }
        if (cleared) {
            listeners.forEach(l -> l.idleWarningCleared(s));
        }
    }

    /** Whether the countdown stands still (the machine is working). */
    public synchronized boolean paused() {
        return pausedAt != null;
    }

    /**
     * Seconds the citizen has left on this screen before the session ends (the warning included), rounded up;
     * -1 without a session.
     */
    public synchronized int secondsLeft() {
        if (current == null) {
            return -1;
        }
        Instant at = pausedAt != null ? pausedAt : clock.instant();
        Duration left = warnAfter().plus(countdown()).minus(Duration.between(lastActivity, at));
        return (int) Math.max(0, (left.toMillis() + 999) / 1000);
    }

    public synchronized Duration countdown() {
        return scaled(countdown);
    }

    private Duration scaled(Duration d) {
        return elderly ? Duration.ofMillis(Math.round(d.toMillis() * elderlyFactor)) : d;
    }

    public synchronized Optional<Session> current() {
        return Optional.ofNullable(current);
    }

    /** The current session, or a new one started by {@code trigger}. */
    public Session startOrContinue(Session.Trigger trigger) {
        Session started;
        synchronized (this) {
            if (current == null) {
                lastActivity = clock.instant();
                current = new Session(lastActivity, trigger, sessionsDir);
                started = current;
            } else {
                started = null;
            }
        }
        if (started == null) {
            activity();
            return current().orElseGet(() -> startOrContinue(trigger));
        }
        log.info("session {} started by {}", started.id(), trigger);
        listeners.forEach(l -> l.started(started));
        return started;
    }

    /** The citizen did something: the idle clock starts again and any warning goes away. */
    public void activity() {
        Session s;
        boolean cleared;
        synchronized (this) {
            if (current == null) {
                return;
            }
            lastActivity = clock.instant();
            if (pausedAt != null) {
                pausedAt = lastActivity;
            }
            s = current;
            cleared = warning;
            warning = false;
        }
        if (cleared) {
            listeners.forEach(l -> l.idleWarningCleared(s));
        }
    }

    /** Advances the idle clock: shows the warning, counts it down, or ends the session. */
    public void tick() {
        Session s;
        int secondsLeft;
        synchronized (this) {
            if (current == null) {
                return;
            }
            if (pausedAt != null) {
                return; // the machine is working: the citizen waits for it, the countdown waits too
            }
            s = current;
            Duration idle = Duration.between(lastActivity, clock.instant());
            Duration left = warnAfter().plus(countdown()).minus(idle);
            if (left.isNegative() || left.isZero()) {
                secondsLeft = -1;
            } else if (idle.compareTo(warnAfter()) >= 0) {
                warning = true;
                secondsLeft = (int) Math.max(1, (left.toMillis() + 999) / 1000);
            } else {
                return;
            }
        }
        if (secondsLeft < 0) {
            end(EndReason.IDLE_TIMEOUT);
        } else {
            listeners.forEach(l -> l.idleWarning(s, secondsLeft));
        }
    }

    /** Ends the current session (if any), wipes it, then tells listeners. */
    public void end(EndReason reason) {
        Session s;
        synchronized (this) {
            if (current == null) {
                return;
            }
            s = current;
            current = null;
            warning = false;
            pausedAt = null;
            screenKey = "";
            screenFactor = 1.0;
        }
        try {
            s.wipe();
        } catch (RuntimeException e) {
            // The data is gone from memory already; a folder left behind is logged for the technician.
            log.error("session {}: wipe incomplete: {}", s.id(), e.getMessage());
        }
        log.info("session {} ended: {}", s.id(), reason);
        listeners.forEach(l -> l.ended(s, reason));
    }
}
