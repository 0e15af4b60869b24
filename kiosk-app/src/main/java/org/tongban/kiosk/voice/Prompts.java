package org.tongban.kiosk.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.catalog.StepType;
import org.tongban.kiosk.flow.FlowState;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.flow.Stage;
import org.tongban.kiosk.i18n.Messages;
import org.tongban.kiosk.platform.QueryResult;

/**
 * What is said on each screen and step. Guidance is built only from bundle texts (fixed phrases)
 * and the catalog's names of categories and items (dynamic phrases): nothing a citizen is, has or
 * gets goes into it. Only {@link #page} (the "read this page aloud" button) reads what the screen shows.
 */
final class Prompts {

    /** Bundle keys whose texts can be fixed phrases: rendered into the cache ahead of time. */
    private static final List<String> FIXED_PREFIXES = List.of("voice.", "flow.");

    private final Messages m;
    private final String readerPosition;
    private final String trayPosition;

    Prompts(Locale locale) {
        this(locale, "bottom-right", "below-screen");
    }

    /** Saying where the reader and the paper tray are (kiosk.yaml screen.readerPosition, trayPosition). */
    Prompts(Locale locale, String readerPosition, String trayPosition) {
        this.m = new Messages(locale);
        this.readerPosition = readerPosition;
        this.trayPosition = trayPosition;
    }

    /** Every fixed phrase guidance can say, in every language: what the prompt cache holds. */
    static List<PromptCache.Prompt> fixed() {
        List<PromptCache.Prompt> all = new ArrayList<>();
        for (Locale l : Messages.LOCALES) {
            Messages m = new Messages(l);
            m.keys().stream().filter(Prompts::cacheable).sorted()
                    .filter(k -> !m.get(k).contains("{")) // a text with a number in it is made when said
                    .forEach(k -> all.add(new PromptCache.Prompt(m.get(k), l)));
        }
        return all;
    }

    private static boolean cacheable(String key) {
        return FIXED_PREFIXES.stream().anyMatch(key::startsWith) && !key.endsWith(".accessible");
    }

    private Utterance.Phrase fixed(String key) {
        return new Utterance.Phrase(m.get(key), true);
    }

    private static Utterance.Phrase dynamic(String text) {
        return new Utterance.Phrase(text, false);
    }

    private Utterance utterance(List<Utterance.Phrase> phrases) {
        return new Utterance(m.locale(), phrases);
    }

    /** Where the citizen is and what to do next, said when a screen opens. */
    Utterance screen(Navigator nav) {
        return utterance(screenPhrases(nav));
    }

    private List<Utterance.Phrase> screenPhrases(Navigator nav) {
        List<Utterance.Phrase> p = new ArrayList<>();
        switch (nav.screen()) {
            case ATTRACT -> {
                p.add(fixed(nav.inService() ? "voice.screen.attract" : "voice.screen.outOfService"));
                if (nav.inService()) {
                    p.add(fixed("voice.where." + readerPosition));
                }
            }
            case HOME -> p.add(fixed("voice.screen.home"));
            case CATEGORY -> {
                p.add(fixed("voice.screen.category"));
                p.add(dynamic(nav.category().map(c -> c.name().in(m.locale()))
                        .or(() -> nav.department().map(d -> d.name().in(m.locale()))).orElse("")));
                p.add(fixed("voice.screen.category.next"));
            }
            case SEARCH -> p.add(fixed("voice.screen.search"));
            case DEPARTMENTS -> p.add(fixed("voice.screen.departments"));
            case ITEM -> nav.flow().ifPresent(f -> {
                p.add(fixed("voice.screen.item"));
                p.add(dynamic(f.item().name().in(m.locale())));
                stepPhrase(f).ifPresent(p::add);
                p.addAll(stagePhrases(f.state()));
            });
        }
        return p;
    }

    /** Where the citizen is among the item's steps, as the step indicator shows it: "第 2 步 / 共 4 步 查询". */
    private java.util.Optional<Utterance.Phrase> stepPhrase(org.tongban.kiosk.flow.ServiceFlow f) {
        org.tongban.kiosk.flow.StepList.Position at = org.tongban.kiosk.flow.StepList.at(f.item(), f.state());
        if (at.number() < 1 || at.number() > at.total()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(dynamic(m.get("steps.progress", at.number(), at.total()) + " "
                + m.get("steps.name." + at.steps().get(at.number() - 1).yamlName())));
    }

    /** A step of a flow started: what is happening and what the citizen does now. */
    Utterance stage(FlowState state) {
        return utterance(stagePhrases(state));
    }

    /** Elderly mode: the step just finished, said aloud, then the next step's prompt. */
    Utterance confirmed(StepType done, FlowState next) {
        List<Utterance.Phrase> p = new ArrayList<>();
        p.add(fixed("voice.done." + done.name()));
        p.addAll(stagePhrases(next));
        return utterance(p);
    }

    private List<Utterance.Phrase> stagePhrases(FlowState s) {
        List<Utterance.Phrase> p = new ArrayList<>();
        // The step's own message when it is a plain bundle text (one with a placeholder would need the
        // screen's data, e.g. a level name, which the stage prompt covers).
        if (s.message() != null && m.has(s.message()) && !m.get(s.message()).contains("{")) {
            p.add(fixed(s.message()));
        }
        p.add(fixed("voice.stage." + s.stage().name()));
        // the steps that send the citizen to a device say where it is, as their picture shows it
        switch (s.stage()) {
            case WAIT_FOR_CARD, LICENSE -> p.add(fixed("voice.where." + readerPosition));
            case PRINTED -> p.add(fixed("voice.where." + trayPosition));
            default -> { }
        }
        return p;
    }

    Utterance idleWarning() {
        return utterance(List.of(fixed("voice.idle")));
    }

    /** With the chime: staff hear from across the hall that someone needs them. */
    Utterance staffCalled() {
        return new Utterance(m.locale(), List.of(fixed("voice.staff")), true);
    }

    /** Staff acknowledged the call: someone is coming (no chime: the hall heard the call already). */
    Utterance staffComing() {
        return utterance(List.of(fixed("voice.staff.coming")));
    }

    Utterance volumeSample() {
        return utterance(List.of(fixed("voice.volume")));
    }

    Utterance elderly(boolean on) {
        return utterance(List.of(fixed(on ? "voice.elderly.on" : "voice.elderly.off")));
    }

    /**
     * "Read this page aloud": the screen's prompt, then what the page shows, including the citizen's
     * own record or reference; only ever said because the citizen pressed the button.
     */
    Utterance page(Navigator nav) {
        List<Utterance.Phrase> p = screenPhrases(nav);
        List<String> shown = new ArrayList<>();
        switch (nav.screen()) {
            case HOME -> nav.categories().forEach(c -> shown.add(c.name().in(m.locale())));
            case CATEGORY -> nav.items().forEach(i -> shown.add(i.name().in(m.locale())));
            case SEARCH -> nav.searchResults().forEach(i -> shown.add(i.name().in(m.locale())));
            case DEPARTMENTS -> nav.departments().forEach(d -> shown.add(d.name().in(m.locale())));
            case ITEM -> nav.flow().ifPresent(f -> shown.addAll(content(f)));
            case ATTRACT -> { }
        }
        if (!shown.isEmpty()) {
            p.add(fixed("voice.page.shown"));
            shown.forEach(t -> p.add(dynamic(t)));
        }
        return utterance(p);
    }

    private List<String> content(ServiceFlow f) {
        FlowState s = f.state();
        List<String> out = new ArrayList<>();
        QueryResult r = s.result();
        if (s.stage() == Stage.RESULT && r != null) {
            out.add(r.title());
            r.fields().forEach(x -> out.add(x.label() + ": " + x.value()));
            if (r.table() != null) {
                r.table().rows().forEach(row -> out.add(String.join(", ", row)));
            }
        }
        if (s.reference() != null) {
            out.add(m.get("flow.reference", s.reference()));
        }
        if (s.stage() == Stage.NEEDS_PLATFORM) {
            s.offlineAlternatives().stream().map(ServiceItem::name).forEach(n -> out.add(n.in(m.locale())));
        }
        return out;
    }
}
