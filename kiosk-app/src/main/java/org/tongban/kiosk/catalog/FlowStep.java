package org.tongban.kiosk.catalog;

import java.util.List;

/**
 * One step of an item's flow.
 *
 * @param methods for {@code identify}: the ways a citizen may prove who they are (e.g. {@code ID_CARD})
 * @param fields for {@code form}: the fields asked, in order
 */
public record FlowStep(StepType step, List<String> methods, List<FormField> fields) {

    public FlowStep {
        methods = methods == null ? List.of() : List.copyOf(methods);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
