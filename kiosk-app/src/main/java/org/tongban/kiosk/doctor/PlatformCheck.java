package org.tongban.kiosk.doctor;

import java.time.Clock;
import java.time.Duration;
import org.tongban.kiosk.platform.Heartbeat;
import org.tongban.kiosk.platform.HeartbeatAnswer;
import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.kiosk.platform.PlatformException;

/**
 * The platform: it answers a signed heartbeat (so it is reachable and accepts this terminal's
 * signature), and its clock agrees with ours (it refuses requests more than 300 s off).
 */
public final class PlatformCheck implements Check {

    /** The platform refuses a timestamp further off than this (platform-api.yaml). */
    public static final Duration MAX_SKEW = Duration.ofSeconds(300);
    /** Beyond this the clock is worth fixing before it gets worse. */
    static final Duration WARN_SKEW = Duration.ofSeconds(30);

    private final PlatformClient client;
    private final Heartbeat heartbeat;
    private final Clock clock;
    private final String url;

    public PlatformCheck(PlatformClient client, Heartbeat heartbeat, Clock clock, String url) {
        this.client = client;
        this.heartbeat = heartbeat;
        this.clock = clock;
        this.url = url;
    }

    /** For a terminal whose secret could not be read: the check fails and says why. */
    public static Check unreadableSecret(String secretFile, String why) {
        return () -> Finding.fail("platform", "terminal secret " + secretFile + " cannot be read: " + why,
                "put the secret the platform issued for this terminal there (mode 600, owner the kiosk user)", true);
    }

    /** For a terminal whose TLS files (CA bundle, client certificate, key) cannot be used. */
    public static Check unusableTls(String why) {
        return () -> Finding.fail("platform", why, "put the province's CA certificates (PEM) at platform.caBundle, "
                + "and the terminal's certificate and key at platform.clientCertificate/clientKey if it has them",
                true);
    }

    @Override
    public Finding run() {
        HeartbeatAnswer answer;
        try {
            answer = client.heartbeat(heartbeat);
        } catch (PlatformException e) {
            return switch (e.kind()) {
                case UNAUTHORIZED -> Finding.fail("platform", url + " refused this terminal's signature: "
                        + e.getMessage(), "check terminal.id in kiosk.yaml and the secret file; then the clock "
                        + "(timedatectl)", true);
                case UNREACHABLE -> Finding.fail("platform", url + " not reachable: " + e.getMessage(),
                        "check the network cable and platform.url in kiosk.yaml (curl " + url + "); the "
                                + "kiosk keeps what citizens do in its outbox meanwhile", true);
                default -> Finding.fail("platform", url + " answered badly: " + e.getMessage(),
                        "the platform may be in maintenance; try again later", true);
            };
        }
        Duration skew = Duration.between(answer.serverTime(), clock.instant()).abs();
        String detail = url + " reachable, signature accepted, clock off by " + skew.toMillis() + " ms";
        if (skew.compareTo(MAX_SKEW) > 0) {
            return Finding.fail("platform", detail, "set the clock (timedatectl set-ntp true): the platform "
                    + "refuses requests more than 300 s off", true);
        }
        if (skew.compareTo(WARN_SKEW) > 0) {
            return Finding.warn("platform", detail, "the clock drifts: enable time sync (timedatectl set-ntp true)");
        }
        return Finding.ok("platform", detail);
    }
}
