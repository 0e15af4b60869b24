package org.tongban.kiosk.fleet;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.tongban.kiosk.config.KioskConfig;

/**
 * How this terminal reaches its fleet server: the server, who we are, the secret we were enrolled with.
 *
 * @param secret the HMAC-SM3 key: the hex line {@code ./fleet terminals import} wrote, decoded
 */
public record FleetSettings(URI server, String terminalId, byte[] secret, Duration timeout) {

    /** From kiosk.yaml's {@code fleet} section; the secret file must hold one line of hex. */
    public static FleetSettings of(KioskConfig.Fleet fleet, String terminalId) throws IOException {
        return new FleetSettings(URI.create(fleet.url()), terminalId, readSecret(Path.of(fleet.secretFile())),
                Duration.ofSeconds(fleet.timeoutSeconds()));
    }

    static byte[] readSecret(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new IOException("the fleet secret file " + file + " is empty");
        }
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("the fleet secret file " + file + " must hold one line of hex digits, as "
                    + "./fleet terminals import writes it");
        }
    }
}
