package org.tongban.kiosk.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.DriverCatalog;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.catalog.LiveCatalog;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.platform.HeartbeatAnswer;
import org.tongban.kiosk.session.Session;
import org.tongban.kiosk.session.SessionListener;
import org.tongban.kiosk.session.SessionManager;

/**
 * The update agent inside the running kiosk: polls the channel on an interval and when the platform says
 * CHECK_UPDATE; downloads and verifies a wanted release in the background; installs it only when no citizen
 * is using the terminal and inside the maintenance window (unless an operator forces it). A catalog release
 * is switched live; a configuration or application release needs the application to start again, which the
 * {@code restart} hook does (the launcher then takes the new slot on trial).
 */
public final class UpdateAgent implements SessionListener, AutoCloseable {

    /** What one round did. */
    public enum Outcome { UP_TO_DATE, NOT_IN_ROLLOUT, HELD_BY_FLEET, REFUSED, UNREACHABLE, WAITING_FOR_VISIT_TO_END,
        WAITING_FOR_WINDOW, APPLIED, RESTARTING }

    private static final Logger log = LoggerFactory.getLogger(UpdateAgent.class);

    private final Updater updater;
    private final Duration interval;
    private final MaintenanceWindow window;
    private final SessionManager sessions;
    private final LiveCatalog catalog;
    private final Clock clock;
    private final Runnable restart;
    private final ReleaseGate gate;
    private final List<UpdateEvent.Listener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "update-agent");
        t.setDaemon(true);
        return t;
    });
    private Updater.Staged staged;
    /** The sequence being fetched or fetched and waiting to be installed, reported to the fleet; null: none. */
    private volatile Long downloading;

    /**
     * @param clock   its zone is the maintenance window's
     * @param restart stops the application so the launcher starts it again (exit code
     *                {@link SlotLauncher#RESTART_EXIT_CODE})
     */
    public UpdateAgent(Updater updater, Duration interval, MaintenanceWindow window, SessionManager sessions,
            LiveCatalog catalog, Clock clock, Runnable restart) {
        this(updater, interval, window, sessions, catalog, clock, restart, ReleaseGate.none());
    }

    /** @param gate the fleet's staged rollout: no sequence above it is installed */
    public UpdateAgent(Updater updater, Duration interval, MaintenanceWindow window, SessionManager sessions,
            LiveCatalog catalog, Clock clock, Runnable restart, ReleaseGate gate) {
        this.gate = gate;
        this.updater = updater;
        this.interval = interval;
        this.window = window;
        this.sessions = sessions;
        this.catalog = catalog;
        this.clock = clock;
        this.restart = restart;
        sessions.addListener(this);
    }

    /**
     * The agent kiosk.yaml's {@code update} section asks for; empty when the trusted operator keys cannot be read,
     * which stops updates (logged), never citizens.
     */
    public static Optional<UpdateAgent> forKiosk(KioskConfig k, Path dataDir, DriverCatalog drivers,
                                                 SessionManager sessions, LiveCatalog catalog, Clock clock,
                                                 Runnable restart, ReleaseGate gate) {
        Updater updater;
        try {
            updater = new Updater(Updater.Settings.of(k, dataDir, drivers), clock);
        } catch (IOException e) {
            log.error("no updates from the channel: {}", e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new UpdateAgent(updater, Duration.ofMinutes(k.update().checkIntervalMinutes()),
                MaintenanceWindow.parse(k.update().maintenanceWindow()), sessions, catalog, clock, restart, gate));
    }

    public void addListener(UpdateEvent.Listener l) {
        listeners.add(l);
    }

    /** Polls from now on, the first time after a minute (the kiosk has just started). */
    public void start() {
        worker.execute(this::announceRollback);
        worker.scheduleWithFixedDelay(() -> runSafely(false), 60, interval.toSeconds(), TimeUnit.SECONDS);
    }

    /** A command from the platform's heartbeat answer: CHECK_UPDATE polls at once ({@code "force": true} ignores the window). */
    public void onCommand(HeartbeatAnswer.Command command) {
        if (command.type() == HeartbeatAnswer.CommandType.CHECK_UPDATE) {
            checkNow(Boolean.TRUE.equals(command.args().get("force")));
        }
    }

    /** CHECK_UPDATE: a round at once, on the agent's thread; {@code force} installs outside the window. */
    public void checkNow(boolean force) {
        if (!worker.isShutdown()) {
            worker.execute(() -> runSafely(force));
        }
    }

    private void runSafely(boolean force) {
        try {
            round(force);
        } catch (RuntimeException e) {
            log.error("update round failed", e); // the next round tries again
        }
    }

    /** One round: check, download, install when allowed. Public for tests and tools; not re-entrant-safe with itself. */
    public synchronized Outcome round(boolean force) {
        Updater.Offer offer;
        try {
            offer = updater.check();
        } catch (UpdateRefused r) {
            return refused(r, null);
        }
        Manifest m = offer.manifest();
        emit(UpdateEvent.Type.CHECKED, m, offer.wanted() ? "to install" : offer.newer() ? "not in the rollout"
                : "up to date");
        if (!offer.newer()) {
            return Outcome.UP_TO_DATE;
        }
        if (!offer.inRollout()) {
            return Outcome.NOT_IN_ROLLOUT;
        }
        if (heldByFleet(m)) {
            return Outcome.HELD_BY_FLEET;
        }
        if (staged == null || staged.manifest().sequence() != m.sequence()) {
            staged = null;
            downloading = m.sequence();
            try {
                staged = updater.download(offer);
            } catch (UpdateRefused r) {
                downloading = null;
                return refused(r, m);
            }
            emit(UpdateEvent.Type.DOWNLOADED, m, "verified");
        }
        return installIfAllowed(force);
    }

    private Outcome installIfAllowed(boolean force) {
        Manifest m = staged.manifest();
        if (sessions.current().isPresent()) {
            emit(UpdateEvent.Type.DEFERRED, m, "a citizen is using the terminal");
            return Outcome.WAITING_FOR_VISIT_TO_END;
        }
        LocalTime now = LocalTime.now(clock);
        if (!force && !window.contains(now)) {
            emit(UpdateEvent.Type.DEFERRED, m, "outside the maintenance window " + window);
            return Outcome.WAITING_FOR_WINDOW;
        }
        // An operator may have aborted the rollout since the download: the gate is asked again, even when forced.
        if (heldByFleet(m)) {
            return Outcome.HELD_BY_FLEET;
        }
        Updater.Installed done;
        try {
            done = updater.install(staged);
        } catch (UpdateRefused r) {
            staged = null;
            downloading = null;
            return refused(r, m);
        }
        staged = null;
        downloading = null;
        done.catalog().ifPresent(c -> catalog.replace(c, null));
        boolean restartNeeded = done.app() || done.config().isPresent();
        emit(UpdateEvent.Type.APPLIED, m, restartNeeded ? "starting again to take it" : "catalog switched");
        if (restartNeeded) {
            restart.run();
            return Outcome.RESTARTING;
        }
        return Outcome.APPLIED;
    }

    /** Whether the fleet's gate holds this release back (said in an event when it does). */
    private boolean heldByFleet(Manifest m) {
        if (gate.allows(m.sequence())) {
            return false;
        }
        emit(UpdateEvent.Type.DEFERRED, m, gate.why(m.sequence()));
        return true;
    }

    /** The channel sequence being fetched, or fetched and not yet installed (the fleet's "downloading"). */
    public OptionalLong downloading() {
        Long d = downloading;
        return d == null ? OptionalLong.empty() : OptionalLong.of(d);
    }

    /**
     * The fleet's ROLLBACK: the previous application slot, configuration and catalog again, as
     * {@code ./kiosk update rollback} does, recorded for the heartbeat's {@code lastRollback}. The caller makes sure
     * no citizen is at the terminal. A catalog alone is switched live; anything else starts the application again.
     *
     * @return what was rolled back (empty: nothing had been installed from the channel)
     */
    public synchronized List<String> rollBack(String reason) throws IOException {
        UpdateState before = UpdateState.read(updater.dataDir());
        List<String> done = new Updates(updater.dataDir()).rollBack(reason, clock.instant());
        if (done.isEmpty()) {
            return done;
        }
        staged = null;
        downloading = null;
        AppSlots.Rollback slot = new AppSlots(updater.dataDir()).state().lastRollback();
        if (done.contains("application") && slot != null) {
            // told here, not again by announceRollback() after the restart
            Files.writeString(rollbackAnnounced(), slot.at().toString(), StandardCharsets.UTF_8);
        }
        emit(new UpdateEvent(UpdateEvent.Type.ROLLED_BACK, clock.instant(), before.version(), before.sequence(),
                reason + ": " + String.join(", ", done)));
        if (done.equals(List.of("catalog"))) {
            try {
                catalog.replace(new CatalogLoader().load(new Updates(updater.dataDir()).catalogDir().orElseThrow()), null);
            } catch (ConfigException e) {
                throw new IOException("the previous catalog does not load: " + e.getMessage(), e);
            }
        } else {
            restart.run();
        }
        return done;
    }

    /** A release waiting for the visit to end is installed right after it, when the window allows. */
    @Override
    public void ended(Session session, SessionManager.EndReason reason) {
        if (worker.isShutdown()) {
            return; // the kiosk is stopping
        }
        worker.execute(() -> {
            synchronized (this) {
                if (staged != null) {
                    installIfAllowed(false);
                }
            }
        });
    }

    private Outcome refused(UpdateRefused r, Manifest m) {
        if (r.reason() == UpdateRefused.Reason.CHANNEL_UNAVAILABLE) {
            return Outcome.UNREACHABLE;
        }
        emit(UpdateEvent.Type.REFUSED, m, r.getMessage());
        return Outcome.REFUSED;
    }

    /** A rollback the launcher did before this start is told once to the listeners (the heartbeat always has it). */
    private void announceRollback() {
        try {
            AppSlots.Rollback b = new AppSlots(updater.dataDir()).state().lastRollback();
            Path told = rollbackAnnounced();
            if (b == null || (Files.exists(told) && Files.readString(told).strip().equals(b.at().toString()))) {
                return;
            }
            for (UpdateEvent.Listener l : listeners) {
                l.updateEvent(new UpdateEvent(UpdateEvent.Type.ROLLED_BACK, b.at(), b.version(), 0, b.reason()));
            }
            Files.writeString(told, b.at().toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("could not read the application slots: {}", e.getMessage());
        }
    }

    private Path rollbackAnnounced() throws IOException {
        Path dir = Files.createDirectories(updater.dataDir().resolve("update"));
        return dir.resolve("rollback-announced");
    }

    private void emit(UpdateEvent.Type type, Manifest m, String detail) {
        emit(new UpdateEvent(type, clock.instant(), m == null ? null : m.version(), m == null ? 0 : m.sequence(),
                detail));
    }

    private void emit(UpdateEvent e) {
        log.info("update {}: {} {}", e.type(), e.release() == null ? "" : e.release() + " (sequence " + e.sequence() + ")",
                e.detail());
        for (UpdateEvent.Listener l : listeners) {
            try {
                l.updateEvent(e);
            } catch (RuntimeException ex) {
                log.warn("update listener failed: {}", ex.getMessage());
            }
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
