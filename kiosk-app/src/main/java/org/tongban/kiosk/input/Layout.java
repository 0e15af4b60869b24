package org.tongban.kiosk.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tongban.kiosk.catalog.FormField;

/**
 * The on-screen keyboards. A kiosk has no physical keyboard, so these are how a citizen types:
 * digits for phone numbers, amounts, dates and codes; capital letters for the search by pinyin
 * initials; and pinyin with a candidate bar for the few fields of free text.
 */
public enum Layout {
    /** Phone numbers (with - for landlines), numbers (with .), dates (2026-01-31), codes. */
    NUMERIC(rows(
            keys("123", Key.special(Key.Kind.BACKSPACE)),
            keys("456", Key.special(Key.Kind.CLEAR)),
            keys("789", Key.special(Key.Kind.CONFIRM)),
            List.of(Key.punctuation("minus", "-"), Key.character("0"), Key.punctuation("dot", ".")))),
    /** Pinyin initials for the search (SBJF finds 社保缴费). */
    LETTERS(rows(
            keys("QWERTYUIOP"),
            keys("ASDFGHJKL"),
            keys("ZXCVBNM", Key.special(Key.Kind.BACKSPACE), Key.special(Key.Kind.CLEAR)))),
    /** Free text: pinyin letters become characters from the candidate bar; digits and punctuation as they are. */
    PINYIN(rows(
            keys("1234567890"),
            keys("qwertyuiop"),
            keys("asdfghjkl", Key.special(Key.Kind.BACKSPACE)),
            keys("zxcvbnm", Key.punctuation("comma", "，"), Key.punctuation("period", "。")),
            List.of(Key.punctuation("enumeration", "、"), Key.punctuation("question", "？"),
                    Key.punctuation("exclamation", "！"), Key.special(Key.Kind.SPACE), Key.special(Key.Kind.CLEAR),
                    Key.special(Key.Kind.CONFIRM))));

    private final List<List<Key>> rows;

    Layout(List<List<Key>> rows) {
        this.rows = rows;
    }

    /** The keys, row by row from the top. */
    public List<List<Key>> rows() {
        return rows;
    }

    /** Whether letters typed on it are pinyin to be turned into characters. */
    public boolean composes() {
        return this == PINYIN;
    }

    /** The keyboard a form field is typed on; empty for a choice, which is touched, not typed. */
    public static Optional<Layout> forField(FormField.Type type) {
        return switch (type) {
            case PHONE, NUMBER, DATE -> Optional.of(NUMERIC);
            case TEXT -> Optional.of(PINYIN);
            case CHOICE -> Optional.empty();
        };
    }

    private static List<Key> keys(String characters, Key... more) {
        List<Key> row = new ArrayList<>();
        characters.chars().forEach(c -> row.add(Key.character(String.valueOf((char) c))));
        row.addAll(List.of(more));
        return List.copyOf(row);
    }

    @SafeVarargs
    private static List<List<Key>> rows(List<Key>... rows) {
        return List.of(rows);
    }
}
