package org.tongban.kiosk.status;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceEvent;
import org.tongban.devices.DeviceRegistry;
import org.tongban.devices.DeviceState;
import org.tongban.devices.StatusEvent;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.flow.ServiceGate;
import org.tongban.kiosk.outbox.Outbox;
import org.tongban.kiosk.outbox.StorageProblem;
import org.tongban.kiosk.outbox.SyncWorker;

/**
 * What the status bar tells citizens: whether the platform is reachable and which devices are
 * not working, in terms the shell turns into plain words ("the printer is out of paper").
 */
public final class TerminalStatus implements ServiceGate {

    /** A device that cannot serve now. */
    public record DeviceNotice(String device, org.tongban.devices.DeviceClass deviceClass, DeviceState state) {
    }

    private final DeviceRegistry devices;
    private final List<Consumer<TerminalStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean platformOnline;
    private volatile String storageProblem;
    private final List<String> storageNotices = new CopyOnWriteArrayList<>();
    /** The platform's LOCK in force, with its message (may be empty), or null. */
    private volatile String lockedWith;

    public TerminalStatus(DeviceRegistry devices, boolean platformOnline) {
        this.devices = devices;
        this.platformOnline = platformOnline;
        devices.addListener(this::onDeviceEvent);
    }

    public void addListener(Consumer<TerminalStatus> l) {
        listeners.add(l);
    }

    private void onDeviceEvent(DeviceEvent e) {
        // Only a change in what a citizen can use matters here; ONLINE↔BUSY is every operation.
        if (e instanceof StatusEvent s && s.previous().usable() != s.state().usable()) {
            changed();
        }
    }

    public void platformReachable(boolean online) {
        if (online != platformOnline) {
            platformOnline = online;
            changed();
        }
    }

    public boolean platformOnline() {
        return platformOnline;
    }

    /**
     * The outbox file cannot be written (disk full, read-only, damaged): the kiosk takes no submissions until
     * it can; null when it clears. The message is for technicians.
     */
    public void storageProblem(String message) {
        if (!java.util.Objects.equals(message, storageProblem)) {
            storageProblem = message;
            changed();
        }
    }

    /** What is wrong with the outbox file now, for the technician; empty while it writes fine. */
    public java.util.Optional<String> storageProblem() {
        return java.util.Optional.ofNullable(storageProblem);
    }

    /** Something found at start a technician must see (a damaged outbox moved aside). */
    public void storageNotice(String notice) {
        storageNotices.add(notice);
        changed();
    }

    public List<String> storageNotices() {
        return List.copyOf(storageNotices);
    }

    /** Devices that are not usable now, in configuration order. */
    public List<DeviceNotice> notices() {
        return devices.all().stream()
                .filter(d -> !d.state().usable())
                .map(d -> new DeviceNotice(d.name(), d.deviceClass(), d.state()))
                .toList();
    }

    // ---- degraded service ----------------------------------------------------------------------

    /** Why the terminal serves no one now. */
    public record OutOfService(boolean locked, String platformMessage, List<String> failedDevices) {
    }

    /** The platform's LOCK: the terminal stops taking new visits until UNLOCK. */
    public void lock(String platformMessage) {
        lockedWith = platformMessage == null ? "" : platformMessage;
        changed();
    }

    public void unlock() {
        if (lockedWith != null) {
            lockedWith = null;
            changed();
        }
    }

    public boolean locked() {
        return lockedWith != null;
    }

    /** Empty while the terminal serves; otherwise the LOCK or the required devices that cannot serve. */
    public java.util.Optional<OutOfService> outOfService() {
        List<String> failed = devices.missingRequired();
        if (lockedWith == null && failed.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new OutOfService(lockedWith != null, lockedWith, failed));
    }

    @Override
    public boolean inService() {
        return outOfService().isEmpty();
    }

    /** Follows the platform link (reachable or not) and the outbox file (a storage problem, what opening found). */
    public void follow(SyncWorker sync, Outbox outbox) {
        sync.addListener(r -> platformReachable(r.online()));
        outbox.addStorageListener(p -> storageProblem(p.map(StorageProblem::message).orElse(null)));
        outbox.notices().forEach(this::storageNotice);
    }

    /** The navigator's gate: this status, and closed to new visits while {@code paused} (maintenance mode) holds. */
    public ServiceGate pausedWhile(BooleanSupplier paused) {
        return new ServiceGate() {
            @Override
            public java.util.Optional<String> unavailable(ServiceItem item) {
                return TerminalStatus.this.unavailable(item);
            }

            @Override
            public boolean inService() {
                return TerminalStatus.this.inService() && !paused.getAsBoolean();
            }
        };
    }

    /**
     * The first device the item needs that cannot serve, as the message key the status bar uses for it
     * ({@code device.DOCUMENT_PRINTER.USER_ERROR}: "printer out of paper"); empty when all it needs works.
     */
    @Override
    public java.util.Optional<String> unavailable(ServiceItem item) {
        for (org.tongban.devices.DeviceClass needed : ItemNeeds.of(item)) {
            java.util.Optional<Device> d = devices.all().stream().filter(x -> x.deviceClass() == needed).findFirst();
            if (d.isEmpty()) {
                return java.util.Optional.of("device." + needed + ".OFFLINE");
            }
            DeviceState st = d.get().state();
            if (!st.usable()) {
                return java.util.Optional.of("device." + needed + "." + st);
            }
        }
        return java.util.Optional.empty();
    }

    public boolean usable(Class<? extends Device> type) {
        return devices.first(type).map(d -> d.state().usable()).orElse(false);
    }

    private void changed() {
        listeners.forEach(l -> l.accept(this));
    }
}
