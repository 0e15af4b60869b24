package org.tongban.kiosk.voice;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.i18n.Messages;

/** The prompt cache with the real espeak-ng: hits, misses, a changed text rendered again, every prompt audible. */
class PromptCacheTest {

    @TempDir
    Path dir;

    @Test
    void aPromptIsRenderedOnceAndAChangedTextIsRenderedAgain() throws Exception {
        RealEspeak espeak = RealEspeak.required();
        PromptCache cache = new PromptCache(dir, espeak);
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        List<PromptCache.Prompt> bundle = List.of(new PromptCache.Prompt("请将身份证放在读卡区", zh),
                new PromptCache.Prompt("Please place your ID card on the reader", Locale.ENGLISH));

        assertThat(cache.get("请将身份证放在读卡区", zh).isPresent(), is(false)); // a miss
        assertThat(cache.fill(bundle), equalTo(new PromptCache.Filled(2, 0, 0)));
        assertThat(espeak.texts, hasSize(2));
        Audio hit = cache.get("请将身份证放在读卡区", zh).orElseThrow();
        assertThat(hit.rms(), greaterThan(0.02));
        assertThat(cache.file("请将身份证放在读卡区", zh).getFileName().toString().startsWith("cmn-"), is(true));

        // Again: nothing rendered, the engine not asked; a hit through audio() does not ask it either.
        assertThat(cache.fill(bundle), equalTo(new PromptCache.Filled(0, 2, 0)));
        cache.audio("Please place your ID card on the reader", Locale.ENGLISH);
        assertThat(espeak.texts, hasSize(2));

        // The bundle's Chinese text changed: that prompt is rendered again, the old audio removed.
        List<PromptCache.Prompt> changed = List.of(new PromptCache.Prompt("请将身份证平放在读卡区", zh), bundle.get(1));
        assertThat(cache.fill(changed), equalTo(new PromptCache.Filled(1, 1, 1)));
        assertThat(espeak.texts.get(2), equalTo("请将身份证平放在读卡区"));
        assertThat(cache.get("请将身份证放在读卡区", zh).isPresent(), is(false));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList(), hasSize(2));
        }

        // A miss through audio(): rendered now and kept; a damaged file is a miss, not a crash.
        cache.audio("您选择了事项：", zh);
        assertThat(Files.exists(cache.file("您选择了事项：", zh)), is(true));
        Files.writeString(cache.file("您选择了事项：", zh), "not a wav");
        assertThat(cache.get("您选择了事项：", zh).isPresent(), is(false));
        assertThat(cache.audio("您选择了事项：", zh).rms(), greaterThan(0.02));
        assertThat(espeak.texts.get(espeak.texts.size() - 1), equalTo("您选择了事项："));
    }

    @Test
    void everyFixedPromptInBothLanguagesIsRenderedAsSpeech() throws Exception {
        RealEspeak espeak = RealEspeak.required();
        List<PromptCache.Prompt> fixed = VoiceGuide.fixedPrompts();
        for (Locale l : Messages.LOCALES) {
            assertThat(fixed.stream().filter(p -> p.locale().equals(l)).toList(), not(empty()));
        }
        PromptCache cache = new PromptCache(dir, espeak);
        PromptCache.Filled filled = cache.fill(fixed);
        assertThat(filled.rendered() + filled.present(), greaterThan(100));
        for (PromptCache.Prompt p : fixed) {
            Audio a = cache.get(p.text(), p.locale()).orElseThrow();
            assertThat(p.text() + " RMS", a.rms(), greaterThan(0.02));
            assertThat(p.text() + " peak", a.peak(), greaterThan(0.1));
        }
    }
}
