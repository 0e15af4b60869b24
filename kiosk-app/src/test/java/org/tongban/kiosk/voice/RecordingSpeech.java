package org.tongban.kiosk.voice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Passes everything on to a real speech, keeping each utterance it was given. */
final class RecordingSpeech implements Speech {

    final EngineSpeech real;
    final List<Utterance> said = new CopyOnWriteArrayList<>();

    RecordingSpeech(EngineSpeech real) {
        this.real = real;
    }

    /** Each utterance's words, in order. */
    List<String> texts() {
        return said.stream().map(Utterance::text).toList();
    }

    @Override
    public void say(Utterance utterance) {
        said.add(utterance);
        real.say(utterance);
    }

    @Override
    public void sayNext(Utterance utterance) {
        said.add(utterance);
        real.sayNext(utterance);
    }

    @Override
    public void stop() {
        real.stop();
    }

    @Override
    public int volume() {
        return real.volume();
    }

    @Override
    public void setVolume(int percent) {
        real.setVolume(percent);
    }

    @Override
    public Status status() {
        return real.status();
    }

    @Override
    public void addListener(Consumer<Status> listener) {
        real.addListener(listener);
    }

    @Override
    public void close() {
        real.close();
    }
}
