package org.tongban.kiosk.platform;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The platform's answer to a heartbeat: its clock and the commands queued for this terminal. */
public record HeartbeatAnswer(Instant serverTime, List<Command> commands) {

    public HeartbeatAnswer {
        commands = commands == null ? List.of() : List.copyOf(commands);
    }

    public enum CommandType { SYNC_NOW, CHECK_UPDATE, RELOAD_CATALOG, LOCK, UNLOCK }

    public record Command(CommandType type, Map<String, Object> args) {

        public Command {
            args = args == null ? Map.of() : Map.copyOf(args);
        }

        public static Command of(CommandType type) {
            return new Command(type, Map.of());
        }
    }
}
