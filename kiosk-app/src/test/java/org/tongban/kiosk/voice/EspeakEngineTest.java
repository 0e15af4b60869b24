package org.tongban.kiosk.voice;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.doctor.Finding;
import org.tongban.kiosk.doctor.VoiceCheck;

/** The espeak-ng engine itself: its WAV, a missing or hanging binary, and what the doctor then says. */
class EspeakEngineTest {

    @TempDir
    Path dir;

    @Test
    void speaksMandarinAndEnglishAsWav() throws Exception {
        RealEspeak espeak = RealEspeak.required();
        Audio zh = espeak.synthesize("请看摄像头", Locale.SIMPLIFIED_CHINESE);
        Audio en = espeak.synthesize("Look at the camera", Locale.ENGLISH);
        assertThat(espeak.voice(Locale.SIMPLIFIED_CHINESE), equalTo("cmn"));
        assertThat(espeak.voice(Locale.ENGLISH), equalTo("en"));
        for (Audio a : List.of(zh, en)) {
            assertThat(a.sampleRate(), equalTo(22050));
            assertThat(a.duration(), greaterThan(Duration.ofMillis(500)));
            assertThat(a.rms(), greaterThan(0.02));
        }
        // A text that looks like an option is said, not obeyed (it goes in on standard input).
        assertThat(espeak.synthesize("--version", Locale.ENGLISH).rms(), greaterThan(0.02));
        // Written and read back as a WAV file with true lengths; silence measures as silence.
        Audio back = Audio.fromWav(zh.toWav());
        assertThat(back.samples(), equalTo(zh.samples()));
        assertThat(back.rms(), equalTo(zh.rms()));
        assertThat(Audio.silence(22050, Duration.ofMillis(300)).rms(), equalTo(0.0));
        assertThat(zh.atVolume(50).peak(), is(closeToHalf(zh.peak())));
    }

    @Test
    void aCallForStaffRingsTheChimeBeforeItsWords() throws Exception {
        RealEspeak espeak = RealEspeak.required();
        EngineSpeech speech = new EngineSpeech(espeak, new PromptCache(dir.resolve("cache"), espeak), new CapturedSound(), 80);
        Utterance call = new Prompts(Locale.ENGLISH).staffCalled();
        assertThat(call.chime(), is(true));
        Audio rung = speech.render(call);
        Audio words = speech.render(new Utterance(Locale.ENGLISH, call.phrases()));
        Audio chime = Audio.chime(words.sampleRate());
        assertThat(chime.duration(), greaterThan(Duration.ofMillis(840))); // 350 + 500 ms, to a sample
        assertThat(chime.peak(), greaterThan(0.5));
        assertThat(rung.duration().minus(words.duration()), greaterThan(chime.duration()));
        // It starts with the chime itself, sample for sample.
        Audio start = new Audio(rung.sampleRate(), java.util.Arrays.copyOf(rung.pcm(), chime.pcm().length));
        assertThat(java.util.Arrays.equals(start.pcm(), chime.pcm()), is(true));
        speech.close();
    }

    private static double closeToHalf(double peak) {
        return Math.round(peak / 2 * 32768) / 32768.0;
    }

    @Test
    void aMissingEngineIsAClearStateNotACrash() throws Exception {
        EspeakEngine missing = new EspeakEngine(dir.resolve("espeak-ng").toString(), Duration.ofSeconds(2));
        SpeechException e = assertThrows(SpeechException.class, missing::check);
        assertThat(e.kind(), is(SpeechException.Cause.NO_ENGINE));
        assertThat(e.getMessage(), containsString("apt-get install espeak-ng"));

        CapturedSound sound = new CapturedSound();
        EngineSpeech speech = new EngineSpeech(missing, new PromptCache(dir.resolve("cache"), missing), sound, 80);
        speech.start(VoiceGuide.fixedPrompts()).get(10, TimeUnit.SECONDS);
        assertThat(speech.status().state(), is(Speech.State.NO_ENGINE));
        assertThat(speech.status().reason(), containsString("apt-get install espeak-ng"));
        speech.say(new Utterance(Locale.ENGLISH, List.of(new Utterance.Phrase("Social insurance", false))));
        speech.drain();
        assertThat(sound.played.isEmpty(), is(true));
        assertThat(speech.status().state(), is(Speech.State.NO_ENGINE));
        speech.close();

        Finding f = new VoiceCheck(missing, sound, new PromptCache(dir.resolve("cache"), missing), VoiceGuide.fixedPrompts()).run();
        assertThat(f.level(), is(Finding.Level.WARN));
        assertThat(f.required(), is(false));
        assertThat(f.hint(), equalTo("apt-get install espeak-ng"));
    }

    @Test
    void anEngineThatHangsIsStoppedAtItsTimeout() throws Exception {
        Path hanging = dir.resolve("espeak-ng");
        Files.writeString(hanging, "#!/bin/sh\nexec sleep 30\n");
        Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwx------"));
        EspeakEngine engine = new EspeakEngine(hanging.toString(), Duration.ofMillis(300));
        SpeechException e = assertThrows(SpeechException.class, () -> engine.synthesize("你好", Locale.SIMPLIFIED_CHINESE));
        assertThat(e.kind(), is(SpeechException.Cause.ENGINE_FAILED));
        assertThat(e.getMessage(), containsString("did not finish within 300 ms"));
    }

    @Test
    void theDoctorSaysWhetherVoiceWorksHere() throws Exception {
        RealEspeak espeak = RealEspeak.required();
        PromptCache cache = new PromptCache(dir, espeak);
        List<PromptCache.Prompt> two = VoiceGuide.fixedPrompts().subList(0, 2);
        SoundCard card = new SoundCard();
        Finding f = new VoiceCheck(espeak.engine, card, cache, two).run();
        if (card.problem() != null) {
            // This machine (and CI) has no sound card: a warning naming it, the kiosk still serves.
            assertThat(f.level(), is(Finding.Level.WARN));
            assertThat(f.detail(), containsString("voice guidance is silent: no sound output"));
        }
        CapturedSound speakers = new CapturedSound();
        Finding unrendered = new VoiceCheck(espeak.engine, speakers, cache, two).run();
        assertThat(unrendered.level(), is(Finding.Level.WARN));
        assertThat(unrendered.detail(), containsString("2 of 2 prompt(s) not rendered"));
        cache.fill(two);
        Finding ok = new VoiceCheck(espeak.engine, speakers, cache, two).run();
        assertThat(ok.level(), is(Finding.Level.OK));
        assertThat(ok.detail(), containsString("eSpeak NG"));
    }
}
