package org.tongban.kiosk.catalog;

import java.util.List;

/**
 * "Tell once": everything a citizen should know before starting, so nobody is sent home for a
 * missing paper. Shown as the first step of every item.
 */
public record Guidance(Text basis, Text conditions, List<Material> materials, Text fees, Text timeLimit,
                       Text delivery, String phone) {

    public Guidance {
        materials = materials == null ? List.of() : List.copyOf(materials);
    }
}
