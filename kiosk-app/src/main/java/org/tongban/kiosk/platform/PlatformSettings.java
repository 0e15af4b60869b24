package org.tongban.kiosk.platform;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** Where the platform is and who this terminal is to it. */
public record PlatformSettings(URI baseUrl, String terminalId, byte[] secret, Duration requestTimeout) {

    public PlatformSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        secret = Objects.requireNonNull(secret, "secret").clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** The secret stays out of logs. */
    @Override
    public String toString() {
        return "PlatformSettings[" + baseUrl + " terminal=" + terminalId + " timeout=" + requestTimeout + "]";
    }
}
