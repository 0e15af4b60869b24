package org.tongban.kiosk.admin;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tongban.devices.DataEvent;
import org.tongban.devices.DeviceEvent;
import org.tongban.devices.DeviceListener;
import org.tongban.devices.DeviceState;
import org.tongban.devices.ErrorEvent;
import org.tongban.devices.StatusEvent;

/**
 * What each device did since the terminal started, for the dashboard: data read (cards, codes),
 * prints and pages (told by whoever printed), times it needed a person on site (paper out), and
 * its last error with when.
 */
public final class DeviceCounters implements DeviceListener {

    /** One device's figures. */
    public record Counts(int reads, int prints, int pages, int userErrors, String lastError, Instant lastErrorAt) {
        static final Counts ZERO = new Counts(0, 0, 0, 0, null, null);
    }

    private final Map<String, Counts> counts = new ConcurrentHashMap<>();

    @Override
    public void onEvent(DeviceEvent e) {
        if (e instanceof DataEvent<?> d) {
            update(d.device(), c -> new Counts(c.reads() + 1, c.prints(), c.pages(), c.userErrors(), c.lastError(),
                    c.lastErrorAt()));
        } else if (e instanceof StatusEvent s && s.state() == DeviceState.USER_ERROR
                && s.previous() != DeviceState.USER_ERROR) {
            update(s.device(), c -> new Counts(c.reads(), c.prints(), c.pages(), c.userErrors() + 1,
                    s.detail(), s.at()));
        } else if (e instanceof StatusEvent s && s.state() == DeviceState.HARDWARE_ERROR) {
            update(s.device(), c -> new Counts(c.reads(), c.prints(), c.pages(), c.userErrors(), s.detail(), s.at()));
        } else if (e instanceof ErrorEvent err) {
            update(err.device(), c -> new Counts(c.reads(), c.prints(), c.pages(), c.userErrors(),
                    err.reason() + ": " + err.message(), err.at()));
        }
    }

    /** A print finished on the device (from a flow or a test page). */
    public void printed(String device, int pages) {
        update(device, c -> new Counts(c.reads(), c.prints() + 1, c.pages() + pages, c.userErrors(), c.lastError(),
                c.lastErrorAt()));
    }

    private void update(String device, java.util.function.UnaryOperator<Counts> f) {
        counts.compute(device, (k, c) -> f.apply(c == null ? Counts.ZERO : c));
    }

    public Counts of(String device) {
        return counts.getOrDefault(device, Counts.ZERO);
    }
}
