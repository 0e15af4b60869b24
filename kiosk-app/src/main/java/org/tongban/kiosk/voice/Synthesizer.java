package org.tongban.kiosk.voice;

import java.util.Locale;

/** Turns text into speech audio in a language. */
public interface Synthesizer {

    /** The voice used for a language (part of the cache key: another voice is other audio). */
    String voice(Locale locale);

    Audio synthesize(String text, Locale locale) throws SpeechException;

    /** Whether the engine can be run at all; the exception says what to install or fix. */
    void check() throws SpeechException;
}
