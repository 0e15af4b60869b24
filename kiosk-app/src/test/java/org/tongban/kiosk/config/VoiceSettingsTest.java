package org.tongban.kiosk.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.app.ShippedConfig;
import org.tongban.kiosk.app.Terminal;

/** kiosk.yaml's {@code voice} section: shipped on, defaulted when absent, checked with file and line. */
class VoiceSettingsTest {

    @TempDir
    Path home;

    private Path shipped() throws Exception {
        return ShippedConfig.extract(home.resolve("config")).dir();
    }

    private Path edited(String from, String to) throws Exception {
        Path dir = shipped();
        Path kiosk = dir.resolve(ConfigLoader.KIOSK_FILE);
        String text = Files.readString(kiosk);
        assertThat(text, containsString(from));
        Files.writeString(kiosk, text.replace(from, to));
        return dir;
    }

    @Test
    void theShippedTerminalSpeaksWithItsCacheInsideTheDataFolder() throws Exception {
        KioskConfig k = new ConfigLoader(Terminal.drivers()).load(shipped()).kiosk();
        assertThat(k.voiceOrDefaults().enabled(), is(true));
        assertThat(k.voiceOrDefaults().volume(), equalTo(80));
        assertThat(k.voiceCacheDir(), equalTo(Path.of(k.dataDir(), "voice-cache")));
    }

    @Test
    void withoutTheSectionVoiceIsOnWithDefaults() throws Exception {
        Path dir = shipped();
        Path kiosk = dir.resolve(ConfigLoader.KIOSK_FILE);
        String without = Files.readString(kiosk).replaceFirst("(?s)\nvoice:.*?cacheDir: voice-cache[^\n]*\n", "\n");
        assertThat(without.contains("voice"), is(false));
        Files.writeString(kiosk, without);
        KioskConfig k = new ConfigLoader(Terminal.drivers()).load(dir).kiosk();
        assertThat(k.voiceOrDefaults(), equalTo(KioskConfig.Voice.defaults()));
    }

    @Test
    void badValuesAreReportedWithTheirLines() throws Exception {
        Path dir = edited("  volume: 80 ", "  volume: 150 ");
        Files.writeString(dir.resolve(ConfigLoader.KIOSK_FILE), Files.readString(dir.resolve(ConfigLoader.KIOSK_FILE))
                .replace("  cacheDir: voice-cache ", "  cacheDir: \"\" "));
        List<String> lines = Files.readAllLines(dir.resolve(ConfigLoader.KIOSK_FILE));
        int volume = 1 + lines.indexOf(lines.stream().filter(l -> l.startsWith("  volume: 150")).findFirst().orElseThrow());
        List<ConfigProblem> p = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Terminal.drivers()).load(dir)).problems();
        assertThat(p.stream().map(ConfigProblem::line).toList(), equalTo(List.of(volume, volume + 1)));
        assertThat(p.get(0).toString(), containsString("kiosk.yaml:" + volume + ": voice.volume must be 0..100, not 150"));
        assertThat(p.get(1).message(), containsString("voice.cacheDir must name a folder"));
    }
}
