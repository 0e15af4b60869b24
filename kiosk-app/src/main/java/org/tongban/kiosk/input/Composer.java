package org.tongban.kiosk.input;

import java.util.List;
import java.util.function.Supplier;

/**
 * What is typed into one field on one keyboard. On {@link Layout#PINYIN} letters are held as a
 * composition ("zhongguo", shown zhong'guo) with a page of candidates; choosing one writes it and
 * keeps the letters it did not use (中 leaves "guo"). Digits and punctuation write themselves, after
 * the composition is turned into its first candidates. A plain class: the keyboard view only draws it.
 */
public final class Composer {

    /** Candidates on one page of the candidate bar (each a large key). */
    public static final int PAGE = 8;

    private final Layout layout;
    private final int maxLength;
    private final Supplier<PinyinDictionary> dictionary;
    private final StringBuilder text = new StringBuilder();
    private String letters = "";
    private List<Candidate> candidates = List.of();
    private int page;

    /**
     * @param maxLength the longest text the field takes; keys that would pass it do nothing
     * @param dictionary asked on the first pinyin letter (built once per terminal, at first use)
     */
    public Composer(Layout layout, int maxLength, String initial, Supplier<PinyinDictionary> dictionary) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("a field takes at least one character, not " + maxLength);
        }
        this.layout = layout;
        this.maxLength = maxLength;
        this.dictionary = dictionary;
        if (initial != null) {
            text.append(initial, 0, Math.min(initial.length(), maxLength));
        }
    }

    public Layout layout() {
        return layout;
    }

    /**
     * A key was touched.
     *
     * @return true when it was {@link Key.Kind#CONFIRM} with nothing left to convert: the citizen is done with the field
     */
    public boolean press(Key key) {
        switch (key.kind()) {
            case CHARACTER -> {
                String c = key.text();
                if (layout.composes() && c.length() == 1 && c.charAt(0) >= 'a' && c.charAt(0) <= 'z') {
                    if (letters.length() < PinyinDictionary.MAX_LETTERS) {
                        setLetters(letters + c);
                    }
                } else {
                    convertAll();
                    write(c);
                }
            }
            case BACKSPACE -> {
                if (!letters.isEmpty()) {
                    setLetters(letters.substring(0, letters.length() - 1));
                } else if (text.length() > 0) {
                    text.setLength(text.offsetByCodePoints(text.length(), -1));
                }
            }
            case SPACE -> {
                if (!letters.isEmpty()) {
                    choose(0);
                } else {
                    write(" ");
                }
            }
            case CONFIRM -> {
                if (letters.isEmpty()) {
                    return true;
                }
                String typed = letters;
                setLetters("");
                write(typed);
            }
            case CLEAR -> {
                text.setLength(0);
                setLetters("");
            }
        }
        return false;
    }

    /** Writes the candidate at this place on the shown page and keeps the letters it did not use. */
    public void choose(int indexOnPage) {
        List<Candidate> shown = page();
        if (indexOnPage < 0 || indexOnPage >= shown.size()) {
            throw new IllegalArgumentException("no candidate " + indexOnPage + " on this page of " + shown.size());
        }
        Candidate c = shown.get(indexOnPage);
        if (text.length() + c.text().length() > maxLength) {
            return;
        }
        text.append(c.text());
        setLetters(letters.substring(c.letters()));
    }

    public void nextPage() {
        if (hasNextPage()) {
            page++;
        }
    }

    public void previousPage() {
        if (hasPreviousPage()) {
            page--;
        }
    }

    public boolean hasNextPage() {
        return (page + 1) * PAGE < candidates.size();
    }

    public boolean hasPreviousPage() {
        return page > 0;
    }

    /** The candidates on the page shown now (none when no pinyin is being typed). */
    public List<Candidate> page() {
        return candidates.subList(Math.min(page * PAGE, candidates.size()),
                Math.min((page + 1) * PAGE, candidates.size()));
    }

    /** All candidates for the letters typed, best first. */
    public List<Candidate> candidates() {
        return candidates;
    }

    /** The text written so far (without pinyin letters still being typed). */
    public String text() {
        return text.toString();
    }

    /** The pinyin letters being typed, not yet characters. */
    public String letters() {
        return letters;
    }

    /** The letters as the citizen reads them, split into syllables: zhong'guo. */
    public String composition() {
        if (letters.isEmpty()) {
            return "";
        }
        List<String> syllables = dictionary.get().segment(letters);
        return syllables.isEmpty() ? letters : String.join("'", syllables);
    }

    /** What the field holds: the text, and any letters still typed (nothing the citizen typed is lost). */
    public String value() {
        return text + letters;
    }

    private void write(String s) {
        if (text.length() + s.length() <= maxLength) {
            text.append(s);
        }
    }

    /** Before a digit or punctuation: the letters become their first candidates, as on a phone. */
    private void convertAll() {
        while (!letters.isEmpty()) {
            if (candidates.isEmpty() || text.length() + candidates.get(0).text().length() > maxLength) {
                String typed = letters;
                setLetters("");
                write(typed);
                return;
            }
            page = 0;
            choose(0);
        }
    }

    private void setLetters(String l) {
        letters = l;
        page = 0;
        candidates = l.isEmpty() ? List.of() : dictionary.get().candidates(l);
    }
}
