package org.tongban.kiosk.fleet;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.kiosk.platform.HeartbeatAnswer;
import org.tongban.kiosk.session.SessionListener;
import org.tongban.kiosk.session.SessionManager;
import org.tongban.kiosk.update.UpdateAgent;

/**
 * Carries out the fleet's commands with the code that carries out the platform's: LOCK, UNLOCK, SYNC_NOW,
 * CHECK_UPDATE and RELOAD_CATALOG go to the same command listeners the sync worker feeds from a platform
 * heartbeat ({@link org.tongban.kiosk.outbox.SyncWorker#carryOut}). LOCK closes the terminal to new visits at
 * once; the out-of-service screen comes when the visit in progress ends, never in the middle of it. RESTART
 * and ROLLBACK (the previous release again, for a staged rollout an operator aborted) wait for the same moment;
 * a rollback's own result then shows in the heartbeat's {@code update.lastRollback}. The operator's reason for a LOCK is logged, not shown: citizens read only the
 * bundles' words.
 */
public final class FleetCommands {

    /** What became of one command. */
    public record Outcome(CommandLedger.Status status, String detail) {
        static Outcome done(String detail) {
            return new Outcome(CommandLedger.Status.DONE, detail);
        }

        static Outcome refused(String detail) {
            return new Outcome(CommandLedger.Status.REFUSED, detail);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(FleetCommands.class);
    private static final String NO_CHANNEL = "this terminal has no update channel (kiosk.yaml update:)";

    private final Consumer<HeartbeatAnswer.Command> platformCommands;
    private final UpdateAgent updates;
    private final SessionManager sessions;
    private final Runnable restart;
    private boolean restartOwed; // guarded by this
    private String rollbackOwed; // guarded by this: the command id, null when none

    /**
     * @param platformCommands carries out a platform command (the sync worker's listeners)
     * @param updates          the update agent, null when this terminal has no update channel (CHECK_UPDATE and
     *                         ROLLBACK are refused without)
     * @param restart          starts the application again (the launcher's restart)
     */
    public FleetCommands(Consumer<HeartbeatAnswer.Command> platformCommands, UpdateAgent updates,
                         SessionManager sessions, Runnable restart) {
        this.platformCommands = platformCommands;
        this.updates = updates;
        this.sessions = sessions;
        this.restart = restart;
        sessions.addListener(new SessionListener() {
            @Override
            public void ended(org.tongban.kiosk.session.Session session, SessionManager.EndReason reason) {
                restartIfOwed();
                rollBackIfOwed();
            }
        });
    }

    public Outcome carryOut(FleetAnswer.Command command) {
        String type = command.type();
        switch (type) {
            case "LOCK" -> {
                log.warn("fleet LOCK {}: {}", command.id(), command.args().getOrDefault("reason", ""));
                boolean inVisit = sessions.current().isPresent();
                platformCommands.accept(new HeartbeatAnswer.Command(HeartbeatAnswer.CommandType.LOCK, Map.of()));
                return Outcome.done(inVisit ? "locked; out of service once the current visit ends" : "locked");
            }
            case "UNLOCK", "SYNC_NOW", "RELOAD_CATALOG" -> {
                platformCommands.accept(HeartbeatAnswer.Command.of(HeartbeatAnswer.CommandType.valueOf(type)));
                return Outcome.done(null);
            }
            case "CHECK_UPDATE" -> {
                if (updates == null) {
                    return Outcome.refused(NO_CHANNEL);
                }
                platformCommands.accept(HeartbeatAnswer.Command.of(HeartbeatAnswer.CommandType.CHECK_UPDATE));
                return Outcome.done(null);
            }
            case "RESTART" -> {
                synchronized (this) {
                    restartOwed = true;
                }
                restartIfOwed();
                return Outcome.done("restarting when no citizen is at the terminal");
            }
            case "ROLLBACK" -> {
                if (updates == null) {
                    return Outcome.refused(NO_CHANNEL);
                }
                synchronized (this) {
                    rollbackOwed = command.id();
                }
                Outcome now = rollBackIfOwed();
                return now != null ? now : Outcome.done("rolling back once the current visit ends");
            }
            default -> {
                return Outcome.refused("unknown command type " + type);
            }
        }
    }

    /** Rolls back when a ROLLBACK is owed and no citizen is at the terminal; answers its outcome, null when not now. */
    private Outcome rollBackIfOwed() {
        String id;
        synchronized (this) {
            if (rollbackOwed == null || sessions.current().isPresent()) {
                return null;
            }
            id = rollbackOwed;
            rollbackOwed = null;
        }
        log.warn("rolling back for the fleet's ROLLBACK {}", id);
        try {
            List<String> done = updates.rollBack("rolled back by the fleet's ROLLBACK " + id);
            return done.isEmpty() ? Outcome.refused("nothing installed from the channel to roll back")
                    : Outcome.done("rolled back: " + String.join(", ", done));
        } catch (IOException e) {
            log.error("fleet ROLLBACK {} failed: {}", id, e.getMessage());
            return new Outcome(CommandLedger.Status.FAILED, "rollback failed: " + e.getMessage());
        }
    }

    private void restartIfOwed() {
        synchronized (this) {
            if (!restartOwed || sessions.current().isPresent()) {
                return;
            }
            restartOwed = false;
        }
        log.warn("restarting for the fleet's RESTART");
        restart.run();
    }
}
