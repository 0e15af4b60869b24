package org.tongban.kiosk.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.voice.EspeakEngine;
import org.tongban.kiosk.voice.SpeechException;
import org.tongban.kiosk.voice.VoiceGuide;
import picocli.CommandLine;

/** {@code ./kiosk voice cache} as the installer runs it. */
class VoiceCommandTest {

    private static final Path SHIPPED = Path.of("..", "config").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = KioskCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void rendersEveryFixedPromptOnceThenFindsThemThere() throws Exception {
        boolean espeak;
        try {
            new EspeakEngine().check();
            espeak = true;
        } catch (SpeechException e) {
            espeak = false;
        }
        if (!espeak && System.getenv("TONGBAN_REQUIRE_REAL_PARTS") != null) {
            throw new AssertionError("espeak-ng is required (TONGBAN_REQUIRE_REAL_PARTS is set)");
        }
        Assumptions.assumeTrue(espeak, "espeak-ng is not installed (.ci/test installs it)");
        int prompts = VoiceGuide.fixedPrompts().size();
        Path cache = dir.resolve("voice");

        assertThat(run("voice", "cache", "--config", SHIPPED.toString(), "--out", cache.toString()), equalTo(0));
        assertThat(out.toString(), containsString("voice cache " + cache + ": " + prompts + " prompt(s) rendered, 0 already there"));
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.filter(f -> f.toString().endsWith(".wav")).count(), equalTo((long) prompts));
        }
        assertThat(run("voice", "cache", "--out", cache.toString()), equalTo(0));
        assertThat(out.toString(), containsString("0 prompt(s) rendered, " + prompts + " already there, 0 old removed"));
    }

    @Test
    void aBrokenConfigurationIsNamedWhenItMustNameTheCache() throws Exception {
        Files.writeString(dir.resolve("kiosk.yaml"), "terminal: [\n");
        assertThat(run("voice", "cache", "--config", dir.toString()), equalTo(1));
        assertThat(err.toString(), containsString("voice cache: the configuration has problems"));
    }
}
