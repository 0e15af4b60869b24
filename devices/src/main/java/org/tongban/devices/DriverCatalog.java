package org.tongban.devices;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which drivers exist for which device class. The composition root fills it: simulators always,
 * real drivers as they are added. Not a static registry, so a test can build its own.
 */
public final class DriverCatalog {

    private final Map<String, DriverFactory> factories = new LinkedHashMap<>();

    public DriverCatalog register(DeviceClass deviceClass, String driver, DriverFactory factory) {
        factories.put(key(deviceClass, driver), factory);
        return this;
    }

    public boolean knows(DeviceClass deviceClass, String driver) {
        return factories.containsKey(key(deviceClass, driver));
    }

    /** The driver names registered for a class, for error messages and the configuration check. */
    public Set<String> driversFor(DeviceClass deviceClass) {
        Set<String> names = new TreeSet<>();
        String prefix = deviceClass.name() + "/";
        for (String k : factories.keySet()) {
            if (k.startsWith(prefix)) {
                names.add(k.substring(prefix.length()));
            }
        }
        return names;
    }

    public Device create(DeviceSpec spec) throws DeviceException {
        DriverFactory f = factories.get(key(spec.deviceClass(), spec.driver()));
        if (f == null) {
            throw new DeviceException(DeviceException.Reason.ILLEGAL_STATE,
                    spec.name() + ": no driver '" + spec.driver() + "' for " + spec.deviceClass()
                            + " (known: " + driversFor(spec.deviceClass()) + ")");
        }
        return f.create(spec);
    }

    private static String key(DeviceClass c, String driver) {
        return c.name() + "/" + driver;
    }
}
