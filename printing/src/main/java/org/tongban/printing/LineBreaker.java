package org.tongban.printing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Measures text in one font and breaks it into lines that fit a width. Chinese may break
 * between any two characters, Latin words only at spaces (or anywhere if a word alone is too
 * wide); closing punctuation never starts a line and opening punctuation never ends one.
 * One per document: it caches character widths of that document's font.
 */
final class LineBreaker {

    private static final String NO_BREAK_BEFORE = "，。、；：？！）》」』】〉〕”’…—·%,.;:!?)]}";
    private static final String NO_BREAK_AFTER = "（《「『【〈〔“‘([{";

    private final PDFont font;
    private final Map<Integer, Float> advances = new HashMap<>();

    LineBreaker(PDFont font) {
        this.font = font;
    }

    /** Width in points; throws IllegalArgumentException for a character the font lacks. */
    float width(String text, float size) {
        float units = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            units += advances.computeIfAbsent(cp, this::advance);
            i += Character.charCount(cp);
        }
        return units * size / 1000f;
    }

    /** The width {@code text} would take unwrapped: its widest paragraph. */
    float naturalWidth(String text, float size) {
        float widest = 0;
        for (String paragraph : text.split("\\R", -1)) {
            widest = Math.max(widest, width(printable(paragraph), size));
        }
        return widest;
    }

    /** The lines of {@code text}, each at most {@code maxWidth} wide; never empty. */
    List<String> wrap(String text, float size, float maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\\R", -1)) {
            wrapParagraph(printable(paragraph), size, maxWidth, lines);
        }
        return lines;
    }

    private void wrapParagraph(String paragraph, float size, float maxWidth, List<String> lines) {
        String line = "";
        for (String segment : segments(paragraph)) {
            String candidate = line + segment;
            if (width(candidate.stripTrailing(), size) <= maxWidth) {
                line = candidate;
                continue;
            }
            if (!line.isBlank()) {
                lines.add(line.stripTrailing());
            }
            line = segment.stripLeading();
            while (width(line.stripTrailing(), size) > maxWidth) {
                int cut = longestFittingPrefix(line, size, maxWidth);
                lines.add(line.substring(0, cut));
                line = line.substring(cut);
            }
        }
        lines.add(line.stripTrailing());
    }

    /** Pieces between which a line may break. */
    private static List<String> segments(String text) {
        List<String> segments = new ArrayList<>();
        int start = 0;
        int previous = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (previous >= 0 && breakAllowed(previous, cp)) {
                segments.add(text.substring(start, i));
                start = i;
            }
            previous = cp;
            i += Character.charCount(cp);
        }
        if (start < text.length()) {
            segments.add(text.substring(start));
        }
        return segments;
    }

    private static boolean breakAllowed(int before, int after) {
        if (NO_BREAK_BEFORE.indexOf(after) >= 0 || NO_BREAK_AFTER.indexOf(before) >= 0) {
            return false;
        }
        boolean afterSpace = Character.isWhitespace(before) && !Character.isWhitespace(after);
        return afterSpace || isIdeographic(before) || isIdeographic(after);
    }

    private static boolean isIdeographic(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || script == Character.UnicodeScript.BOPOMOFO) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }

    private int longestFittingPrefix(String text, float size, float maxWidth) {
        int cut = text.offsetByCodePoints(0, 1); // at least one character, or we never progress
        for (int next = cut; next < text.length(); ) {
            next = text.offsetByCodePoints(next, 1);
            if (width(text.substring(0, next), size) > maxWidth) {
                break;
            }
            cut = next;
        }
        return cut;
    }

    /** Tabs become spaces; other control characters have no glyph and are dropped. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\t') {
                out.append(' ');
            } else if (!Character.isISOControl(cp)) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private float advance(int codePoint) {
        try {
            return font.getStringWidth(new String(Character.toChars(codePoint)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
