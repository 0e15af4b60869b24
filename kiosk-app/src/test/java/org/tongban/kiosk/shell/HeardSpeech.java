package org.tongban.kiosk.shell;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.tongban.kiosk.voice.Speech;
import org.tongban.kiosk.voice.Utterance;

/**
 * A speech engine that keeps what the voice guide asked it to say, for the shell tests that listen to it (the audio
 * itself is tested in the voice package).
 */
final class HeardSpeech implements Speech {
    private final List<Utterance> said = new CopyOnWriteArrayList<>();
    private volatile int volume;

    String last() {
        return said.get(said.size() - 1).text();
    }

    /** Everything said so far, in order. */
    List<String> texts() {
        return said.stream().map(Utterance::text).toList();
    }

    @Override
    public void say(Utterance utterance) {
        said.add(utterance);
    }

    @Override
    public void sayNext(Utterance utterance) {
        said.add(utterance);
    }

    @Override
    public void stop() {
    }

    @Override
    public int volume() {
        return volume;
    }

    @Override
    public void setVolume(int percent) {
        volume = Math.max(0, Math.min(100, percent));
    }

    @Override
    public Status status() {
        return Status.READY;
    }

    @Override
    public void addListener(Consumer<Status> listener) {
    }

    @Override
    public void close() {
    }
}
