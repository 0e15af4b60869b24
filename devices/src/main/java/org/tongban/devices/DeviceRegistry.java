package org.tongban.devices;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's configured devices: builds them from their specs, brings them up, and reports
 * their states. A device that fails to start is kept (OFFLINE, with the reason) rather than dropped,
 * so the dashboard and the heartbeat still show it.
 */
public final class DeviceRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeviceRegistry.class);

    // Copied on write (a replaced device), so readers on device threads never wait for a replacement.
    private volatile Map<String, Device> devices = new LinkedHashMap<>();
    private volatile Map<String, DeviceSpec> specs = new LinkedHashMap<>();
    private final Map<String, String> startFailures = new java.util.concurrent.ConcurrentHashMap<>();
    private final DriverCatalog catalog;
    /** Kept so a device replaced with new settings gets the same listeners as the one before it. */
    private final List<DeviceListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Builds every device (none is opened yet); an unknown driver is an error here, before anything runs. */
    public DeviceRegistry(List<DeviceSpec> configured, DriverCatalog catalog) throws DeviceException {
        this.catalog = catalog;
        for (DeviceSpec spec : configured) {
            if (devices.containsKey(spec.name())) {
                throw new DeviceException(DeviceException.Reason.ILLEGAL_STATE, "two devices named " + spec.name());
            }
            devices.put(spec.name(), catalog.create(spec));
            specs.put(spec.name(), spec);
        }
    }

    /**
     * Opens, claims and enables every device; failures are recorded, logged and left for the health check.
     * Calling it again retries the devices that are closed and leaves the running ones alone.
     */
    public void startAll(Duration claimTimeout) {
        for (Device d : devices.values()) {
            if (d.lifecycle() != Lifecycle.CLOSED) {
                continue; // already up: opening it again would fail and close a working device
            }
            try {
                d.openClaimEnable(claimTimeout);
                startFailures.remove(d.name());
            } catch (DeviceException e) {
                startFailures.put(d.name(), e.getMessage());
                log.warn("device {} did not start: {}", d.name(), e.getMessage());
                d.close();
            }
        }
    }

    /**
     * Closes the named device and puts one built from {@code spec} in its place, started, with the
     * registry's listeners: a technician's new port or driver applies without restarting. A device that
     * fails to start is kept, as at start-up. An unknown driver is refused before the old device is touched.
     *
     * @return the new device
     */
    public synchronized Device replace(String name, DeviceSpec spec, Duration claimTimeout) throws DeviceException {
        Device old = devices.get(name);
        if (old == null) {
            throw new DeviceException(DeviceException.Reason.ILLEGAL_STATE, "no device named " + name);
        }
        if (!spec.name().equals(name)) {
            throw new DeviceException(DeviceException.Reason.ILLEGAL_STATE, "a device keeps its name: " + name);
        }
        Device fresh = catalog.create(spec);
        listeners.forEach(old::removeListener);
        old.close();
        listeners.forEach(fresh::addListener);
        Map<String, Device> nextDevices = new LinkedHashMap<>(devices);
        nextDevices.put(name, fresh);
        Map<String, DeviceSpec> nextSpecs = new LinkedHashMap<>(specs);
        nextSpecs.put(name, spec);
        devices = nextDevices;
        specs = nextSpecs;
        startFailures.remove(name);
        try {
            fresh.openClaimEnable(claimTimeout);
        } catch (DeviceException e) {
            startFailures.put(name, e.getMessage());
            log.warn("device {} did not start with its new settings: {}", name, e.getMessage());
            fresh.close();
        }
        log.info("device {} replaced ({} on {})", name, spec.driver(), spec.port());
        return fresh;
    }

    public List<Device> all() {
        return Collections.unmodifiableList(new ArrayList<>(devices.values()));
    }

    public Optional<Device> byName(String name) {
        return Optional.ofNullable(devices.get(name));
    }

    /** The first configured device of the given interface, e.g. {@code first(IdCardReader.class)}. */
    public <T extends Device> Optional<T> first(Class<T> type) {
        return devices.values().stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    public DeviceSpec spec(String name) {
        return specs.get(name);
    }

    /** Why the device did not start, while it is closed after a failed start; empty otherwise. */
    public Optional<String> startFailure(String name) {
        Device d = devices.get(name);
        return d != null && d.lifecycle() == Lifecycle.CLOSED ? Optional.ofNullable(startFailures.get(name))
                : Optional.empty();
    }

    /** Listens to every device, including those that replace one later. */
    public synchronized void addListener(DeviceListener listener) {
        listeners.add(listener);
        devices.values().forEach(d -> d.addListener(listener));
    }

    public synchronized void removeListener(DeviceListener listener) {
        listeners.remove(listener);
        devices.values().forEach(d -> d.removeListener(listener));
    }

    /** Health of every device; a device that failed to start says why. */
    public List<HealthReport> health() {
        List<HealthReport> out = new ArrayList<>();
        for (Device d : devices.values()) {
            HealthReport r = d.checkHealth();
            String failure = startFailures.get(d.name());
            if (failure != null && d.lifecycle() == Lifecycle.CLOSED) {
                r = new HealthReport(r.device(), r.deviceClass(), r.lifecycle(), r.state(), false,
                        "did not start: " + failure, r.at());
            }
            out.add(r);
        }
        return out;
    }

    /** The required devices that cannot serve now; empty when the terminal may open for service. */
    public List<String> missingRequired() {
        List<String> missing = new ArrayList<>();
        for (Device d : devices.values()) {
            if (specs.get(d.name()).required()
                    && !(d.lifecycle() == Lifecycle.ENABLED && d.state().usable())) {
                missing.add(d.name());
            }
        }
        return missing;
    }

    @Override
    public void close() {
        List<Device> reversed = new ArrayList<>(devices.values());
        Collections.reverse(reversed);
        reversed.forEach(Device::close);
    }
}
