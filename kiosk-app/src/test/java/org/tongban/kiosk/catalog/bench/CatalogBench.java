package org.tongban.kiosk.catalog.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.catalog.CatalogSearch;
import org.tongban.kiosk.catalog.ServiceItem;

/**
 * A catalog of 1,000 items (the shipped ones, copied under new codes, bundles included): reading and
 * checking the folder, preparing search, and search per keystroke, which must stay well under 5 ms.
 * Run with {@code .ci/bench kiosk-app CatalogBench -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class CatalogBench {

    static final int ITEMS = 1_000;

    /** What a citizen has typed so far: Chinese, pinyin initials, several words, nothing found. */
    @State(Scope.Benchmark)
    public static class Typed {
        @Param({"社", "社保缴费", "公积金提取", "S", "SBJF", "新生儿 医保", "火星移民"})
        public String query;
    }

    private Path dir;
    private Catalog catalog;
    private CatalogSearch search;

    @Setup(Level.Trial)
    public void writeCatalog() throws IOException, URISyntaxException, org.tongban.kiosk.config.ConfigException {
        Path shipped = Path.of(CatalogBench.class.getResource("/org/tongban/kiosk/defaults/catalog/catalog.yaml")
                .toURI()).getParent();
        dir = Files.createTempDirectory("tongban-bench-catalog-");
        Files.copy(shipped.resolve(CatalogLoader.HEAD_FILE), dir.resolve(CatalogLoader.HEAD_FILE));
        Path items = Files.createDirectories(dir.resolve(CatalogLoader.ITEMS_DIR));
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(shipped.resolve(CatalogLoader.ITEMS_DIR))) {
            for (Path f : files.sorted().toList()) {
                texts.add(Files.readString(f));
            }
        }
        // Bundles last, so the final, partial copy never names members it lacks.
        texts.sort(Comparator.comparing(t -> t.contains("\nbundle:")));
        List<String> codes = new CatalogLoader().load(shipped).items().stream().map(ServiceItem::code)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (int n = 0; n < ITEMS; n++) {
            String text = texts.get(n % texts.size());
            String suffix = "-" + (n / texts.size());
            // Codes, bundle members included, become unique per copy.
            for (String code : codes) {
                text = text.replace(code + "\n", code + suffix + "\n").replace(code + ",", code + suffix + ",")
                        .replace(code + "]", code + suffix + "]");
            }
            Files.writeString(items.resolve(String.format("ITEM-%04d.yaml", n)), text);
        }
        catalog = new CatalogLoader().load(dir);
        if (catalog.items().size() != ITEMS) {
            throw new IllegalStateException("generated " + catalog.items().size() + " items, not " + ITEMS);
        }
        search = new CatalogSearch(catalog, code -> code.length());
    }

    @TearDown(Level.Trial)
    public void removeCatalog() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Reading 1,000 item files and checking all of them (per run, not per item). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Catalog loadAndValidate() throws org.tongban.kiosk.config.ConfigException {
        return new CatalogLoader().load(dir);
    }

    /** Preparing search for a freshly loaded catalog: names, keywords and pinyin initials. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public CatalogSearch prepareSearch() {
        return new CatalogSearch(catalog, code -> 0);
    }

    /** One keystroke: the whole query so far against every item. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<ServiceItem> searchKeystroke(Typed typed) {
        return search.search(typed.query);
    }
}
