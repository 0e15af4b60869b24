package org.tongban.kiosk.voice;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;

/**
 * The real espeak-ng engine, keeping every text it was asked to speak (so a test can say what
 * reached the engine). Tests skip without espeak-ng, except in CI (TONGBAN_REQUIRE_REAL_PARTS),
 * where .ci/test installs it.
 */
final class RealEspeak implements Synthesizer {

    final EspeakEngine engine = new EspeakEngine();
    final List<String> texts = new CopyOnWriteArrayList<>();

    static RealEspeak required() {
        RealEspeak e = new RealEspeak();
        boolean there;
        try {
            e.engine.check();
            there = true;
        } catch (SpeechException x) {
            there = false;
        }
        if (!there && System.getenv("TONGBAN_REQUIRE_REAL_PARTS") != null) {
            throw new AssertionError("espeak-ng is required (TONGBAN_REQUIRE_REAL_PARTS is set)");
        }
        Assumptions.assumeTrue(there, "espeak-ng is not installed (.ci/test installs it)");
        return e;
    }

    @Override
    public String voice(Locale locale) {
        return engine.voice(locale);
    }

    @Override
    public Audio synthesize(String text, Locale locale) throws SpeechException {
        texts.add(text);
        return engine.synthesize(text, locale);
    }

    @Override
    public void check() throws SpeechException {
        engine.check();
    }
}
