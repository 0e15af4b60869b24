package org.tongban.kiosk.voice;

import java.util.function.BooleanSupplier;

/** Where speech is heard. */
public interface Playback {

    /**
     * Plays the audio to its end, or until {@code stopped} says so (the citizen moved on).
     *
     * @throws SpeechException with {@link SpeechException.Cause#NO_SOUND_DEVICE} when nothing can play sound
     */
    void play(Audio audio, BooleanSupplier stopped) throws SpeechException;

    /** Why nothing can be played now, or null when a sound output is there. */
    String problem();
}
