package org.tongban.kiosk.input;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.CoreDictionary;
import com.hankcs.hanlp.dictionary.py.Pinyin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * Pinyin to Chinese characters and words, for the on-screen pinyin keyboard's candidate bar.
 *
 * <p>We found no maintained pinyin-to-hanzi input-method dictionary on Maven Central (pinyin4j,
 * TinyPinyin, JPinyin and HanLP turn characters into pinyin, not back), so this one is built at
 * first use from the data of two well-kept libraries: every GB2312 character (the 6,763 that cover
 * everyday Simplified Chinese) with all its readings from pinyin4j, and the words of HanLP's
 * synonym thesaurus with HanLP's word pinyin (which knows which reading a word takes: 银行 is
 * yin'hang). Both are ordered by HanLP's corpus frequency, so 很 comes before 狠 and 痕; words that
 * corpus never saw are left out. ü is typed as v (lv for 绿), as on every Chinese keyboard.
 * Immutable once built. Building takes about a second, the first in a JVM a few more with HanLP's
 * data (see InputBench), so the terminal builds it in the background at start.
 */
public final class PinyinDictionary {

    /** Longest run of letters looked up at once; a longer composition is cut by the composer. */
    public static final int MAX_LETTERS = 32;
    /** At most this many candidates for one composition (many pages; nobody pages further). */
    static final int MAX_CANDIDATES = 300;
    /** Segmentations explored per lookup: enough for every real ambiguity, bounded for nonsense. */
    private static final int MAX_SEGMENTATIONS = 24;
    private static final String WORDS = "/data/dictionary/synonym/CoreSynonym.txt";
    private static final char SEPARATOR = '\'';

    /** A character or word with its syllables and how common it is. */
    private record Word(String text, int syllables, int frequency) {
    }

    private final Map<String, List<Word>> characters;
    /** Words by their syllables joined with {@code '}, e.g. {@code zhong'guo}, so a prefix finds unfinished ones. */
    private final NavigableMap<String, List<Word>> words;
    private final TreeSet<String> syllables;

    private PinyinDictionary(Map<String, List<Word>> characters, NavigableMap<String, List<Word>> words) {
        this.characters = characters;
        this.words = words;
        this.syllables = new TreeSet<>(characters.keySet());
    }

    /** Builds the dictionary from the libraries' data (about a second, see InputBench). */
    public static PinyinDictionary load() {
        HanyuPinyinOutputFormat format = new HanyuPinyinOutputFormat();
        format.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        format.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        format.setVCharType(HanyuPinyinVCharType.WITH_V);
        CharsetEncoder gb2312 = Charset.forName("GB2312").newEncoder();
        Map<String, List<Word>> characters = new HashMap<>();
        for (char c = '\u4e00'; c <= '\u9fa5'; c++) {
            if (!gb2312.canEncode(c)) {
                continue;
            }
            String text = String.valueOf(c);
            // Characters the corpus never saw alone still rank: level 1 of GB2312 (common) before level 2.
            int frequency = Math.max(CoreDictionary.getTermFrequency(text), level1(gb2312, c) ? 1 : 0);
            for (String reading : readings(c, format)) {
                characters.computeIfAbsent(reading, k -> new ArrayList<>()).add(new Word(text, 1, frequency));
            }
        }
        NavigableMap<String, List<Word>> words = new TreeMap<>();
        for (String w : thesaurusWords()) {
            int frequency = CoreDictionary.getTermFrequency(w);
            if (frequency <= 0) {
                continue;
            }
            StringBuilder key = new StringBuilder();
            boolean known = true;
            for (Pinyin p : HanLP.convertToPinyinList(w)) {
                String s = p.getPinyinWithoutTone();
                known &= characters.containsKey(s);
                key.append(key.length() == 0 ? "" : String.valueOf(SEPARATOR)).append(s);
            }
            if (known) {
                words.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(new Word(w, w.length(), frequency));
            }
        }
        Comparator<Word> common = Comparator.comparingInt(Word::frequency).reversed();
        characters.values().forEach(l -> l.sort(common));
        words.values().forEach(l -> l.sort(common));
        return new PinyinDictionary(characters, words);
    }

    /** A character's readings without tone, only real syllables (pinyin4j also knows m, n, ng, hm). */
    private static Set<String> readings(char c, HanyuPinyinOutputFormat format) {
        Set<String> out = new LinkedHashSet<>();
        try {
            String[] all = PinyinHelper.toHanyuPinyinStringArray(c, format);
            if (all != null) {
                for (String r : all) {
                    if (r.matches("[a-z]*[aeiouv][a-z]*")) {
                        out.add(r);
                    }
                }
            }
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static boolean level1(CharsetEncoder gb2312, char c) {
        byte[] b = String.valueOf(c).getBytes(gb2312.charset());
        return (b[0] & 0xff) >= 0xb0 && (b[0] & 0xff) <= 0xd7;
    }

    /** The words of 2 to 4 characters in HanLP's thesaurus, lines like {@code Aa01A02= 人类 生人 全人类}. */
    private static Collection<String> thesaurusWords() {
        Set<String> out = new LinkedHashSet<>();
        InputStream in = HanLP.class.getResourceAsStream(WORDS);
        if (in == null) {
            throw new IllegalStateException("HanLP's word list " + WORDS + " is missing from the class path");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                int start = line.indexOf(' ');
                if (start < 0) {
                    continue;
                }
                for (String w : line.substring(start + 1).trim().split(" +")) {
                    if (w.length() >= 2 && w.length() <= 4 && w.chars().allMatch(ch -> ch >= 0x4e00 && ch <= 0x9fa5)) {
                        out.add(w);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** How many syllables and words it knows. */
    public int syllableCount() {
        return syllables.size();
    }

    public int wordCount() {
        return words.values().stream().mapToInt(List::size).sum();
    }

    public boolean isSyllable(String s) {
        return characters.containsKey(s);
    }

    /**
     * The ways to read the letters as syllables, likeliest first: whole syllables before an
     * unfinished last one ({@code zhongg} is zhong + g…), then fewer and longer syllables first
     * ({@code xian} is xian before xi'an). Empty when the letters cannot be pinyin.
     */
    public List<List<String>> segmentations(String letters) {
        String s = check(letters);
        List<List<String>> out = new ArrayList<>();
        split(s, 0, new ArrayList<>(), out);
        out.sort(Comparator.comparing((List<String> seg) -> !isSyllable(seg.get(seg.size() - 1)))
                .thenComparingInt(List::size));
        return out;
    }

    /** The likeliest segmentation (see {@link #segmentations}); empty when there is none. */
    public List<String> segment(String letters) {
        List<List<String>> all = segmentations(letters);
        return all.isEmpty() ? List.of() : all.get(0);
    }

    private void split(String s, int from, List<String> done, List<List<String>> out) {
        if (out.size() >= MAX_SEGMENTATIONS) {
            return;
        }
        if (from == s.length()) {
            out.add(List.copyOf(done));
            return;
        }
        // Longest syllable first, so the likeliest readings are found before the cap.
        for (int end = Math.min(s.length(), from + 6); end > from; end--) {
            String piece = s.substring(from, end);
            boolean whole = isSyllable(piece);
            boolean unfinished = end == s.length() && !whole && startsSyllable(piece);
            if (whole || unfinished) {
                done.add(piece);
                split(s, end, done, out);
                done.remove(done.size() - 1);
            }
        }
    }

    private boolean startsSyllable(String prefix) {
        String next = syllables.ceiling(prefix);
        return next != null && next.startsWith(prefix);
    }

    /**
     * The candidates for typed letters, best first: characters and words that spell all of them
     * (the commonest first, whole syllables before an unfinished last one), then words for the
     * first syllables, then characters for the first syllable. Each says how many letters it uses.
     */
    public List<Candidate> candidates(String letters) {
        String s = check(letters);
        List<List<String>> segs = segmentations(s);
        if (segs.isEmpty()) {
            return List.of();
        }
        Map<String, Candidate> out = new LinkedHashMap<>();
        List<Word> whole = new ArrayList<>();
        List<Word> unfinished = new ArrayList<>();
        for (List<String> seg : segs) {
            boolean complete = isSyllable(seg.get(seg.size() - 1));
            spelling(seg, complete ? whole : unfinished);
        }
        Comparator<Word> common = Comparator.comparingInt(Word::frequency).reversed();
        whole.sort(common);
        unfinished.sort(common);
        add(out, whole, s.length());
        add(out, unfinished, s.length());
        List<String> best = segs.get(0);
        for (int n = best.size() - 1; n >= 1 && out.size() < MAX_CANDIDATES; n--) {
            List<String> first = best.subList(0, n);
            if (!isSyllable(first.get(n - 1))) {
                continue;
            }
            List<Word> found = new ArrayList<>();
            spelling(first, found);
            found.sort(common);
            add(out, found, first.stream().mapToInt(String::length).sum());
        }
        return List.copyOf(out.values());
    }

    /** Adds the characters (one syllable) or words (several) spelt by these syllables, the last maybe unfinished. */
    private void spelling(List<String> seg, List<Word> into) {
        String last = seg.get(seg.size() - 1);
        boolean complete = isSyllable(last);
        if (seg.size() == 1) {
            if (complete) {
                into.addAll(characters.get(last));
            } else {
                for (String syllable : syllables.subSet(last, last + Character.MAX_VALUE)) {
                    into.addAll(characters.get(syllable));
                }
            }
            return;
        }
        String key = String.join(String.valueOf(SEPARATOR), seg);
        if (complete) {
            into.addAll(words.getOrDefault(key, List.of()));
        } else {
            for (Map.Entry<String, List<Word>> e : words.subMap(key, true, key + Character.MAX_VALUE, false).entrySet()) {
                if (e.getKey().chars().filter(ch -> ch == SEPARATOR).count() == seg.size() - 1) {
                    into.addAll(e.getValue());
                }
            }
        }
    }

    private static void add(Map<String, Candidate> out, List<Word> found, int letters) {
        for (Word w : found) {
            if (out.size() >= MAX_CANDIDATES) {
                return;
            }
            out.putIfAbsent(w.text(), new Candidate(w.text(), letters));
        }
    }

    private static String check(String letters) {
        if (letters == null || letters.isEmpty() || letters.length() > MAX_LETTERS || !letters.matches("[a-z]+")) {
            throw new IllegalArgumentException("pinyin must be 1 to " + MAX_LETTERS + " letters a-z, not " + letters);
        }
        return letters;
    }
}
