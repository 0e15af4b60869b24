package org.tongban.kiosk.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The terminal's periodic status report. {@code update} and {@code assistanceRequested} (a citizen
 * pressed "call staff") are extra properties of the contract's Heartbeat, which allows them.
 */
public record Heartbeat(
        String terminalId,
        Profile profile,
        String softwareVersion,
        String catalogVersion,
        long uptimeSeconds,
        long outboxDepth,
        Long oldestPendingAgeSeconds,
        List<DeviceStatus> devices,
        UpdateStatus update,
        boolean assistanceRequested) {

    public Heartbeat {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /** Without the update report (a terminal that does not take channel updates). */
    public Heartbeat(String terminalId, Profile profile, String softwareVersion, String catalogVersion,
            long uptimeSeconds, long outboxDepth, Long oldestPendingAgeSeconds, List<DeviceStatus> devices) {
        this(terminalId, profile, softwareVersion, catalogVersion, uptimeSeconds, outboxDepth, oldestPendingAgeSeconds,
                devices, null, false);
    }

    public enum Profile { HALL_KIOSK, BANK_STM }

    public enum DeviceState { ONLINE, DEGRADED, OFFLINE, ERROR }

    /** One peripheral as the platform's operations desk sees it. */
    public record DeviceStatus(String name, String kind, DeviceState state, String detail) {
    }

    /**
     * The update channel as this terminal sees it: an extra property of the heartbeat (the contract allows
     * them), so operators learn of refused manifests and of releases that were rolled back.
     *
     * @param installedSequence the highest channel sequence installed (0: none)
     * @param appVersion the application release running from a slot, or null for the packaged one
     * @param appOnTrial that release has not yet confirmed its health
     * @param downloading the release being fetched, or fetched and not yet installed (null: none)
     */
    public record UpdateStatus(long installedSequence, String installedVersion, String appVersion, boolean appOnTrial,
                               UpdateProblem lastRefusal, UpdateProblem lastRollback,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Downloading downloading) {
    }

    /** The channel sequence on its way to the terminal (a staged rollout's "downloading"). */
    public record Downloading(long sequence) {
    }

    /** A refused manifest or artifact, or a release rolled back: which, why, when. */
    public record UpdateProblem(String release, String reason, Instant at) {
    }
}
