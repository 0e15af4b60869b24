package org.tongban.kiosk.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigProblem;
import org.tongban.kiosk.config.YamlDocument;

/** Reads {@code catalog/catalog.yaml} and checks it whole: a catalog is used entirely or not at all. */
public final class CatalogLoader {

    private final ObjectMapper mapper = YamlDocument.strictMapper();

    public Catalog load(Path file) throws ConfigException {
        YamlDocument doc = YamlDocument.read(file, mapper);
        Catalog catalog = doc.bind(mapper, Catalog.class);
        List<ConfigProblem> problems = check(catalog, doc);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return catalog;
    }

    private static List<ConfigProblem> check(Catalog c, YamlDocument doc) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (c.version() == null || c.version().isBlank()) {
            problems.add(doc.problem("/version", "version is missing"));
        }
        Set<String> categoryIds = new HashSet<>();
        for (int i = 0; i < c.categories().size(); i++) {
            Category cat = c.categories().get(i);
            if (cat.id() == null || !categoryIds.add(cat.id())) {
                problems.add(doc.problem("/categories/" + i, "category id '" + cat.id() + "' is missing or used twice"));
            }
            if (cat.name() == null || !cat.name().isComplete()) {
                problems.add(doc.problem("/categories/" + i + "/name", "category needs a name in zh and en"));
            }
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < c.items().size(); i++) {
            ServiceItem item = c.items().get(i);
            String at = "/items/" + i;
            if (item.code() == null || !codes.add(item.code())) {
                problems.add(doc.problem(at + "/code", "item code '" + item.code() + "' is missing or used twice"));
            }
            if (item.name() == null || !item.name().isComplete()) {
                problems.add(doc.problem(at + "/name", "item " + item.code() + " needs a name in zh and en"));
            }
            if (item.guidance() == null) {
                problems.add(doc.problem(at, "item " + item.code() + " has no guidance (tell once: basis, conditions, materials, fees, time limit)"));
            }
            if (item.profiles().isEmpty()) {
                problems.add(doc.problem(at, "item " + item.code() + " is offered on no profile"));
            }
            for (int k = 0; k < item.categories().size(); k++) {
                if (!categoryIds.contains(item.categories().get(k))) {
                    problems.add(doc.problem(at + "/categories/" + k, "item " + item.code()
                            + " names unknown category '" + item.categories().get(k) + "'"));
                }
            }
            problems.addAll(checkFlow(item, at, doc));
        }
        return problems;
    }

    private static List<ConfigProblem> checkFlow(ServiceItem item, String at, YamlDocument doc) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<FlowStep> flow = item.flow();
        if (flow.isEmpty()) {
            problems.add(doc.problem(at, "item " + item.code() + " has no flow"));
            return problems;
        }
        if (flow.get(0).step() != StepType.GUIDANCE) {
            problems.add(doc.problem(at + "/flow/0", "item " + item.code() + ": the flow must start with guidance"));
        }
        if (flow.get(flow.size() - 1).step() != StepType.REVIEW) {
            problems.add(doc.problem(at + "/flow/" + (flow.size() - 1),
                    "item " + item.code() + ": the flow must end with review (the national good/bad review)"));
        }
        boolean identified = false;
        boolean queried = false;
        boolean asked = false;
        for (int k = 0; k < flow.size(); k++) {
            FlowStep s = flow.get(k);
            String here = at + "/flow/" + k;
            if (s.step() == null) {
                problems.add(doc.problem(here, "item " + item.code() + ": step " + k + " has no type"));
                continue;
            }
            if (!s.step().supported()) {
                problems.add(doc.problem(here + "/step", "item " + item.code() + ": step '" + s.step().yamlName()
                        + "' is not supported by this software version"));
            }
            switch (s.step()) {
                case IDENTIFY -> {
                    identified = true;
                    if (s.methods().isEmpty() || !s.methods().stream().allMatch(m -> m.equals("ID_CARD"))) {
                        problems.add(doc.problem(here, "item " + item.code()
                                + ": identify needs methods, and this version supports ID_CARD"));
                    }
                }
                case QUERY -> {
                    if (!identified) {
                        problems.add(doc.problem(here, "item " + item.code() + ": query needs an identify step before it"));
                    }
                    if (item.worksOffline()) {
                        problems.add(doc.problem(here, "item " + item.code() + ": a query needs the platform, so the item cannot be worksOffline"));
                    }
                    queried = true;
                }
                case FORM -> {
                    asked = true;
                    problems.addAll(checkFields(item, s, here, doc));
                }
                case SUBMIT -> {
                    if (!identified || !asked) {
                        problems.add(doc.problem(here, "item " + item.code()
                                + ": submit needs identify and form steps before it"));
                    }
                }
                case PRINT -> {
                    if (!queried) {
                        problems.add(doc.problem(here, "item " + item.code() + ": print needs a query step before it"));
                    }
                }
                default -> {
                }
            }
        }
        return problems;
    }

    private static List<ConfigProblem> checkFields(ServiceItem item, FlowStep step, String at, YamlDocument doc) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (step.fields().isEmpty()) {
            problems.add(doc.problem(at, "item " + item.code() + ": a form step needs fields"));
        }
        Set<String> names = new HashSet<>();
        for (int f = 0; f < step.fields().size(); f++) {
            FormField field = step.fields().get(f);
            String here = at + "/fields/" + f;
            if (field.name() == null || !field.name().matches("[a-z][A-Za-z0-9]{0,39}") || !names.add(field.name())) {
                problems.add(doc.problem(here + "/name", "item " + item.code() + ": field name '" + field.name()
                        + "' must be a unique camelCase word"));
            }
            if (field.label() == null || !field.label().isComplete()) {
                problems.add(doc.problem(here, "item " + item.code() + ": field " + field.name() + " needs a label in zh and en"));
            }
            if (field.type() == null) {
                problems.add(doc.problem(here, "item " + item.code() + ": field " + field.name() + " needs a type "
                        + List.of(FormField.Type.values())));
            } else if (field.type() == FormField.Type.CHOICE && field.options().isEmpty()) {
                problems.add(doc.problem(here, "item " + item.code() + ": choice field " + field.name() + " needs options"));
            }
        }
        return problems;
    }
}
