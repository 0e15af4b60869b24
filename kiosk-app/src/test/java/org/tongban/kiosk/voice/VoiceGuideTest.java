package org.tongban.kiosk.voice;

import static org.tongban.kiosk.testing.Eventually.until;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.isIn;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.idcard.IdCard;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.catalog.StepType;
import org.tongban.kiosk.flow.FlowState;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.flow.Stage;
import org.tongban.kiosk.i18n.Messages;
import org.tongban.kiosk.platform.QueryResult;

/**
 * Voice guidance over a whole demo terminal (simulated devices, the platform simulator) with the
 * real espeak-ng: what is said on every screen and step in both languages, that it is audible
 * speech, that a citizen's data is never said unless they ask, and that no sound card is a state.
 */
class VoiceGuideTest {

    private static final String ITEM = "SI-CERT-CONTRIB";
    /** Speech, not silence: espeak-ng's prompts measure about 0.1 RMS; silence is 0. */
    private static final double MIN_RMS = 0.02;
    private static final double MIN_PEAK = 0.1;

    @TempDir
    Path dir;
    private Demo demo;
    private Navigator nav;
    private RealEspeak espeak;

    @BeforeEach
    void start() throws Exception {
        espeak = RealEspeak.required();
        demo = new Demo(0);
        nav = demo.terminal().navigator();
        until(() -> demo.terminal().sync().reachability().online());
    }

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    private EngineSpeech speech(Playback out) {
        return new EngineSpeech(espeak, new PromptCache(dir.resolve("cache"), espeak), out, 80);
    }

    @Test
    void everyScreenAndStepHasAPromptInBothLanguagesAndItIsSpeechNotSilence() throws Exception {
        EngineSpeech speech = speech(new CapturedSound());
        Set<String> cached = VoiceGuide.fixedPrompts().stream().map(PromptCache.Prompt::text).collect(Collectors.toSet());
        Map<String, List<Utterance>> said = new LinkedHashMap<>();
        for (Locale l : Messages.LOCALES) {
            Prompts p = new Prompts(l);
            List<Utterance> all = new ArrayList<>();
            // Every screen, as the navigator has it.
            all.add(p.screen(nav));
            assertThat(nav.screen(), is(Navigator.Screen.ATTRACT));
            nav.touch();
            all.add(p.screen(nav));
            nav.openCategory("social-insurance");
            Utterance category = p.screen(nav);
            assertThat(category.text(), containsString(nav.category().orElseThrow().name().in(l)));
            all.add(category);
            nav.openSearch();
            all.add(p.screen(nav));
            nav.openDepartments();
            all.add(p.screen(nav));
            nav.openItem(ITEM);
            Utterance item = p.screen(nav);
            assertThat(item.text(), containsString(nav.flow().orElseThrow().item().name().in(l)));
            all.add(item);
            for (Navigator.Screen s : Navigator.Screen.values()) {
                // (a screen added to the navigator must get a prompt here too)
                assertThat(s, isIn(List.of(Navigator.Screen.ATTRACT, Navigator.Screen.HOME, Navigator.Screen.CATEGORY,
                        Navigator.Screen.SEARCH, Navigator.Screen.ITEM, Navigator.Screen.DEPARTMENTS)));
            }
            nav.finish();
            // Every stage of a flow, every step finished (elderly mode), and the overlays.
            for (Stage s : Stage.values()) {
                all.add(p.stage(state(s)));
            }
            for (StepType t : StepType.values()) {
                all.add(p.confirmed(t, state(Stage.DONE)));
            }
            all.addAll(List.of(p.idleWarning(), p.staffCalled(), p.elderly(true), p.elderly(false), p.volumeSample()));
            said.put(l.toLanguageTag(), all);

            for (Utterance u : all) {
                assertThat(u.text(), u.isEmpty(), is(false));
                assertThat("a missing bundle key: " + u.text(), u.text(), not(containsString("[")));
                for (Utterance.Phrase ph : u.phrases()) {
                    if (ph.fixed()) {
                        assertThat("a fixed phrase the prompt cache does not hold", ph.text(), isIn(cached));
                    }
                }
                Audio a = speech.render(u);
                assertThat(u.text() + ": RMS", a.rms(), greaterThan(MIN_RMS));
                assertThat(u.text() + ": peak", a.peak(), greaterThan(MIN_PEAK));
                assertThat(u.text() + ": length", a.duration(), greaterThan(Duration.ofMillis(400)));
            }
        }
        // Both languages are really spoken: no prompt is the same in Chinese and English.
        List<String> zh = said.get("zh-CN").stream().map(Utterance::text).toList();
        List<String> en = said.get("en").stream().map(Utterance::text).toList();
        for (int i = 0; i < zh.size(); i++) {
            assertThat(zh.get(i), not(equalTo(en.get(i))));
        }
        speech.close();
    }

    /** A stage as the flow shows it, with the message key the flow uses there. */
    private static FlowState state(Stage s) {
        String message = switch (s) {
            case GUIDANCE -> "flow.guidance";
            case WAIT_FOR_CARD -> "flow.placeCard";
            case WORKING -> "flow.querying";
            case RESULT -> "flow.result";
            case PRINTED -> "flow.printed";
            case FORM -> "flow.form";
            case CONFIRM -> "flow.confirm";
            case SUBMITTED -> "flow.submitted";
            case REVIEW -> "flow.review";
            case REVIEW_REASONS -> "flow.review.why";
            case DONE -> "flow.done";
            case FACE -> "flow.face";
            case LICENSE -> "flow.license";
            case LICENSE_SHOWN -> "flow.license.shown";
            case CAPTURE -> "flow.capture";
            case NEEDS_PLATFORM -> "flow.needsPlatform";
            case FAILED -> "flow.error.print";
        };
        return new FlowState(s, StepType.QUERY, message, null, false, new FlowState.Nothing());
    }

    @Test
    void theStepsThatSendTheCitizenToADeviceSayWhereItIsOnThisTerminal() throws Exception {
        RecordingSpeech speech = new RecordingSpeech(speech(new CapturedSound()));
        new VoiceGuide(nav, speech, 80, "bottom-left", "below-screen");
        Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);

        nav.touch();
        nav.openItem(ITEM);
        ServiceFlow flow = nav.flow().orElseThrow();
        flow.proceed();
        until(() -> flow.state().stage() == Stage.WAIT_FOR_CARD);
        until(() -> speech.texts().stream().anyMatch(t -> t.contains(zh.get("voice.stage.WAIT_FOR_CARD"))));
        String card = speech.texts().stream().filter(t -> t.contains(zh.get("voice.stage.WAIT_FOR_CARD"))).findFirst()
                .orElseThrow();
        assertThat(card, containsString(zh.get("voice.where.bottom-left")));

        demo.idCardReader().present(Demo.sampleCard());
        until(() -> flow.state().stage() == Stage.RESULT);
        flow.proceed();
        until(() -> flow.state().stage() == Stage.PRINTED);
        until(() -> speech.texts().stream().anyMatch(t -> t.contains(zh.get("voice.stage.PRINTED"))));
        String paper = speech.texts().stream().filter(t -> t.contains(zh.get("voice.stage.PRINTED"))).findFirst()
                .orElseThrow();
        assertThat(paper, containsString(zh.get("voice.where.below-screen")));
        speech.real.drain();
        speech.close();
    }

    @Test
    void aVisitWithASampleIdCardNeverSpeaksThePersonsDataUnlessTheyAsk() throws Exception {
        CapturedSound sound = new CapturedSound();
        RecordingSpeech speech = new RecordingSpeech(speech(sound));
        VoiceGuide guide = new VoiceGuide(nav, speech, 80);
        IdCard card = Demo.sampleCard();
        List<String> personal = new ArrayList<>(List.of(card.name(), card.idNumber(), card.address(), "景山前街",
                "19491231", "1949-12-31", card.idNumber().substring(card.idNumber().length() - 6)));

        nav.touch();
        nav.setElderly(true);
        nav.openItem(ITEM);
        ServiceFlow flow = nav.flow().orElseThrow();
        flow.proceed();
        until(() -> flow.state().stage() == Stage.WAIT_FOR_CARD);
        demo.idCardReader().present(card);
        until(() -> flow.state().stage() == Stage.RESULT);
        QueryResult result = flow.state().result();
        result.fields().stream().map(QueryResult.Field::value).filter(v -> v.length() >= 2).forEach(personal::add);
        result.table().rows().forEach(r -> r.stream().filter(v -> v.length() >= 4).forEach(personal::add));
        speech.real.drain();

        assertThat(espeak.texts, not(empty()));
        assertNothingPersonal(speech, personal);
        // Elderly mode: the finished steps were confirmed aloud, the card's action said when it started.
        Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);
        assertThat(speech.texts().toString(), containsString(zh.get("voice.done.IDENTIFY")));
        assertThat(speech.texts().toString(), containsString(zh.get("voice.stage.WAIT_FOR_CARD")));

        // The citizen presses "read this page aloud": now their record is read, and only then.
        int before = espeak.texts.size();
        guide.readPage();
        speech.real.drain();
        List<String> asked = List.copyOf(espeak.texts.subList(before, espeak.texts.size()));
        assertThat(asked.toString(), containsString(card.name()));
        assertThat(asked.toString(), containsString(result.fields().get(2).value()));

        flow.proceed();
        until(() -> flow.state().stage() == Stage.PRINTED);
        flow.proceed();
        until(() -> flow.state().stage() == Stage.REVIEW);
        flow.review(5, List.of());
        until(() -> flow.state().stage() == Stage.DONE);
        speech.real.drain();
        List<String> said = List.copyOf(espeak.texts);
        List<String> after = said.subList(before + asked.size(), said.size());
        for (String t : after) {
            for (String p : personal) {
                assertThat("said after the read-aloud", t, not(containsString(p)));
            }
        }
        String all = speech.texts().toString();
        for (String step : List.of("voice.done.QUERY", "voice.done.PRINT", "voice.done.REVIEW", "voice.stage.PRINTED")) {
            assertThat(all, containsString(zh.get(step)));
        }
        assertThat(sound.played, not(empty()));
        speech.close();
    }

    private void assertNothingPersonal(RecordingSpeech speech, List<String> personal) {
        for (String p : personal) {
            assertThat("reached the engine", espeak.texts, everyItem(not(containsString(p))));
            assertThat("given to speech", speech.texts(), everyItem(not(containsString(p))));
        }
    }

    @Test
    void withoutASoundDeviceTheStateSaysSoOnceAndTheVisitGoesOn() throws Exception {
        String problem = new SoundCard().problem();
        Assumptions.assumeTrue(problem != null, "this machine has a sound output: the no-device case cannot happen here");
        EngineSpeech speech = speech(new SoundCard());
        List<Speech.Status> changes = new CopyOnWriteArrayList<>();
        speech.addListener(changes::add);
        new VoiceGuide(nav, speech, 80);

        nav.touch();
        nav.openItem(ITEM);
        ServiceFlow flow = nav.flow().orElseThrow();
        flow.proceed();
        demo.idCardReader().present(Demo.sampleCard());
        until(() -> flow.state().stage() == Stage.RESULT);
        flow.proceed();
        until(() -> flow.state().stage() == Stage.PRINTED);
        speech.drain();

        assertThat(speech.status().state(), is(Speech.State.NO_SOUND_DEVICE));
        assertThat(speech.status().reason(), containsString("no sound output"));
        assertThat("told (and logged) once, not per prompt", changes, equalTo(List.of(speech.status())));
        // The terminal's own voice found the same when it started, for technicians.
        until(() -> demo.terminal().voice().status().state() == Speech.State.NO_SOUND_DEVICE);
        speech.close();
    }

    @Test
    void aNewScreenInterruptsTheItemIsNamedWithItsFirstStepAndTheNextVisitStartsAfresh() throws Exception {
        RecordingSpeech speech = new RecordingSpeech(speech(new CapturedSound()));
        VoiceGuide guide = new VoiceGuide(nav, speech, 80);
        nav.touch();
        guide.louder();
        assertThat(guide.volume(), equalTo(100));
        nav.setLocale(Locale.ENGLISH);
        nav.openItem(ITEM);
        Messages en = new Messages(Locale.ENGLISH);
        String last = speech.texts().get(speech.texts().size() - 1);
        assertThat(last, containsString(en.get("voice.screen.item")));
        assertThat(last, containsString(nav.flow().orElseThrow().item().name().in(Locale.ENGLISH)));
        assertThat(last, containsString(en.get("voice.stage.GUIDANCE")));
        assertThat(speech.texts(), hasItem(containsString(en.get("voice.screen.home"))));
        nav.callStaff();
        assertThat(speech.texts().get(speech.texts().size() - 1), equalTo(en.get("voice.staff")));
        // The visit ends: the next citizen hears the attract prompt in the terminal's language, at its volume.
        nav.finish();
        assertThat(guide.volume(), equalTo(80));
        Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);
        // and where the card reader is on this terminal (kiosk.yaml's screen.readerPosition, bottom-right by default)
        assertThat(speech.texts().get(speech.texts().size() - 1),
                equalTo(zh.get("voice.screen.attract") + " " + zh.get("voice.where.bottom-right")));
        speech.real.drain();
        speech.close();
    }
}
