package org.tongban.kiosk.platform;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.transport.Endpoints;

/**
 * Where the platform is and who this terminal is to it.
 *
 * @param baseUrl        https, or http to loopback only (the platform simulator)
 * @param requestTimeout the overall deadline of each call, from sending to the last byte of the answer
 * @param tls            whom to trust over https, and the terminal's client certificate
 */
public record PlatformSettings(URI baseUrl, String terminalId, byte[] secret, Duration requestTimeout, Tls tls) {

    /** Which cipher suites the link uses (GB/T 39786): the JDK's standard TLS, or SM suites (TLCP / RFC 8998). */
    public enum Suites { STANDARD, SM }

    /**
     * @param caBundle          PEM CA certificates that may vouch for the platform; null only for a loopback URL
     *                          (and, outside production configurations, the JDK's store: see {@link #none()})
     * @param clientCertificate PEM certificate chain presented as the device identity, or null
     * @param clientKey         its PEM private key, or null
     */
    public record Tls(Path caBundle, Path clientCertificate, Path clientKey, Suites suites) {

        public Tls {
            suites = suites == null ? Suites.STANDARD : suites;
            if ((clientCertificate == null) != (clientKey == null)) {
                throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
            }
        }

        /** No CA bundle of our own: only for loopback and for command-line tools pointed at a platform by hand. */
        public static Tls none() {
            return new Tls(null, null, null, Suites.STANDARD);
        }
    }

    public PlatformSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Endpoints.require(baseUrl);
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        secret = Objects.requireNonNull(secret, "secret").clone();
        tls = tls == null ? Tls.none() : tls;
    }

    /** Without TLS settings of its own: loopback, or the JDK's trust store. */
    public PlatformSettings(URI baseUrl, String terminalId, byte[] secret, Duration requestTimeout) {
        this(baseUrl, terminalId, secret, requestTimeout, null);
    }

    /** The settings a configuration gives: URL, terminal id, deadline, CA bundle, client certificate, suites. */
    public static PlatformSettings of(KioskConfig k, byte[] secret) {
        KioskConfig.Platform p = k.platform();
        return new PlatformSettings(URI.create(p.url()), k.terminal().id(), secret,
                Duration.ofSeconds(p.timeoutSeconds()), new Tls(path(p.caBundle()), path(p.clientCertificate()),
                        path(p.clientKey()), Suites.valueOf(p.tls().toUpperCase(java.util.Locale.ROOT))));
    }

    private static Path path(String file) {
        return file == null || file.isBlank() ? null : Path.of(file);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** The secret stays out of logs. */
    @Override
    public String toString() {
        return "PlatformSettings[" + baseUrl + " terminal=" + terminalId + " timeout=" + requestTimeout + " " + tls
                + "]";
    }
}
