package org.tongban.kiosk.input.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tongban.kiosk.input.Candidate;
import org.tongban.kiosk.input.Composer;
import org.tongban.kiosk.input.Key;
import org.tongban.kiosk.input.Layout;
import org.tongban.kiosk.input.PinyinDictionary;

/**
 * The pinyin keyboard's cost: building the dictionary (once per terminal start, in the background;
 * the first build in a JVM also loads HanLP's frequency dictionary, printed by the setup with the heap
 * the dictionary keeps), and what one keystroke costs: the candidates for the letters typed so far,
 * which must stay far below a frame (16 ms). Run with {@code .ci/bench kiosk-app InputBench -f 1 -wi 2 -i 3}
 * (add {@code -prof gc} for the bytes allocated per build).
 */
@State(Scope.Benchmark)
public class InputBench {

    /** What a citizen has typed so far: one letter, a syllable, words, an ambiguous one, a long phrase. */
    @State(Scope.Benchmark)
    public static class Typed {
        @Param({"h", "hen", "xian", "zhongguo", "shehuibaoxian", "zhonghuarenmingongheguo"})
        public String letters;
    }

    private PinyinDictionary dictionary;
    private List<Key> letterKeys;

    @Setup(Level.Trial)
    public void buildOnce() {
        Runtime rt = Runtime.getRuntime();
        long before = usedAfterGc(rt);
        long start = System.nanoTime();
        dictionary = PinyinDictionary.load();
        long coldMillis = (System.nanoTime() - start) / 1_000_000;
        long retained = usedAfterGc(rt) - before;
        System.out.printf("%nfirst build in this JVM (with HanLP's data): %d ms; heap kept by it and HanLP: %.1f MB;"
                        + " %d syllables, %d words%n", coldMillis, retained / 1e6, dictionary.syllableCount(),
                dictionary.wordCount());
        letterKeys = Layout.PINYIN.rows().stream().flatMap(List::stream)
                .filter(k -> k.kind() == Key.Kind.CHARACTER && k.text().matches("[a-z]")).toList();
    }

    private static long usedAfterGc(Runtime rt) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** A rebuild with HanLP's data already loaded (what a terminal pays after the first). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public PinyinDictionary build() {
        return PinyinDictionary.load();
    }

    /** The candidates for the letters typed so far: what each keystroke asks. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<Candidate> candidates(Typed typed) {
        return dictionary.candidates(typed.letters);
    }

    /** Typing the letters key by key on the composer (each key looks the candidates up again), then the first candidate. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String typeAndChoose(Typed typed) {
        Composer c = new Composer(Layout.PINYIN, 200, "", () -> dictionary);
        for (char l : typed.letters.toCharArray()) {
            c.press(letterKeys.get(indexOf(l)));
        }
        c.choose(0);
        return c.value();
    }

    private int indexOf(char letter) {
        for (int i = 0; i < letterKeys.size(); i++) {
            if (letterKeys.get(i).text().charAt(0) == letter) {
                return i;
            }
        }
        throw new IllegalArgumentException("no key " + letter);
    }
}
