package org.tongban.kiosk.status;

import java.util.LinkedHashSet;
import java.util.Set;
import org.tongban.devices.DeviceClass;
import org.tongban.kiosk.catalog.FlowStep;
import org.tongban.kiosk.catalog.ServiceItem;

/** The devices an item's flow cannot run without, read from its steps. */
public final class ItemNeeds {

    private ItemNeeds() {
    }

    public static Set<DeviceClass> of(ServiceItem item) {
        Set<DeviceClass> needs = new LinkedHashSet<>();
        for (FlowStep s : item.flow()) {
            switch (s.step()) {
                case IDENTIFY -> {
                    // Only when the ID card is the one way to identify; other methods use other readers.
                    if (s.methods().isEmpty() || s.methods().equals(java.util.List.of("ID_CARD"))) {
                        needs.add(DeviceClass.ID_CARD_READER);
                    }
                }
                case PRINT -> needs.add(DeviceClass.DOCUMENT_PRINTER);
                case VERIFY_FACE -> needs.add(DeviceClass.CAMERA);
                case CAPTURE -> needs.add(DeviceClass.DOCUMENT_SCANNER);
                default -> {
                    // guidance, query, forms, review: the screen and the platform only
                }
            }
        }
        return needs;
    }
}
