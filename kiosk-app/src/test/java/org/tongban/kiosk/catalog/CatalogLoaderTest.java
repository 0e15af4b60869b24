package org.tongban.kiosk.catalog;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.config.ConfigException;

/** The catalog folder: bundles, and problems named by the item file and line they are on. */
class CatalogLoaderTest {

    private static final String HEAD = """
            version: "test-1"
            categories:
              - id: family
                name: { zh: 我要婚育, en: Family }
            departments:
              - id: weijian
                name: { zh: 卫健委, en: Health Commission }
            """;

    @TempDir
    Path dir;

    private Path write(String file, String text) throws IOException {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static String submissionItem(String code, String fields) {
        return """
                code: %s
                name: { zh: 事项%s, en: Item %s }
                department: weijian
                categories: [family]
                keywords: [测试]
                profiles: [HALL_KIOSK]
                worksOffline: true
                guidance:
                  basis: { zh: 依据, en: Basis }
                  conditions: { zh: 条件, en: Conditions }
                  fees: { zh: 免费, en: Free }
                  timeLimit: { zh: 即时, en: At once }
                  delivery: { zh: 短信, en: Text message }
                  phone: "12345"
                flow:
                  - step: guidance
                  - step: identify
                    methods: [ID_CARD]
                  - step: form
                    fields:
                %s
                  - step: confirm
                  - step: submit
                  - step: review
                """.formatted(code, code, code, fields);
    }

    private static String bundle(String code, String members) {
        return submissionItem(code, "").replace("  - step: form\n    fields:\n\n", "  - step: form\n")
                + "bundle: [" + members + "]\n";
    }

    private static final String BABY = "      - { name: babyName, label: { zh: 姓名, en: Name }, type: TEXT, required: true }";
    private static final String PHONE = "      - { name: phone, label: { zh: 电话, en: Phone }, type: PHONE, required: true }";
    private static final String HOSPITAL = "      - { name: hospital, label: { zh: 医院, en: Hospital }, type: TEXT, required: true }";

    @Test
    void aBundleAsksTheUnionOfItsItemsFieldsEachSharedFieldOnce() throws Exception {
        write("catalog.yaml", HEAD);
        write("items/A.yaml", submissionItem("A", BABY + "\n" + PHONE));
        write("items/B.yaml", submissionItem("B", HOSPITAL + "\n" + BABY + "\n" + PHONE));
        write("items/BUNDLE.yaml", bundle("BUNDLE", "A, B"));

        Catalog catalog = new CatalogLoader().load(dir);

        ServiceItem bundle = catalog.item("BUNDLE").orElseThrow();
        assertThat(bundle.isBundle(), is(true));
        assertThat(bundle.bundle(), contains("A", "B"));
        assertThat(bundle.formFields().stream().map(FormField::name).toList(),
                contains("babyName", "phone", "hospital"));
        // The members keep their own forms: each files only what it asks.
        assertThat(catalog.item("A").orElseThrow().formFields().size(), equalTo(2));
    }

    @Test
    void theBundleListSurvivesTheJsonThePlatformServes() throws Exception {
        write("catalog.yaml", HEAD);
        write("items/A.yaml", submissionItem("A", BABY));
        write("items/BUNDLE.yaml", bundle("BUNDLE", "A"));
        String json = CatalogJson.write(new CatalogLoader().load(dir));
        assertThat(json.contains("\"bundle\":[\"A\"]"), is(true));
    }

    @Test
    void bundleProblemsNameTheBundleFileAndTheLineOfTheMember() throws Exception {
        write("catalog.yaml", HEAD);
        write("items/A.yaml", submissionItem("A", BABY));
        write("items/B.yaml", submissionItem("B", BABY.replace("type: TEXT", "type: DATE")));
        write("items/GUIDE.yaml", submissionItem("GUIDE", BABY).replace("""
                  - step: confirm
                  - step: submit
                """, "  - step: confirm\n"));
        write("items/BUNDLE.yaml", bundle("BUNDLE", "A, B, NOPE, GUIDE"));

        ConfigException e = assertThrows(ConfigException.class, () -> new CatalogLoader().load(dir));

        List<String> problems = e.problems().stream().map(Object::toString).toList();
        Path file = dir.resolve("items/BUNDLE.yaml");
        int bundleLine = lineOf(file, "bundle:");
        assertThat(problems, hasItem(file + ":" + bundleLine
                + ": bundle BUNDLE: field babyName is TEXT in one item and DATE in B"));
        assertThat(problems, hasItem(file + ":" + bundleLine + ": bundle BUNDLE names unknown item 'NOPE'"));
        assertThat(problems, hasItem(file + ":" + bundleLine + ": bundle BUNDLE: item GUIDE has no submit step"));
    }

    @Test
    void eachProblemNamesItsOwnItemFileAndLine() throws Exception {
        write("catalog.yaml", HEAD);
        Path good = write("items/A.yaml", submissionItem("A", BABY));
        Path wrongDepartment = write("items/B.yaml", submissionItem("B", BABY).replace("department: weijian",
                "department: weijain"));
        Path badField = write("items/C.yaml", submissionItem("C", BABY + "\n" + PHONE.replace("type: PHONE",
                "type: CHOICE")));
        Path unknownKey = write("items/D.yaml", submissionItem("D", BABY).replace("worksOffline: true",
                "worksOffline: true\nworksOfline: true"));
        Path torn = write("items/E.yaml", "code: E\nname: { zh: 事项, en: [\n");

        ConfigException e = assertThrows(ConfigException.class, () -> new CatalogLoader().load(dir));

        List<String> problems = e.problems().stream().map(Object::toString).toList();
        assertThat(problems.stream().noneMatch(p -> p.startsWith(good.toString())), is(true));
        assertThat(problems, hasItem(wrongDepartment + ":3: item B names unknown department 'weijain'"));
        assertThat(problems, hasItem(badField + ":" + lineOf(badField, "name: phone")
                + ": item C: choice field phone needs options"));
        assertThat(problems.stream().anyMatch(p -> p.startsWith(unknownKey + ":8:") && p.contains("worksOfline")),
                is(true));
        assertThat(problems.stream().anyMatch(p -> p.startsWith(torn + ":")), is(true));
        assertThat(problems.size(), equalTo(4));
    }

    @Test
    void theShippedCatalogHasBothBundlesWithSharedFieldsAskedOnce() throws Exception {
        Catalog shipped = new CatalogLoader().load(Path.of("..", "config", "catalog"));
        ServiceItem newborn = shipped.item("BUNDLE-NEWBORN").orElseThrow();
        assertThat(newborn.bundle(), containsInAnyOrder("HW-CERT-BIRTH", "HR-REG-NEWBORN", "MI-ENROL-NEWBORN"));
        List<String> asked = newborn.formFields().stream().map(FormField::name).toList();
        assertThat(asked.stream().filter("babyName"::equals).count(), equalTo(1L));
        assertThat(asked.stream().filter("phone"::equals).count(), equalTo(1L));
        ServiceItem business = shipped.item("BUNDLE-BUSINESS").orElseThrow();
        assertThat(business.bundle(), containsInAnyOrder("MR-REG-COMPANY", "TAX-REG-NEWCO", "SI-ACCOUNT-OPEN"));
        assertThat(business.formFields().stream().filter(f -> f.name().equals("companyName")).count(), equalTo(1L));
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
