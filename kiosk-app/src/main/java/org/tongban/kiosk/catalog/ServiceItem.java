package org.tongban.kiosk.catalog;

import java.util.List;
import org.tongban.kiosk.config.Profile;

/**
 * A service item as data: what it is, who offers it, what the citizen must know, and its flow.
 *
 * @param code the unified service item code; the platform knows the item by it
 * @param worksOffline whether the whole flow can finish with the platform unreachable
 */
public record ServiceItem(String code, Text name, Text department, List<String> categories,
                          List<Profile> profiles, boolean worksOffline, Guidance guidance, List<FlowStep> flow) {

    public ServiceItem {
        categories = categories == null ? List.of() : List.copyOf(categories);
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        flow = flow == null ? List.of() : List.copyOf(flow);
    }

    public boolean has(StepType type) {
        return flow.stream().anyMatch(s -> s.step() == type);
    }

    /** Every field the item's form steps ask, in order. */
    public List<FormField> formFields() {
        return flow.stream().flatMap(s -> s.fields().stream()).toList();
    }

    public boolean offeredOn(Profile profile) {
        return profiles.contains(profile);
    }
}
