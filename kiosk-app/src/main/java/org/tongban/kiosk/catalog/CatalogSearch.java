package org.tongban.kiosk.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;
import org.tongban.kiosk.config.Profile;

/**
 * Finds items as citizens type: Chinese words of the name, the keywords or the department, an English
 * name, or pinyin initials ("SBJF" finds 社保缴费). Best first: the name matched exactly or at its start,
 * then anywhere in the name, then a keyword, then the department, then initials; equally good matches
 * go by how often they were opened on this terminal, then by catalog order.
 *
 * <p>Everything a query compares against is prepared once, when the search is built for a catalog,
 * so a keystroke costs only the comparisons.
 */
public final class CatalogSearch {

    /** How well an item matched, best first; an item's rank is its best match. */
    private enum Rank {
        NAME_EXACT, NAME_PREFIX, NAME_CONTAINS, KEYWORD_PREFIX, KEYWORD_CONTAINS, DEPARTMENT,
        INITIALS_NAME_PREFIX, INITIALS_NAME_CONTAINS, INITIALS_KEYWORD_PREFIX, INITIALS_KEYWORD_CONTAINS
    }

    /**
     * One item as search sees it. Initials are one bit set per character: the first letters of all
     * its readings (polyphonic characters have several), so 行 matches both X and H.
     */
    private record Entry(ServiceItem item, int order, String nameZh, String nameEn, List<String> keywords,
                         String department, long[] nameInitials, List<long[]> keywordInitials) {
    }

    private record Hit(Entry entry, Rank rank, int uses) {
    }

    private static final int DIGIT_BIT = 26;

    private final List<Entry> entries;
    private final ToIntFunction<String> usage;

    /** @param usage how often an item (by code) was opened here, e.g. {@link UsageCounts#count} */
    public CatalogSearch(Catalog catalog, ToIntFunction<String> usage) {
        this.usage = usage;
        HanyuPinyinOutputFormat format = new HanyuPinyinOutputFormat();
        format.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        format.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        format.setVCharType(HanyuPinyinVCharType.WITH_V);
        Map<Character, Long> initialsCache = new HashMap<>();
        List<Entry> built = new ArrayList<>();
        for (int i = 0; i < catalog.items().size(); i++) {
            ServiceItem item = catalog.items().get(i);
            String zh = lower(item.name() == null ? null : item.name().zh());
            String en = lower(item.name() == null ? null : item.name().en());
            List<String> keywords = item.keywords().stream().map(CatalogSearch::lower).toList();
            String department = catalog.department(item.department())
                    .map(d -> lower(d.name().zh()) + " " + lower(d.id())).orElse(lower(item.department()));
            built.add(new Entry(item, i, zh, en, keywords, department, initials(zh, format, initialsCache),
                    keywords.stream().map(k -> initials(k, format, initialsCache)).toList()));
        }
        this.entries = List.copyOf(built);
    }

    /** Every matching item, best first. */
    public List<ServiceItem> search(String query) {
        return search(query, null);
    }

    /** The matching items offered on {@code profile} (null: on any), best first. */
    public List<ServiceItem> search(String query, Profile profile) {
        String[] terms = lower(query).strip().split("\\s+");
        if (terms.length == 0 || terms[0].isEmpty()) {
            return List.of();
        }
        long[][] initialQueries = new long[terms.length][];
        for (int t = 0; t < terms.length; t++) {
            initialQueries[t] = initialsQuery(terms[t]);
        }
        List<Hit> hits = new ArrayList<>();
        for (Entry e : entries) {
            if (profile != null && !e.item().offeredOn(profile)) {
                continue;
            }
            // Every word of the query must match; the item counts as well as its weakest word.
            Rank rank = null;
            for (int t = 0; t < terms.length && (t == 0 || rank != null); t++) {
                Rank r = rank(e, terms[t], initialQueries[t]);
                rank = r == null ? null : (rank == null || r.compareTo(rank) > 0 ? r : rank);
            }
            if (rank != null) {
                hits.add(new Hit(e, rank, usage.applyAsInt(e.item().code())));
            }
        }
        hits.sort(Comparator.comparing(Hit::rank).thenComparing(Hit::uses, Comparator.reverseOrder())
                .thenComparingInt(h -> h.entry().order()));
        return hits.stream().map(h -> h.entry().item()).toList();
    }

    private static Rank rank(Entry e, String term, long[] initials) {
        if (e.nameZh().equals(term) || e.nameEn().equals(term)) {
            return Rank.NAME_EXACT;
        }
        if (e.nameZh().startsWith(term) || e.nameEn().startsWith(term)) {
            return Rank.NAME_PREFIX;
        }
        // English by word starts only: a single typed letter is more likely an initial than part of a word.
        if (e.nameZh().contains(term) || e.nameEn().contains(" " + term)) {
            return Rank.NAME_CONTAINS;
        }
        Rank best = null;
        for (String k : e.keywords()) {
            if (k.startsWith(term)) {
                return Rank.KEYWORD_PREFIX;
            }
            if (best == null && k.contains(term)) {
                best = Rank.KEYWORD_CONTAINS;
            }
        }
        if (best != null) {
            return best;
        }
        if (e.department().contains(term)) {
            return Rank.DEPARTMENT;
        }
        if (initials == null) {
            return null;
        }
        int at = indexOf(e.nameInitials(), initials);
        if (at == 0) {
            return Rank.INITIALS_NAME_PREFIX;
        }
        if (at > 0) {
            return Rank.INITIALS_NAME_CONTAINS;
        }
        for (long[] k : e.keywordInitials()) {
            at = indexOf(k, initials);
            if (at == 0) {
                return Rank.INITIALS_KEYWORD_PREFIX;
            }
            if (at > 0) {
                best = Rank.INITIALS_KEYWORD_CONTAINS;
            }
        }
        return best;
    }

    /** Where the typed initials match consecutive characters of the text, or -1. */
    private static int indexOf(long[] text, long[] typed) {
        for (int start = 0; start + typed.length <= text.length; start++) {
            int k = 0;
            while (k < typed.length && (text[start + k] & typed[k]) != 0) {
                k++;
            }
            if (k == typed.length) {
                return start;
            }
        }
        return -1;
    }

    /** A term of letters and digits as one bit per typed character; null when it cannot be initials. */
    private static long[] initialsQuery(String term) {
        long[] bits = new long[term.length()];
        for (int i = 0; i < term.length(); i++) {
            bits[i] = bitOf(term.charAt(i));
            if (bits[i] == 0) {
                return null;
            }
        }
        return bits;
    }

    private static long[] initials(String text, HanyuPinyinOutputFormat format, Map<Character, Long> cache) {
        long[] out = new long[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            long bits = bitOf(c);
            if (bits == 0) {
                bits = cache.computeIfAbsent(c, ch -> readingInitials(ch, format));
            }
            // Punctuation and spaces have no initial: 新生儿出生"一件事" is XSECSYJS.
            if (bits != 0) {
                out[n++] = bits;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static long readingInitials(char c, HanyuPinyinOutputFormat format) {
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, format);
            long bits = 0;
            for (String r : readings == null ? new String[0] : readings) {
                bits |= r.isEmpty() ? 0 : bitOf(r.charAt(0));
            }
            return bits;
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException("a fixed, valid pinyin format was refused", e);
        }
    }

    private static long bitOf(char c) {
        if (c >= 'a' && c <= 'z') {
            return 1L << (c - 'a');
        }
        if (c >= '0' && c <= '9') {
            return 1L << (DIGIT_BIT + c - '0');
        }
        return 0;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
