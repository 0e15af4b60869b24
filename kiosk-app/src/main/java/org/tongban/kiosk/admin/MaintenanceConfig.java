package org.tongban.kiosk.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigProblem;
import org.tongban.kiosk.config.YamlDocument;

/**
 * {@code maintenance.yaml}: who may enter maintenance mode. Each PIN is stored as its
 * {@link PinHash}; make one with {@code ./kiosk admin pin-hash}.
 *
 * @param idleSeconds maintenance mode left untouched this long returns to the attract screen
 */
public record MaintenanceConfig(List<Pin> pins, Integer idleSeconds) {

    public static final String FILE = "maintenance.yaml";
    public static final int DEFAULT_IDLE_SECONDS = 180;

    /** @param label who holds it, as the journal names them (e.g. {@code tech-1}); never a person's name */
    public record Pin(String label, Role role, String hash) {
    }

    public MaintenanceConfig {
        pins = pins == null ? List.of() : List.copyOf(pins);
        idleSeconds = idleSeconds == null ? DEFAULT_IDLE_SECONDS : idleSeconds;
    }

    /** No PINs: maintenance mode cannot be entered until a technician adds one. */
    public static MaintenanceConfig none() {
        return new MaintenanceConfig(List.of(), null);
    }

    /**
     * The terminal's maintenance PINs: none without a configuration folder; a broken file is refused like any
     * configuration file (the terminal does not start).
     */
    public static MaintenanceConfig loadOrNone(Path configDir) throws IOException {
        if (configDir == null) {
            return none();
        }
        try {
            return load(configDir);
        } catch (ConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Reads {@code maintenance.yaml} from a configuration folder; none there means no PINs. */
    public static MaintenanceConfig load(Path configDir) throws ConfigException {
        Path file = configDir.resolve(FILE);
        if (!Files.exists(file)) {
            return none();
        }
        ObjectMapper mapper = YamlDocument.strictMapper();
        YamlDocument doc = YamlDocument.read(file, mapper);
        MaintenanceConfig c = doc.bind(mapper, MaintenanceConfig.class);
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < c.pins().size(); i++) {
            Pin p = c.pins().get(i);
            String at = "/pins/" + i;
            if (p.label() == null || !p.label().matches("[a-z][a-z0-9-]{0,31}")) {
                problems.add(doc.problem(at + "/label", "pin label '" + p.label()
                        + "' must be lower-case letters, digits or dashes (not a person's name)"));
            }
            if (p.role() == null) {
                problems.add(doc.problem(at, "pin '" + p.label() + "' has no role (OPERATOR or TECHNICIAN)"));
            }
            if (!PinHash.wellFormed(p.hash())) {
                problems.add(doc.problem(at + "/hash", "pin '" + p.label() + "' hash is not a "
                        + PinHash.SCHEME + " hash; make one with ./kiosk admin pin-hash"));
            } else {
                PinHash.weakness(p.hash()).ifPresent(w -> problems.add(doc.problem(at + "/hash", "pin '" + p.label()
                        + "' hash is too weak (" + w + "); make a new one with ./kiosk admin pin-hash")));
            }
        }
        if (c.idleSeconds() < 30 || c.idleSeconds() > 3600) {
            problems.add(doc.problem("/idleSeconds", "idleSeconds must be 30..3600"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return c;
    }
}
