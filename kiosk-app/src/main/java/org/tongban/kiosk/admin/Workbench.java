package org.tongban.kiosk.admin;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceRegistry;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.DriverCatalog;
import org.tongban.devices.HealthReport;
import org.tongban.kiosk.journal.Journal;

/**
 * Everything maintenance mode shows and does, in one place the views ask: the device dashboard and
 * its actions, port discovery, the configuration editor and the terminal's status. Plain: tested
 * without a screen; the views only draw what it answers.
 */
public final class Workbench {

    /** One line of the device dashboard. */
    public record DeviceRow(String name, String deviceClass, String driver, String port, boolean required,
                            String lifecycle, String state, boolean healthy, String health,
                            DeviceCounters.Counts counts) {
    }

    private final Maintenance mode;
    private final DeviceRegistry devices;
    private final DeviceCounters counters;
    private final DeviceActions actions;
    private final PortDiscovery ports;
    private final ConfigEditor editor;
    private final StatusReport status;
    private final java.util.concurrent.Executor work;

    /**
     * The workbench over a running terminal's devices: counts their events from now on, acts on them in the
     * journal's sight, offers their configured ports, edits the configuration in {@code configDir} (keeping the
     * version before in {@code keepDir} where no file can be created beside it, as in the packaged layout).
     */
    public static Workbench over(Maintenance mode, DeviceRegistry devices, Journal journal, Clock clock,
                                 String terminalId, Path configDir, Path keepDir, DriverCatalog drivers,
                                 StatusReport status, java.util.concurrent.Executor work) {
        DeviceCounters counters = new DeviceCounters();
        devices.addListener(counters);
        return new Workbench(mode, devices, counters, new DeviceActions(devices, counters, journal, clock, terminalId),
                PortDiscovery.withConfiguredPorts(devices), new ConfigEditor(configDir, keepDir, drivers, devices, journal),
                status, work);
    }

    /** @param work where the slow parts run (health checks, probes, tests), never the screen's thread */
    public Workbench(Maintenance mode, DeviceRegistry devices, DeviceCounters counters, DeviceActions actions,
                     PortDiscovery ports, ConfigEditor editor, StatusReport status, java.util.concurrent.Executor work) {
        this.work = work;
        this.mode = mode;
        this.devices = devices;
        this.counters = counters;
        this.actions = actions;
        this.ports = ports;
        this.editor = editor;
        this.status = status;
    }

    /** Runs {@code job} on the maintenance worker and hands its result to {@code then} (on that worker). */
    public <T> void later(java.util.function.Supplier<T> job, java.util.function.Consumer<T> then) {
        mode.activity();
        work.execute(() -> then.accept(job.get()));
    }

    public Maintenance mode() {
        return mode;
    }

    /** Every configured device, checked now (the health check may talk to the hardware: call off the FX thread). */
    public List<DeviceRow> dashboard() {
        List<DeviceRow> rows = new ArrayList<>();
        for (HealthReport h : devices.health()) {
            DeviceSpec spec = devices.spec(h.device());
            rows.add(new DeviceRow(h.device(), h.deviceClass().name(), spec.driver(), spec.port(), spec.required(),
                    h.lifecycle().name(), h.state().name(), h.healthy(), h.text(), counters.of(h.device())));
        }
        return rows;
    }

    /** Runs a device action; open/close need the technician role, tests and resets do not. */
    public DeviceActions.Result run(String device, DeviceActions.Action action) {
        boolean changes = action == DeviceActions.Action.OPEN || action == DeviceActions.Action.CLOSE;
        if (changes && !mode.mayChange()) {
            return new DeviceActions.Result(false, "only a technician may open or close a device");
        }
        mode.activity();
        return actions.run(device, action);
    }

    /** One touch on the ports page: the device gets the port in devices.yaml, saved and applied. */
    public ConfigEditor.Outcome assignPort(String device, String port) {
        try {
            return saveConfig(List.of(new ConfigEditor.Change(org.tongban.kiosk.config.ConfigLoader.DEVICES_FILE,
                    editor.devicePointer(device, "port"), port)));
        } catch (java.io.IOException e) {
            return new ConfigEditor.Outcome(false, List.of(e.getMessage()), List.of(), false);
        }
    }

    /** Saves configuration changes (technicians only), checked first, applied at once where possible. */
    public ConfigEditor.Outcome saveConfig(List<ConfigEditor.Change> changes) {
        if (!mode.mayChange()) {
            return new ConfigEditor.Outcome(false, List.of("only a technician may change the configuration"),
                    List.of(), false);
        }
        mode.activity();
        return editor.save(changes, mode.label().orElse("-"));
    }

    public PortDiscovery ports() {
        return ports;
    }

    public ConfigEditor editor() {
        return editor;
    }

    public StatusReport status() {
        return status;
    }

    public DeviceSpec spec(String device) {
        return devices.spec(device);
    }

    /** The configured devices' names, for the views: a view never holds a device itself. */
    public List<String> deviceNames() {
        return devices.all().stream().map(Device::name).toList();
    }

    /** The names of the configured devices of the class that answered on this port. */
    public List<String> devicesFitting(PortDiscovery.Probe probe) {
        return devices.all().stream().filter(d -> probe.answers().filter(d.deviceClass()::equals).isPresent())
                .map(Device::name).toList();
    }
}
