package org.tongban.kiosk.status;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.DeviceRegistry;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.outbox.Outbox;
import org.tongban.kiosk.outbox.OutboxException;
import org.tongban.kiosk.outbox.OutboxStatus;
import org.tongban.kiosk.platform.Heartbeat;
import org.tongban.kiosk.update.UpdateReport;

/**
 * What the terminal says about itself in a heartbeat: who it is, what it runs, how deep its outbox is, how its
 * devices are, where its updates stand, and whether a citizen called for staff. The sync worker sends one to the
 * platform whenever it has nothing to deliver; a fleet sender can send the same. A figure that cannot be read
 * is left out (and logged), never the whole heartbeat.
 */
public final class HeartbeatSource implements Supplier<Heartbeat> {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatSource.class);

    private final KioskConfig.Terminal terminal;
    private final String softwareVersion;
    private final Supplier<String> catalogVersion;
    private final Outbox outbox;
    private final DeviceRegistry devices;
    private final UpdateReport updates;
    private final BooleanSupplier staffCalled;
    private final Clock clock;
    private volatile Instant lastBuilt;

    /**
     * @param updates     the update report, or null when the terminal has no update channel
     * @param staffCalled asked once a heartbeat: whether a citizen called for staff since the last one
     */
    public HeartbeatSource(KioskConfig.Terminal terminal, String softwareVersion, Supplier<String> catalogVersion,
                           Outbox outbox, DeviceRegistry devices, UpdateReport updates, BooleanSupplier staffCalled,
                           Clock clock) {
        this.terminal = terminal;
        this.softwareVersion = softwareVersion;
        this.catalogVersion = catalogVersion;
        this.outbox = outbox;
        this.devices = devices;
        this.updates = updates;
        this.staffCalled = staffCalled;
        this.clock = clock;
    }

    @Override
    public Heartbeat get() {
        lastBuilt = clock.instant();
        long depth = 0;
        Long oldest = null;
        try {
            OutboxStatus s = outbox.status();
            depth = s.pending();
            oldest = s.oldestPendingAge() == null ? null : s.oldestPendingAge().toSeconds();
        } catch (OutboxException e) {
            log.warn("heartbeat without outbox figures: {}", e.getMessage());
        }
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        return new Heartbeat(terminal.id(), Heartbeat.Profile.valueOf(terminal.profile().name()), softwareVersion,
                catalogVersion.get(), uptime, depth, oldest, deviceStates(), update(), staffCalled.getAsBoolean());
    }

    /** A device's state as a heartbeat reports it (BUSY is ONLINE: a change between them is no news). */
    public static Heartbeat.DeviceState reported(org.tongban.devices.DeviceState state) {
        return switch (state) {
            case ONLINE, BUSY -> Heartbeat.DeviceState.ONLINE;
            case USER_ERROR -> Heartbeat.DeviceState.DEGRADED;
            case OFFLINE, STARTING -> Heartbeat.DeviceState.OFFLINE;
            case HARDWARE_ERROR -> Heartbeat.DeviceState.ERROR;
        };
    }

    /** When the last heartbeat was built (the maintenance status page shows it), if one was. */
    public Optional<Instant> lastBuilt() {
        return Optional.ofNullable(lastBuilt);
    }

    private List<Heartbeat.DeviceStatus> deviceStates() {
        return devices.health().stream()
                .map(h -> new Heartbeat.DeviceStatus(h.device(), h.deviceClass().name(), reported(h.state()), h.text()))
                .toList();
    }

    private Heartbeat.UpdateStatus update() {
        if (updates == null) {
            return null;
        }
        try {
            return updates.read();
        } catch (IOException e) {
            log.warn("heartbeat without the update report: {}", e.getMessage());
            return null;
        }
    }
}
