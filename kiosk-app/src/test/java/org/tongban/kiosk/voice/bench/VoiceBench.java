package org.tongban.kiosk.voice.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.catalog.LiveCatalog;
import org.tongban.kiosk.catalog.UsageCounts;
import org.tongban.kiosk.config.Profile;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.session.SessionManager;
import org.tongban.kiosk.voice.Audio;
import org.tongban.kiosk.voice.EngineSpeech;
import org.tongban.kiosk.voice.EspeakEngine;
import org.tongban.kiosk.voice.Playback;
import org.tongban.kiosk.voice.PromptCache;
import org.tongban.kiosk.voice.SpeechException;
import org.tongban.kiosk.voice.VoiceGuide;

/**
 * How soon a prompt can start after its screen, with the real espeak-ng and the shipped catalog: from
 * the navigator's screen change to the utterance's audio handed to the sound output (a screen whose
 * prompt is all cached; a category screen, whose name is synthesised on demand), and the on-demand
 * synthesis of one item name. The issue asks for under 200 ms. Run with
 * {@code .ci/bench kiosk-app VoiceBench -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VoiceBench {

    @Param({"zh-CN", "en"})
    public String language;

    private Path dir;
    private Navigator nav;
    private EngineSpeech speech;
    private EspeakEngine engine;
    private String itemName;
    private Locale locale;
    /** Released each time an utterance's audio is ready to play. */
    private final Semaphore ready = new Semaphore(0);

    @Setup(Level.Trial)
    public void start() throws IOException, URISyntaxException, org.tongban.kiosk.config.ConfigException,
            SpeechException {
        locale = Locale.forLanguageTag(language);
        dir = Files.createTempDirectory("tongban-bench-voice-");
        Path shipped = Path.of(VoiceBench.class.getResource("/org/tongban/kiosk/defaults/catalog/catalog.yaml")
                .toURI()).getParent();
        Catalog catalog = new CatalogLoader().load(shipped);
        UsageCounts usage = UsageCounts.open(dir.resolve("usage.json"));
        SessionManager sessions = new SessionManager(Clock.systemUTC(), dir.resolve("sessions"), Duration.ofMinutes(10),
                Duration.ofMinutes(1), 2);
        nav = new Navigator(new LiveCatalog(catalog, usage::count), Profile.HALL_KIOSK, sessions, (item, session) -> {
            throw new IllegalStateException("no items are opened here");
        }, locale, usage);
        itemName = catalog.items().get(0).name().in(locale);
        engine = new EspeakEngine();
        PromptCache cache = new PromptCache(dir.resolve("cache"), engine);
        cache.fill(VoiceGuide.fixedPrompts()); // as the installer does
        // The audio is ready here; what a sound card then does with it is the card's time, not ours.
        Playback handedOver = new Playback() {
            @Override
            public void play(Audio audio, BooleanSupplier stopped) {
            }

            @Override
            public String problem() {
                return null;
            }
        };
        speech = new EngineSpeech(engine, cache, handedOver, 80);
        speech.onAudioReady(a -> ready.release());
        new VoiceGuide(nav, speech, 80);
        nav.touch();
        await();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        speech.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void await() {
        try {
            if (!ready.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no audio within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Each measured screen change starts from the home page, its prompt already said (not measured). */
    @Setup(Level.Invocation)
    public void backHome() {
        if (nav.screen() != Navigator.Screen.HOME) {
            nav.home();
            await();
        }
    }

    /** Home → search: every phrase of the prompt is in the cache. */
    @Benchmark
    public void screenChangeToCachedPromptReady() {
        nav.openSearch();
        await();
    }

    /** Home → a category: its fixed phrases from the cache, the category's name synthesised now. */
    @Benchmark
    public void screenChangeToCategoryPromptReady() {
        nav.openCategory(nav.categories().get(0).id());
        await();
    }

    /** An item's name, synthesised on demand. */
    @Benchmark
    public Audio synthesiseItemName() throws SpeechException {
        return engine.synthesize(itemName, locale);
    }
}
