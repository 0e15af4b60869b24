package org.tongban.kiosk.voice;

import java.util.List;
import java.util.Locale;

/**
 * What to say, in phrases: fixed phrases are bundle texts, taken from the prompt cache; dynamic
 * phrases (item names, what a citizen asked to hear) are synthesised when they are said.
 *
 * @param chime a two-note chime first, to be heard across the hall (a call for staff)
 */
public record Utterance(Locale locale, List<Phrase> phrases, boolean chime) {

    public record Phrase(String text, boolean fixed) {
    }

    public Utterance {
        phrases = phrases.stream().filter(p -> p.text() != null && !p.text().isBlank()).toList();
    }

    public Utterance(Locale locale, List<Phrase> phrases) {
        this(locale, phrases, false);
    }

    public boolean isEmpty() {
        return phrases.isEmpty();
    }

    /** The words, for logs of tests; never logged on a terminal (a read-aloud may hold personal data). */
    public String text() {
        return String.join(" ", phrases.stream().map(Phrase::text).toList());
    }
}
