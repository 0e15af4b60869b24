package org.tongban.kiosk.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigProblem;
import org.tongban.kiosk.config.YamlDocument;

/**
 * Reads a catalog folder and checks it whole: a catalog is used entirely or not at all.
 *
 * <p>{@code catalog.yaml} holds the version, the themes (categories) and the departments; each
 * item is a file of its own under {@code items/} (so an operator adds an item by adding a file).
 * Items may also stand inline under {@code items:} in {@code catalog.yaml}, which is the shape the
 * platform serves on {@code GET /api/v1/catalog}.
 */
public final class CatalogLoader {

    public static final String HEAD_FILE = "catalog.yaml";
    public static final String ITEMS_DIR = "items";

    private final ObjectMapper mapper = YamlDocument.strictMapper();

    /** An item with the file and place it came from, so a problem found later can name its line. */
    private record Located(ServiceItem item, YamlDocument doc, String pointer) {
    }

    public Catalog load(Path dir) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        YamlDocument head = YamlDocument.read(dir.resolve(HEAD_FILE), mapper);
        Catalog inline = head.bind(mapper, Catalog.class);
        List<Located> items = new ArrayList<>();
        for (int i = 0; i < inline.items().size(); i++) {
            items.add(new Located(inline.items().get(i), head, "/items/" + i));
        }
        for (Path file : itemFiles(dir.resolve(ITEMS_DIR), problems)) {
            try {
                YamlDocument doc = YamlDocument.read(file, mapper);
                items.add(new Located(doc.bind(mapper, ServiceItem.class), doc, ""));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        Catalog catalog = new Catalog(inline.version(), inline.categories(), inline.departments(),
                items.stream().map(Located::item).map(i -> i).toList());
        problems.addAll(check(catalog, head, items));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return withBundleForms(catalog);
    }

    private static List<Path> itemFiles(Path itemsDir, List<ConfigProblem> problems) {
        if (!Files.isDirectory(itemsDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(itemsDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            problems.add(new ConfigProblem(itemsDir, 0, "cannot list: " + e));
            return List.of();
        }
    }

    /** A bundle's form step without fields asks the union of its items' fields, each shared field once. */
    private static Catalog withBundleForms(Catalog c) {
        List<ServiceItem> items = new ArrayList<>();
        for (ServiceItem item : c.items()) {
            if (!item.isBundle()) {
                items.add(item);
                continue;
            }
            List<FormField> merged = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (String code : item.bundle()) {
                c.item(code).ifPresent(member -> member.formFields().stream()
                        .filter(f -> names.add(f.name())).forEach(merged::add));
            }
            List<FlowStep> flow = item.flow().stream()
                    .map(s -> s.step() == StepType.FORM && s.fields().isEmpty()
                            ? new FlowStep(s.step(), s.methods(), merged) : s)
                    .toList();
            items.add(new ServiceItem(item.code(), item.name(), item.department(), item.categories(), item.keywords(),
                    item.profiles(), item.worksOffline(), item.guidance(), flow, item.bundle()));
        }
        return new Catalog(c.version(), c.categories(), c.departments(), items);
    }

    private static List<ConfigProblem> check(Catalog c, YamlDocument head, List<Located> items) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (c.version() == null || c.version().isBlank()) {
            problems.add(head.problem("/version", "version is missing"));
        }
        Set<String> categoryIds = new HashSet<>();
        for (int i = 0; i < c.categories().size(); i++) {
            Category cat = c.categories().get(i);
            if (cat.id() == null || !categoryIds.add(cat.id())) {
                problems.add(head.problem("/categories/" + i, "category id '" + cat.id() + "' is missing or used twice"));
            }
            if (cat.name() == null || !cat.name().isComplete()) {
                problems.add(head.problem("/categories/" + i + "/name", "category needs a name in zh and en"));
            }
        }
        Set<String> departmentIds = new HashSet<>();
        for (int i = 0; i < c.departments().size(); i++) {
            Department d = c.departments().get(i);
            if (d.id() == null || !departmentIds.add(d.id())) {
                problems.add(head.problem("/departments/" + i, "department id '" + d.id() + "' is missing or used twice"));
            }
            if (d.name() == null || !d.name().isComplete()) {
                problems.add(head.problem("/departments/" + i + "/name", "department needs a name in zh and en"));
            }
        }
        Set<String> codes = new HashSet<>();
        for (Located located : items) {
            ServiceItem item = located.item();
            YamlDocument doc = located.doc();
            String at = located.pointer();
            if (item.code() == null || !codes.add(item.code())) {
                problems.add(doc.problem(at + "/code", "item code '" + item.code() + "' is missing or used twice"));
            }
            if (item.name() == null || !item.name().isComplete()) {
                problems.add(doc.problem(at + "/name", "item " + item.code() + " needs a name in zh and en"));
            }
            if (item.department() == null || !departmentIds.contains(item.department())) {
                problems.add(doc.problem(at + "/department", "item " + item.code() + " names unknown department '"
                        + item.department() + "'"));
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
        for (Located located : items) {
            problems.addAll(checkBundle(located, c));
        }
        return problems;
    }

    private static List<ConfigProblem> checkBundle(Located located, Catalog c) {
        ServiceItem bundle = located.item();
        List<ConfigProblem> problems = new ArrayList<>();
        if (!bundle.isBundle()) {
            return problems;
        }
        YamlDocument doc = located.doc();
        Map<String, FormField.Type> types = new HashMap<>();
        for (int k = 0; k < bundle.bundle().size(); k++) {
            String code = bundle.bundle().get(k);
            String here = located.pointer() + "/bundle/" + k;
            var member = c.item(code);
            if (member.isEmpty()) {
                problems.add(doc.problem(here, "bundle " + bundle.code() + " names unknown item '" + code + "'"));
            } else if (member.get().isBundle()) {
                problems.add(doc.problem(here, "bundle " + bundle.code() + " may not contain the bundle " + code));
            } else if (!member.get().has(StepType.SUBMIT)) {
                problems.add(doc.problem(here, "bundle " + bundle.code() + ": item " + code + " has no submit step"));
            } else {
                for (FormField f : member.get().formFields()) {
                    FormField.Type before = types.putIfAbsent(f.name(), f.type());
                    if (before != null && before != f.type()) {
                        problems.add(doc.problem(here, "bundle " + bundle.code() + ": field " + f.name()
                                + " is " + before + " in one item and " + f.type() + " in " + code));
                    }
                }
            }
        }
        if (!bundle.has(StepType.SUBMIT)) {
            problems.add(doc.problem(located.pointer(), "bundle " + bundle.code() + " needs a submit step"));
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
                    if (!(item.isBundle() && s.fields().isEmpty())) {
                        problems.addAll(checkFields(item, s, here, doc));
                    }
                }
                case SUBMIT -> {
                    if (!identified || !asked) {
                        problems.add(doc.problem(here, "item " + item.code()
                                + ": submit needs identify and form steps before it"));
                    }
                }
                case VERIFY_FACE, LICENSE -> {
                    if (s.step() == StepType.VERIFY_FACE && !identified) {
                        problems.add(doc.problem(here, "item " + item.code()
                                + ": verifyFace needs an identify step before it (the face is compared with that ID)"));
                    }
                    if (item.worksOffline()) {
                        problems.add(doc.problem(here, "item " + item.code() + ": " + s.step().yamlName()
                                + " needs the platform, so the item cannot be worksOffline"));
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
