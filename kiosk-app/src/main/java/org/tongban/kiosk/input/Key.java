package org.tongban.kiosk.input;

/**
 * One key of an on-screen keyboard.
 *
 * @param id names the key for the screen and tests ({@code key-5}, {@code key-h}, {@code key-delete})
 * @param kind what pressing it does
 * @param text what a character key types; for the other kinds, empty (their labels are in the bundles)
 * @param name for punctuation, the message key of its spoken name (a screen reader says "comma", not ","); else null
 */
public record Key(String id, Kind kind, String text, String name) {

    public enum Kind {
        /** Types its text (a letter, a digit, punctuation). */
        CHARACTER,
        /** Removes the last letter typed, or else the last character. */
        BACKSPACE,
        /** A space, or the first candidate while pinyin is being typed. */
        SPACE,
        /** Done with this field: pinyin letters still typed are kept as letters. */
        CONFIRM,
        /** Empties the field. */
        CLEAR
    }

    static Key character(String text) {
        return new Key("key-" + text, Kind.CHARACTER, text, null);
    }

    static Key punctuation(String id, String text) {
        return new Key("key-" + id, Kind.CHARACTER, text, "keyboard.punctuation." + id);
    }

    static Key special(Kind kind) {
        String id = switch (kind) {
            case BACKSPACE -> "delete";
            case SPACE -> "space";
            case CONFIRM -> "confirm";
            case CLEAR -> "clear";
            case CHARACTER -> throw new IllegalArgumentException("a character key has a text");
        };
        return new Key("key-" + id, kind, "", null);
    }

    /** The message key of this key's label (special keys) or spoken name (punctuation); null for letters and digits. */
    public String messageKey() {
        return kind == Kind.CHARACTER ? name : "keyboard." + id.substring("key-".length());
    }
}
