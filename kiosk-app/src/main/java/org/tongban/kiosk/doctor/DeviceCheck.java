package org.tongban.kiosk.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.DriverCatalog;
import org.tongban.devices.HealthReport;

/**
 * One configured device: its serial port exists, it opens, and its health check says it can serve.
 * The device is closed again afterwards; run the doctor with the kiosk stopped, or a port the kiosk
 * holds shows as busy.
 */
public final class DeviceCheck implements Check {

    private final DeviceSpec spec;
    private final DriverCatalog drivers;
    private final Duration timeout;

    public DeviceCheck(DeviceSpec spec, DriverCatalog drivers, Duration timeout) {
        this.spec = spec;
        this.drivers = drivers;
        this.timeout = timeout;
    }

    @Override
    public Finding run() {
        String name = "device " + spec.name();
        Finding f = look(name);
        return spec.required() ? f : f.optional();
    }

    private Finding look(String name) {
        String port = spec.port();
        boolean serial = port != null && port.startsWith("/dev/") && !"simulated".equals(spec.driver());
        if (serial && !Files.exists(Path.of(port))) {
            return Finding.fail(name, spec.deviceClass() + " port " + port + " does not exist",
                    "plug the device in, or set its port in devices.yaml (ls -l /dev/serial/by-id; "
                            + "maintenance mode > ports finds which port answers)", true);
        }
        try (Device d = drivers.create(spec)) {
            try {
                d.openClaimEnable(timeout);
            } catch (DeviceException e) {
                return Finding.fail(name, spec.deviceClass() + " (" + spec.driver()
                        + (port == null ? "" : " on " + port) + ") did not start: " + e.getMessage(),
                        hint(e), true);
            }
            HealthReport h = d.checkHealth();
            String text = spec.deviceClass() + " (" + spec.driver() + "): " + h.state() + ", " + h.text();
            if (h.healthy()) {
                return Finding.ok(name, text);
            }
            return Finding.fail(name, text, h.state() == org.tongban.devices.DeviceState.USER_ERROR
                    ? "fix it on site (paper, ribbon, cover), then run the doctor again"
                    : "check the cable and power; replace the device if it stays so", true);
        } catch (DeviceException e) {
            return Finding.fail(name, "cannot build driver " + spec.driver() + ": " + e.getMessage(),
                    "check the driver name in devices.yaml (./kiosk config validate)", true);
        }
    }

    private String hint(DeviceException e) {
        return switch (e.reason()) {
            case TIMEOUT -> "the device does not answer: check the cable, its power and the baud rate";
            case OFFLINE, PROTOCOL -> "check the cable and that the port is the right one "
                    + "(maintenance mode > ports probes every port)";
            default -> "see the message; the kiosk log has the details";
        };
    }
}
