package org.tongban.kiosk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.voice.EspeakEngine;
import org.tongban.kiosk.voice.PromptCache;
import org.tongban.kiosk.voice.SpeechException;
import org.tongban.kiosk.voice.VoiceGuide;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./kiosk voice ...}: voice guidance tools. */
@Command(name = "voice", description = "Voice guidance (espeak-ng).", subcommands = {VoiceCommand.Cache.class})
final class VoiceCommand extends CommandGroup {

    @Command(name = "cache", mixinStandardHelpOptions = true,
            description = "Render every fixed voice prompt (zh-CN and en) to audio ahead of time, so each starts "
                    + "with its screen; prompts already there are kept, those no text needs any more are removed. "
                    + "The installer runs it; the kiosk also renders what is missing when it starts. "
                    + "Exit 1 when espeak-ng is missing or fails.")
    static final class Cache extends Subcommand {

        @Option(names = "--config", paramLabel = "DIR",
                description = "configuration folder: its kiosk.yaml names the cache folder "
                        + "(default: the installation's config/)")
        Path config = Installation.defaultConfig();

        @Option(names = "--out", paramLabel = "DIR", description = "the cache folder (default: voice.cacheDir of kiosk.yaml)")
        Path out;

        @Override
        public Integer call() {
            PrintWriter stdout = out();
            Path dir = out;
            if (dir == null) {
                try {
                    dir = new ConfigLoader(Terminal.drivers()).load(config).kiosk().voiceCacheDir();
                } catch (ConfigException e) {
                    e.problems().forEach(err()::println);
                    err().println("voice cache: the configuration has problems; fix them or give --out DIR");
                    return ExitCode.FAILED;
                }
            }
            EspeakEngine engine = new EspeakEngine();
            try {
                engine.check();
                PromptCache.Filled f = new PromptCache(dir, engine).fill(VoiceGuide.fixedPrompts());
                stdout.printf("voice cache %s: %d prompt(s) rendered, %d already there, %d old removed%n",
                        dir, f.rendered(), f.present(), f.removed());
                return ExitCode.OK;
            } catch (SpeechException e) {
                err().println("voice cache: " + e.getMessage());
                return ExitCode.FAILED;
            } catch (IOException e) {
                err().println("voice cache: cannot write " + dir + ": " + e.getMessage());
                return ExitCode.FAILED;
            }
        }
    }
}
