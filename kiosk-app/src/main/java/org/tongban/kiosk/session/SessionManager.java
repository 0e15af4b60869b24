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

    public synchronized Duration warnAfter() {
        return scaled(warnAfter);
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
