package org.tongban.kiosk.voice;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.kiosk.config.KioskConfig;

/**
 * Speech from a synthesizer, with the fixed phrases from the prompt cache, played on one
 * background thread. A newer utterance replaces an older one (the citizen moved on). Failures
 * change the state, are logged once per change, and never reach the caller: the visit goes on silently.
 */
public final class EngineSpeech implements Speech {

    /** Between two phrases, so "you chose" and an item name do not run together. */
    static final Duration PAUSE = Duration.ofMillis(150);

    private static final Logger log = LoggerFactory.getLogger(EngineSpeech.class);

    private final Synthesizer engine;
    private final PromptCache cache;
    private final Playback out;
    private final ExecutorService speaker;
    private final ExecutorService renderer;
    /** Counts utterances; one whose number is no longer current stops. */
    private final AtomicLong current = new AtomicLong();
    /** Counts utterances waiting for the current one; only the latest of them is said. */
    private final AtomicLong waiting = new AtomicLong();
    private final List<Consumer<Status>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Audio>> readyListeners = new CopyOnWriteArrayList<>();
    private volatile int volume;
    private volatile Status status = Status.READY;
    /** Closing interrupts espeak-ng mid-word: that is no fault to report. */
    private volatile boolean closed;

    /**
     * The kiosk's voice as kiosk.yaml sets it: espeak-ng speaking through the sound card, the fixed prompts from
     * the cache; whatever the cache lacks is rendered in the background now, so the first citizen hears prompts
     * without delay. Silent when {@code voice.enabled} is false.
     */
    public static Speech forKiosk(KioskConfig k) {
        KioskConfig.Voice v = k.voiceOrDefaults();
        if (!v.enabled()) {
            return Speech.silent(new Speech.Status(Speech.State.OFF, "voice.enabled is false in kiosk.yaml"));
        }
        EspeakEngine engine = new EspeakEngine();
        EngineSpeech s = new EngineSpeech(engine, new PromptCache(k.voiceCacheDir(), engine), new SoundCard(), v.volume());
        s.start(VoiceGuide.fixedPrompts());
        return s;
    }

    public EngineSpeech(Synthesizer engine, PromptCache cache, Playback out, int volume) {
        this.engine = engine;
        this.cache = cache;
        this.out = out;
        setVolume(volume);
        speaker = Executors.newSingleThreadExecutor(daemon("voice"));
        renderer = Executors.newSingleThreadExecutor(daemon("voice-cache"));
    }

    /**
     * In the background: looks for the engine and a sound output (so a technician sees the state
     * before any citizen comes), then renders the fixed prompts the cache lacks.
     */
    public CompletableFuture<PromptCache.Filled> start(List<PromptCache.Prompt> fixed) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                engine.check();
                String problem = out.problem();
                if (problem != null) {
                    failed(new SpeechException(SpeechException.Cause.NO_SOUND_DEVICE, problem));
                }
                PromptCache.Filled filled = cache.fill(fixed);
                log.info("voice cache {}: {} prompt(s) rendered, {} already there, {} old removed", cache.dir(),
                        filled.rendered(), filled.present(), filled.removed());
                return filled;
            } catch (SpeechException e) {
                failed(e);
                return new PromptCache.Filled(0, 0, 0);
            } catch (java.io.IOException e) {
                log.warn("voice cache {} not filled: {}", cache.dir(), e.getMessage());
                return new PromptCache.Filled(0, 0, 0);
            }
        }, renderer);
    }

    @Override
    public void say(Utterance utterance) {
        long n = current.incrementAndGet();
        if (!utterance.isEmpty()) {
            run(() -> speak(utterance, n));
        }
    }

    @Override
    public void sayNext(Utterance utterance) {
        long n = current.get();
        long w = waiting.incrementAndGet();
        if (!utterance.isEmpty()) {
            // One thread speaks in order, so this starts once what is queued before it has been said.
            run(() -> {
                if (w == waiting.get()) {
                    speak(utterance, n);
                }
            });
        }
    }

    /** On the speaking thread; once closed (the terminal is stopping), nothing more is said. */
    private void run(Runnable r) {
        try {
            speaker.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("voice closed; not said");
        }
    }

    @Override
    public void stop() {
        current.incrementAndGet();
    }

    private void speak(Utterance u, long n) {
        if (n != current.get()) {
            return; // a newer one came before this one started
        }
        try {
            Audio audio = render(u);
            if (n != current.get()) {
                return;
            }
            readyListeners.forEach(l -> l.accept(audio));
            out.play(audio.atVolume(volume), () -> n != current.get());
            changed(Status.READY);
        } catch (SpeechException e) {
            failed(e);
        } catch (RuntimeException e) {
            log.error("voice guidance failed; the visit goes on without it", e);
        }
    }

    /** The utterance as one piece of audio: cached fixed phrases, dynamic ones synthesised now. */
    Audio render(Utterance u) throws SpeechException {
        Audio all = null;
        for (Utterance.Phrase p : u.phrases()) {
            Audio a = p.fixed() ? cache.audio(p.text(), u.locale()) : engine.synthesize(p.text(), u.locale());
            all = all == null ? a : all.then(Audio.silence(a.sampleRate(), PAUSE)).then(a);
        }
        if (u.chime() && all != null) {
            all = Audio.chime(all.sampleRate()).then(Audio.silence(all.sampleRate(), PAUSE)).then(all);
        }
        return all;
    }

    private void failed(SpeechException e) {
        if (closed) {
            return;
        }
        State s = switch (e.kind()) {
            case NO_SOUND_DEVICE -> State.NO_SOUND_DEVICE;
            case NO_ENGINE, ENGINE_FAILED -> State.NO_ENGINE;
        };
        changed(new Status(s, e.getMessage()));
    }

    private void changed(Status s) {
        Status before = status;
        status = s;
        if (!before.equals(s)) {
            if (s.state() == State.READY) {
                log.info("voice guidance works again");
            } else {
                // Once per change, not per prompt: a terminal without speakers would fill the log.
                log.warn("voice guidance is silent ({}): {}", s.state(), s.reason());
            }
            listeners.forEach(l -> l.accept(s));
        }
    }

    /** Waits until everything said so far has been said (or dropped): for tests and measurements. */
    void drain() throws InterruptedException, java.util.concurrent.ExecutionException {
        CompletableFuture.runAsync(() -> { }, speaker).get();
    }

    /** Told each time an utterance's audio is ready, just before it is played (for measurements). */
    public void onAudioReady(Consumer<Audio> listener) {
        readyListeners.add(listener);
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
        return status;
    }

    @Override
    public void addListener(Consumer<Status> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        closed = true;
        stop();
        speaker.shutdownNow();
        renderer.shutdownNow();
        try {
            speaker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
