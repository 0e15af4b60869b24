package org.tongban.kiosk.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tongban.devices.DriverCatalog;

/**
 * Reads {@code kiosk.yaml} and {@code devices.yaml} from a configuration folder and checks both,
 * collecting every problem (not just the first) so a technician can fix them in one go.
 */
public final class ConfigLoader {

    public static final String KIOSK_FILE = "kiosk.yaml";
    public static final String DEVICES_FILE = "devices.yaml";

    private final ObjectMapper mapper = YamlDocument.strictMapper();
    private final DriverCatalog drivers;

    /** @param drivers the drivers this build has, so a misspelt driver name is caught before start */
    public ConfigLoader(DriverCatalog drivers) {
        this.drivers = drivers;
    }

    public TerminalConfig load(Path dir) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        KioskConfig kiosk = read(dir.resolve(KIOSK_FILE), KioskConfig.class, problems, (c, doc) -> c.check(doc));
        // simulated devices are checked against the mode once kiosk.yaml has one to say
        boolean production = kiosk != null && kiosk.terminal() != null && !kiosk.terminal().demo();
        DevicesConfig devices = read(dir.resolve(DEVICES_FILE), DevicesConfig.class, problems,
                (c, doc) -> c.check(doc, drivers, production));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new TerminalConfig(dir, kiosk, devices.specs());
    }

    private interface Check<T> {
        List<ConfigProblem> apply(T value, YamlDocument doc);
    }

    private <T> T read(Path file, Class<T> type, List<ConfigProblem> problems, Check<T> check) {
        if (!Files.exists(file)) {
            problems.add(new ConfigProblem(file, 0, "missing"));
            return null;
        }
        try {
            YamlDocument doc = YamlDocument.read(file, mapper);
            T value = doc.bind(mapper, type);
            problems.addAll(check.apply(value, doc));
            return value;
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
