package org.tongban.kiosk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.catalog.CatalogSearch;
import org.tongban.kiosk.catalog.Department;
import org.tongban.kiosk.catalog.FlowStep;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./kiosk catalog ...}: the service items as operators and scripts see them. The JSON shape
 * ({@link Summary}) is a contract with scripts outside the project: add fields, never rename or drop one.
 */
@Command(name = "catalog", description = "List and search the service items of a configuration.",
        subcommands = {CatalogCommand.ListItems.class, CatalogCommand.Search.class})
final class CatalogCommand extends CommandGroup {

    /**
     * One item for scripts.
     *
     * @param name the zh-CN name
     * @param department the department id ({@code renshe}); {@code departmentName} is its zh-CN name
     * @param offline whether the whole flow works with the platform unreachable
     * @param steps the flow's step types in order ({@code guidance}, {@code identify} ...)
     */
    record Summary(String code, String name, String nameEn, String department, String departmentName,
                   List<Profile> profiles, boolean offline, List<String> steps, List<String> keywords,
                   List<String> bundle) {

        static Summary of(ServiceItem item, Catalog catalog) {
            return new Summary(item.code(), item.name().zh(), item.name().en(), item.department(),
                    catalog.department(item.department()).map(Department::name).map(t -> t.zh()).orElse(null),
                    item.profiles(), item.worksOffline(),
                    item.flow().stream().map(FlowStep::step).map(s -> s.yamlName()).toList(), item.keywords(),
                    item.bundle());
        }
    }

    /** The options both subcommands take. */
    static final class Options {
        @Option(names = "--config", paramLabel = "DIR", description = "configuration folder "
                + "(default: the installation's config/)")
        Path config = Installation.defaultConfig();

        @Option(names = "--profile", paramLabel = "P",
                description = "only items offered on this kind of terminal: ${COMPLETION-CANDIDATES}")
        Profile profile;

        @Option(names = "--json", description = "a JSON array of items, for scripts")
        boolean json;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every item of the catalog, in catalog order.")
    static final class ListItems extends Subcommand {

        @Mixin
        Options options;

        @Override
        public Integer call() {
            return print(this, options, catalog -> catalog.items().stream()
                    .filter(i -> options.profile == null || i.offeredOn(options.profile)).toList());
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Items matching QUERY (Chinese words, English words or pinyin initials such as SBJF), "
                    + "best match first.")
    static final class Search extends Subcommand {

        @Parameters(paramLabel = "QUERY", description = "what to look for")
        String query;

        @Mixin
        Options options;

        @Override
        public Integer call() {
            // No usage counts here: the command may run on any machine, so ties keep catalog order.
            return print(this, options, catalog -> new CatalogSearch(catalog, code -> 0).search(query, options.profile));
        }
    }

    private interface Selection {
        List<ServiceItem> of(Catalog catalog);
    }

    private static int print(Subcommand command, Options options, Selection selection) {
        PrintWriter out = command.out();
        PrintWriter err = command.err();
        Catalog catalog;
        try {
            catalog = new CatalogLoader().load(options.config.resolve(Terminal.CATALOG_DIR));
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            err.println(e.problems().size() + " problem(s) in " + options.config);
            return ExitCode.FAILED;
        }
        List<Summary> items = selection.of(catalog).stream().map(i -> Summary.of(i, catalog)).toList();
        if (options.json) {
            try {
                out.println(JsonMapper.builder().build().writeValueAsString(items));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("records of strings always serialise", e);
            }
        } else {
            items.forEach(i -> out.printf("%-18s %s  [%s] %s %s%s%n", i.code(), i.name(), i.departmentName(),
                    i.profiles(), String.join(" > ", i.steps()), i.offline() ? "  (offline)" : ""));
            out.println(items.size() + " item(s)");
        }
        return ExitCode.OK;
    }
}
