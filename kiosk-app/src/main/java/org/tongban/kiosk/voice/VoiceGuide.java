package org.tongban.kiosk.voice;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.tongban.kiosk.flow.FlowState;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.flow.Stage;

/**
 * Voice guidance: follows the {@link Navigator} and says where the citizen is and what to do next,
 * in the visit's language. A new screen interrupts what was being said; a new step of the same
 * flow waits for it. In elderly mode each finished step is confirmed aloud. The shell's "read this
 * page aloud" and volume buttons call {@link #readPage}, {@link #louder} and {@link #quieter}.
 */
public final class VoiceGuide {

    /** One press of the volume buttons. */
    public static final int VOLUME_STEP = 20;

    private final Navigator nav;
    private final Speech speech;
    private final int defaultVolume;
    /** What was last announced, to speak only on a change. */
    private List<Object> screenShown;
    private FlowState stageShown;
    private ServiceFlow flowShown;
    private boolean idleShown;
    private boolean staffShown;
    private boolean staffComingShown;
    private boolean elderlyShown;
    /** Where the reader and the paper tray are (kiosk.yaml screen), said with the steps that use them. */
    private final String readerPosition;
    private final String trayPosition;

    public VoiceGuide(Navigator nav, Speech speech, int defaultVolume) {
        this(nav, speech, defaultVolume, "bottom-right", "below-screen");
    }

    /** @param readerPosition where the ID card reader is, @param trayPosition where the paper comes out (kiosk.yaml) */
    public VoiceGuide(Navigator nav, Speech speech, int defaultVolume, String readerPosition, String trayPosition) {
        this.readerPosition = readerPosition;
        this.trayPosition = trayPosition;
        this.nav = nav;
        this.speech = speech;
        this.defaultVolume = defaultVolume;
        speech.setVolume(defaultVolume);
        nav.addListener(n -> changed());
    }

    private Prompts prompts() {
        return new Prompts(nav.locale(), readerPosition, trayPosition);
    }

    /** Every fixed phrase guidance can say, in every language: what {@code ./kiosk voice cache} renders. */
    public static java.util.List<PromptCache.Prompt> fixedPrompts() {
        return Prompts.fixed();
    }

    /** Called by the navigator after every change, on whichever thread made it. */
    synchronized void changed() {
        Prompts p = prompts();
        boolean idle = nav.idleSecondsLeft() >= 0;
        if (idle && !idleShown) {
            idleShown = true;
            speech.say(p.idleWarning());
            return;
        }
        idleShown = idle;
        if (nav.staffCalled() && !staffShown) {
            staffShown = true;
            speech.say(p.staffCalled());
            return;
        }
        staffShown = nav.staffCalled();
        if (nav.staffComing() && !staffComingShown) {
            staffComingShown = true;
            speech.say(p.staffComing());
            return;
        }
        staffComingShown = nav.staffComing();
        ServiceFlow flow = nav.flow().orElse(null);
        List<Object> screen = Arrays.asList(nav.locale(), nav.screen(), nav.category().orElse(null),
                nav.department().orElse(null), nav.inService(), flow);
        FlowState stage = flow == null ? null : flow.state();
        if (!screen.equals(screenShown)) {
            if (nav.screen() == Navigator.Screen.ATTRACT && screenShown != null) {
                speech.setVolume(defaultVolume); // the next citizen starts at the terminal's volume
            }
            screenShown = screen;
            flowShown = flow;
            stageShown = stage;
            elderlyShown = nav.elderly();
            speech.say(p.screen(nav));
        } else if (nav.elderly() != elderlyShown) {
            elderlyShown = nav.elderly();
            speech.say(p.elderly(elderlyShown));
        } else if (flow != null && !Objects.equals(stage, stageShown)) {
            FlowState before = stageShown;
            stageShown = stage;
            if (notStarted(flow, before)) {
                // The screen opened before its flow started (the same instant): say the item with its first step.
                speech.say(p.screen(nav));
            } else if (nav.elderly() && finished(before, stage)) {
                speech.sayNext(p.confirmed(before.step(), stage));
            } else {
                speech.sayNext(p.stage(stage));
            }
        }
    }

    /** A flow's state before {@link ServiceFlow#start}: guidance, on an item whose first step is not guidance. */
    private static boolean notStarted(ServiceFlow flow, FlowState before) {
        var steps = flow.item().flow();
        return before != null && before.stage() == Stage.GUIDANCE
                && (steps.isEmpty() || steps.get(0).step() != org.tongban.kiosk.catalog.StepType.GUIDANCE);
    }

    /** Whether going from {@code before} to {@code after} finished the step {@code before} was on. */
    private static boolean finished(FlowState before, FlowState after) {
        if (before == null || trouble(before) || trouble(after)) {
            return false;
        }
        return before.step() != after.step() || after.stage() == Stage.DONE;
    }

    private static boolean trouble(FlowState s) {
        return s.stage() == Stage.FAILED || s.stage() == Stage.NEEDS_PLATFORM;
    }

    /** The citizen asked: the screen's prompt and everything the page shows, their own data included. */
    public void readPage() {
        nav.activity();
        speech.say(prompts().page(nav));
    }

    /** One step louder; a short sample says how loud it is now. */
    public void louder() {
        setVolume(speech.volume() + VOLUME_STEP);
    }

    public void quieter() {
        setVolume(speech.volume() - VOLUME_STEP);
    }

    private void setVolume(int percent) {
        nav.activity();
        speech.setVolume(percent);
        speech.say(prompts().volumeSample());
    }

    public int volume() {
        return speech.volume();
    }

    /** Whether speech works here, for technicians (the doctor, the log). */
    public Speech.Status status() {
        return speech.status();
    }
}
