package org.tongban.kiosk.app;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd the kiosk is up ({@code READY=1}) and alive ({@code WATCHDOG=1}) when it runs under the
 * unit ({@code NOTIFY_SOCKET} set). Java 17 has no datagram sockets on Unix domain addresses, so this runs
 * {@code systemd-notify}, which waits until the manager has taken the message (so the unit, with
 * {@code NotifyAccess=all}, accepts it from a child process). Outside systemd it does nothing.
 */
public final class ServiceNotifier {

    private static final Logger log = LoggerFactory.getLogger(ServiceNotifier.class);

    private final Map<String, String> env;

    public ServiceNotifier(Map<String, String> env) {
        this.env = env;
    }

    public boolean underSystemd() {
        return env.containsKey("NOTIFY_SOCKET");
    }

    /** How often to feed the watchdog: half its period, or 0 when the unit has none. */
    public long watchdogPeriodMillis() {
        String usec = env.get("WATCHDOG_USEC");
        try {
            return usec == null ? 0 : Long.parseLong(usec) / 2000;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public void ready() {
        send("READY=1");
    }

    public void watchdog() {
        send("WATCHDOG=1");
    }

    private void send(String message) {
        if (!underSystemd()) {
            return;
        }
        try {
            Process p = new ProcessBuilder("systemd-notify", message).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                log.warn("systemd-notify {} did not return", message);
            }
        } catch (IOException e) {
            log.warn("cannot tell systemd {}: {}", message, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
