package org.tongban.kiosk.voice;

import java.util.function.Consumer;

/** The kiosk's voice: says an utterance (replacing whatever it was saying), stops, has a volume and a state. */
public interface Speech extends AutoCloseable {

    enum State {
        /** Speaking works (as far as anyone can tell before the next prompt). */
        READY,
        /** No sound output could be opened; the visit goes on silently. */
        NO_SOUND_DEVICE,
        /** espeak-ng is missing or failing. */
        NO_ENGINE,
        /** Voice guidance is switched off in kiosk.yaml. */
        OFF
    }

    /** @param reason for a technician; empty when READY */
    record Status(State state, String reason) {
        public static final Status READY = new Status(State.READY, "");
    }

    /** Says it in the background; whatever was being said stops. */
    void say(Utterance utterance);

    /**
     * Says it once what is being said now has been said: a step's prompt after its screen's. Only the
     * latest one waits; {@link #say} drops it.
     */
    void sayNext(Utterance utterance);

    void stop();

    /** 0 (silent) to 100. */
    int volume();

    void setVolume(int percent);

    Status status();

    /** Told on every change of state (from the speaking thread). */
    void addListener(Consumer<Status> listener);

    @Override
    void close();

    /** Says nothing, in the given state: voice switched off in kiosk.yaml. */
    static Speech silent(Status why) {
        return new Speech() {
            private volatile int volume;

            @Override
            public void say(Utterance utterance) {
            }

            @Override
            public void sayNext(Utterance utterance) {
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
                return why;
            }

            @Override
            public void addListener(Consumer<Status> listener) {
            }

            @Override
            public void close() {
            }
        };
    }
}
