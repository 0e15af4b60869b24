package org.tongban.kiosk.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./kiosk catalog list|search}: the JSON that scripts outside the project rely on. */
class CatalogCommandTest {

    private static final Path SHIPPED = Path.of("..", "config").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = KioskCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private JsonNode json() throws IOException {
        JsonNode items = JsonMapper.builder().build().readTree(out.toString());
        assertThat(items.isArray(), is(true));
        return items;
    }

    private static List<String> field(JsonNode items, String name) {
        List<String> values = new ArrayList<>();
        items.forEach(i -> values.add(i.get(name).asText()));
        return values;
    }

    @Test
    void listGivesEveryItemWithTheFieldsScriptsUse() throws IOException {
        assertThat(run("catalog", "list", "--config", SHIPPED.toString(), "--json"), equalTo(0));
        JsonNode items = json();
        assertThat(items.size(), greaterThanOrEqualTo(25));
        JsonNode first = null;
        for (JsonNode i : items) {
            if (i.get("code").asText().equals("SI-CERT-CONTRIB")) {
                first = i;
            }
        }
        assertThat(first.get("name").asText(), equalTo("社会保险参保缴费证明打印"));
        assertThat(first.get("department").asText(), equalTo("renshe"));
        assertThat(first.get("offline").isBoolean(), is(true));
        assertThat(first.get("offline").asBoolean(), is(false));
        assertThat(first.get("profiles").toString(), equalTo("[\"HALL_KIOSK\",\"BANK_STM\"]"));
        assertThat(first.get("steps").toString(),
                equalTo("[\"guidance\",\"identify\",\"query\",\"print\",\"review\"]"));
        for (JsonNode i : items) {
            for (String f : List.of("code", "name", "department", "profiles", "offline", "steps")) {
                assertThat(i.get("code") + " has " + f, i.hasNonNull(f), is(true));
            }
        }
    }

    @Test
    void aProfileListsOnlyWhatThatTerminalOffers() throws IOException {
        assertThat(run("catalog", "list", "--profile", "BANK_STM", "--config", SHIPPED.toString(), "--json"),
                equalTo(0));
        JsonNode items = json();
        List<String> profiles = new ArrayList<>();
        items.forEach(i -> profiles.add(i.get("profiles").toString()));
        assertThat(profiles, everyItem(containsString("BANK_STM")));
        assertThat(field(items, "code"), hasItem("HF-QUERY-ACCOUNT"));
        assertThat(field(items, "code").contains("BUNDLE-NEWBORN"), is(false));
    }

    @Test
    void searchGivesTheBestMatchFirst() throws IOException {
        assertThat(run("catalog", "search", "SBJF", "--config", SHIPPED.toString(), "--json"), equalTo(0));
        assertThat(field(json(), "code").get(0), equalTo("SI-CERT-CONTRIB"));
    }

    @Test
    void searchWithAProfileAndAChineseQuery() throws IOException {
        assertThat(run("catalog", "search", "公积金", "--profile", "bank_stm", "--config", SHIPPED.toString(),
                "--json"), equalTo(0));
        assertThat(field(json(), "code"), equalTo(List.of("HF-CERT-DEPOSIT", "HF-QUERY-ACCOUNT", "HF-WITHDRAW-RENT")));
    }

    @Test
    void nothingFoundIsAnEmptyArray() throws IOException {
        assertThat(run("catalog", "search", "火星移民", "--config", SHIPPED.toString(), "--json"), equalTo(0));
        assertThat(json().size(), equalTo(0));
    }

    @Test
    void withoutJsonItIsATableForPeople() {
        assertThat(run("catalog", "list", "--config", SHIPPED.toString()), equalTo(0));
        assertThat(out.toString(), containsString("SI-CERT-CONTRIB"));
        assertThat(out.toString(), containsString("guidance > identify > query > print > review"));
    }

    @Test
    void aBrokenCatalogIsReportedWithFileAndLineAndExitCodeOne() throws IOException {
        try (Stream<Path> files = Files.walk(SHIPPED)) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(SHIPPED.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path item = dir.resolve("catalog/items/HF-QUERY-ACCOUNT.yaml");
        Files.writeString(item, Files.readString(item).replace("department: gongjijin", "department: gongjijing"));
        assertThat(run("catalog", "list", "--config", dir.toString(), "--json"), equalTo(1));
        assertThat(err.toString(), containsString("HF-QUERY-ACCOUNT.yaml:4: item HF-QUERY-ACCOUNT names unknown "
                + "department 'gongjijing'"));
        assertThat(out.toString(), equalTo(""));
    }

    @Test
    void aMissingFolderIsAProblemNotACrash() {
        assertThat(run("catalog", "search", "社保", "--config", dir.resolve("nowhere").toString(), "--json"),
                equalTo(1));
        assertThat(err.toString(), containsString("catalog.yaml: cannot read"));
    }
}
