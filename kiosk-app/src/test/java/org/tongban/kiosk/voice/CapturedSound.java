package org.tongban.kiosk.voice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** A sound output that keeps what it was given to play: this machine has no sound card to hear it on. */
final class CapturedSound implements Playback {

    final List<Audio> played = new CopyOnWriteArrayList<>();

    @Override
    public void play(Audio audio, BooleanSupplier stopped) {
        played.add(audio);
    }

    @Override
    public String problem() {
        return null;
    }
}
