package org.tongban.kiosk.platform;

import java.util.List;

/** The terminal's periodic status report. */
public record Heartbeat(
        String terminalId,
        Profile profile,
        String softwareVersion,
        String catalogVersion,
        long uptimeSeconds,
        long outboxDepth,
        Long oldestPendingAgeSeconds,
        List<DeviceStatus> devices) {

    public Heartbeat {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    public enum Profile { HALL_KIOSK, BANK_STM }

    public enum DeviceState { ONLINE, DEGRADED, OFFLINE, ERROR }

    /** One peripheral as the platform's operations desk sees it. */
    public record DeviceStatus(String name, String kind, DeviceState state, String detail) {
    }
}
