package org.tongban.kiosk.fleet;

import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.kiosk.platform.HeartbeatAnswer;
import org.tongban.kiosk.session.SessionListener;
import org.tongban.kiosk.session.SessionManager;

/**
 * Carries out the fleet's commands with the code that carries out the platform's: LOCK, UNLOCK, SYNC_NOW,
 * CHECK_UPDATE and RELOAD_CATALOG go to the same command listeners the sync worker feeds from a platform
 * heartbeat ({@link org.tongban.kiosk.outbox.SyncWorker#carryOut}). LOCK closes the terminal to new visits at
 * once; the out-of-service screen comes when the visit in progress ends, never in the middle of it. RESTART
 * waits for the same moment. The operator's reason for a LOCK is logged, not shown: citizens read only the
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

    private final Consumer<HeartbeatAnswer.Command> platformCommands;
    private final boolean updateChannel;
    private final SessionManager sessions;
    private final Runnable restart;
    private boolean restartOwed; // guarded by this

    /**
     * @param platformCommands carries out a platform command (the sync worker's listeners)
     * @param updateChannel    whether this terminal has an update channel (CHECK_UPDATE is refused without)
     * @param restart          starts the application again (the launcher's restart)
     */
    public FleetCommands(Consumer<HeartbeatAnswer.Command> platformCommands, boolean updateChannel,
                         SessionManager sessions, Runnable restart) {
        this.platformCommands = platformCommands;
        this.updateChannel = updateChannel;
        this.sessions = sessions;
        this.restart = restart;
        sessions.addListener(new SessionListener() {
            @Override
            public void ended(org.tongban.kiosk.session.Session session, SessionManager.EndReason reason) {
                restartIfOwed();
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
                if (!updateChannel) {
                    return Outcome.refused("this terminal has no update channel (kiosk.yaml update:)");
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
            default -> {
                return Outcome.refused("unknown command type " + type);
            }
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
