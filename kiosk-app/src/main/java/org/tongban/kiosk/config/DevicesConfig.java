package org.tongban.kiosk.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.DriverCatalog;
import org.tongban.devices.simulation.Simulators;

/** {@code devices.yaml}: the terminal's devices, one entry each. */
public record DevicesConfig(List<Entry> devices) {

    /** The face camera is the device named {@code camera} (its options choose the face detector), the document camera {@code doccam}. */
    public static final String FACE_CAMERA = "camera";
    public static final String DOCUMENT_CAMERA = "doccam";

    /** One device as the technician writes it; {@code class} is the device class. */
    public record Entry(String name, @JsonProperty("class") DeviceClass deviceClass, String driver, String port,
                        Map<String, String> options, boolean required) {

        DeviceSpec toSpec() {
            return new DeviceSpec(name, deviceClass, driver, port, options, required);
        }
    }

    public List<DeviceSpec> specs() {
        return devices.stream().map(Entry::toSpec).toList();
    }

    /**
     * @param production whether kiosk.yaml says this is a production terminal, which refuses simulated devices:
     *                   they would serve citizens with invented data (and print real certificates to a file)
     */
    List<ConfigProblem> check(YamlDocument doc, DriverCatalog drivers, boolean production) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (devices == null || devices.isEmpty()) {
            problems.add(doc.problem("/devices", "devices is missing or empty"));
            return problems;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < devices.size(); i++) {
            Entry e = devices.get(i);
            String at = "/devices/" + i;
            if (e.name() == null || !e.name().matches("[a-z][a-z0-9-]{0,31}")) {
                problems.add(doc.problem(at + "/name", "device name '" + e.name()
                        + "' must be lower-case letters, digits or dashes"));
            } else if (!names.add(e.name())) {
                problems.add(doc.problem(at + "/name", "device name '" + e.name() + "' is used twice"));
            }
            if (e.deviceClass() == null) {
                problems.add(doc.problem(at, "device '" + e.name() + "' has no class (one of "
                        + List.of(DeviceClass.values()) + ")"));
            } else if (e.driver() == null) {
                problems.add(doc.problem(at, "device '" + e.name() + "' has no driver"));
            } else if (!drivers.knows(e.deviceClass(), e.driver())) {
                problems.add(doc.problem(at + "/driver", "no driver '" + e.driver() + "' for " + e.deviceClass()
                        + "; known: " + drivers.driversFor(e.deviceClass())));
            } else if (production && Simulators.DRIVER.equals(e.driver())) {
                problems.add(doc.problem(at + "/driver", "device '" + e.name() + "' is simulated, which a production "
                        + "terminal refuses: set its real driver, or terminal.mode: demo in kiosk.yaml for a demo or "
                        + "test terminal"));
            }
        }
        return problems;
    }
}
