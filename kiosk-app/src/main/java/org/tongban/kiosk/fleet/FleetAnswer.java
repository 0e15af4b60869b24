package org.tongban.kiosk.fleet;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A heartbeat answer the fleet server signed (docs/contracts/fleet-api.yaml, HeartbeatAnswer): when to report
 * next, the operators' commands, the days whose usage counters it stored, and whether staff acknowledged the
 * citizen's call.
 *
 * @param staffComing present while the terminal's staff call is acknowledged, else null
 */
public record FleetAnswer(Duration interval, List<Command> commands, List<LocalDate> usageAcknowledged,
                          StaffComing staffComing) {

    public FleetAnswer {
        commands = List.copyOf(commands);
        usageAcknowledged = List.copyOf(usageAcknowledged);
    }

    /** One command for this terminal; {@code type} as the server wrote it (an unknown one is refused, not run). */
    public record Command(String id, String type, Map<String, Object> args) {
        public Command {
            args = args == null ? Map.of() : Map.copyOf(args);
        }
    }

    /** Staff said they are coming ({@code acknowledgedBy} is a display name, never shown to the citizen). */
    public record StaffComing(String acknowledgedBy, Instant at) {
    }
}
