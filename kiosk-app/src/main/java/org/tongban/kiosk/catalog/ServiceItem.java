package org.tongban.kiosk.catalog;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.List;
import org.tongban.kiosk.config.Profile;

/**
 * A service item as data: what it is, who offers it, what the citizen must know, and its flow.
 *
 * @param code the unified service item code; the platform knows the item by it
 * @param department the id of the owning {@link Department}
 * @param keywords words citizens search with besides the name (e.g. 社保, 养老)
 * @param worksOffline whether the whole flow can finish with the platform unreachable
 * @param bundle for a "one thing, one visit" bundle: the codes of the items it submits together
 */
// Not @JsonIgnore on isBundle(): that would hide the "bundle" property itself, and bundles would read as empty.
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public record ServiceItem(String code, Text name, String department, List<String> categories,
                          List<String> keywords, List<Profile> profiles, boolean worksOffline, Guidance guidance,
                          List<FlowStep> flow, List<String> bundle) {

    public ServiceItem {
        categories = categories == null ? List.of() : List.copyOf(categories);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        flow = flow == null ? List.of() : List.copyOf(flow);
        bundle = bundle == null ? List.of() : List.copyOf(bundle);
    }

    /** Derived from {@code bundle}; not a field of the catalog document. */
    public boolean isBundle() {
        return !bundle.isEmpty();
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
