package org.tongban.kiosk.doctor;

import java.util.List;
import org.tongban.kiosk.voice.EspeakEngine;
import org.tongban.kiosk.voice.Playback;
import org.tongban.kiosk.voice.PromptCache;
import org.tongban.kiosk.voice.SpeechException;

/**
 * Voice guidance: espeak-ng runs, a sound output opens, the fixed prompts are rendered. Not required:
 * without it the kiosk serves silently, so each problem is a warning a technician should act on.
 */
public final class VoiceCheck implements Check {

    static final String NAME = "voice";

    private final EspeakEngine engine;
    private final Playback sound;
    private final PromptCache cache;
    private final List<PromptCache.Prompt> prompts;

    public VoiceCheck(EspeakEngine engine, Playback sound, PromptCache cache, List<PromptCache.Prompt> prompts) {
        this.engine = engine;
        this.sound = sound;
        this.cache = cache;
        this.prompts = prompts;
    }

    @Override
    public Finding run() {
        String version;
        try {
            version = engine.version();
        } catch (SpeechException e) {
            return Finding.warn(NAME, "no speech engine: " + e.getMessage(), "apt-get install espeak-ng");
        }
        String noSound = sound.problem();
        if (noSound != null) {
            return Finding.warn(NAME, "voice guidance is silent: " + noSound, "connect the speakers and check that "
                    + "the kiosk user is in the audio group and ALSA sees the card (aplay -l)");
        }
        long missing = prompts.stream().filter(p -> cache.get(p.text(), p.locale()).isEmpty()).count();
        if (missing > 0) {
            return Finding.warn(NAME, missing + " of " + prompts.size() + " prompt(s) not rendered in " + cache.dir()
                    + " (the kiosk renders them at start; until then those prompts start later)",
                    "tongban voice cache --config /etc/tongban");
        }
        return Finding.ok(NAME, version + ", sound output opens, " + prompts.size() + " prompt(s) in " + cache.dir());
    }
}
