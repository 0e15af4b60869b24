package org.tongban.kiosk.flow;

import java.util.Optional;
import org.tongban.kiosk.catalog.ServiceItem;

/**
 * Whether the terminal serves now, and which items it can run: the devices and the platform's
 * LOCK decide; the navigator only asks.
 */
public interface ServiceGate {

    /** Everything is open (a terminal without rules of its own, e.g. in a unit test). */
    static ServiceGate open() {
        return new ServiceGate() {
            @Override
            public Optional<String> unavailable(ServiceItem item) {
                return Optional.empty();
            }

            @Override
            public boolean inService() {
                return true;
            }
        };
    }

    /** Why the item cannot run now, as a message key ("printer out of paper"), or empty when it can. */
    Optional<String> unavailable(ServiceItem item);

    /** False while the terminal is out of service: no new visit starts. */
    boolean inService();
}
