package org.tongban.kiosk.shell;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.i18n.Messages;
import org.tongban.kiosk.voice.VoiceGuide;

/**
 * The header during a visit: who serves here (the hall's name from kiosk.yaml), what this screen is, the date
 * with its weekday and a large clock; and the citizen's tools as icon-and-word buttons (voice, language,
 * elderly mode, high contrast, call staff, exit). On a portrait panel the information stays on top and the
 * tools go to the foot, within a seated citizen's reach ({@link #information}, {@link #tools}); in elderly mode
 * most tools wait on a panel of their own ({@link #panel}).
 */
final class HeaderView {

    private HeaderView() {
    }

    /** The clock's text for {@code now}: large, hours and minutes. */
    static String clock(LocalDateTime now) {
        return now.format(DateTimeFormatter.ofPattern("HH:mm"));
    }

    /** The date with its weekday, in the citizen's language ("12月4日 星期五", "Friday 4 December"). */
    static String date(LocalDateTime now, Messages m) {
        Locale l = m.locale();
        String weekday = now.getDayOfWeek().getDisplayName(TextStyle.FULL, l);
        String month = now.getMonth().getDisplayName(TextStyle.FULL, l);
        return m.get("header.date", now.getMonthValue(), now.getDayOfMonth(), weekday, month);
    }

    /** What this screen is, in the citizen's language: short, one line in the header. */
    static String title(Navigator nav, Messages m) {
        return switch (nav.screen()) {
            case ATTRACT, HOME -> m.get("header.title.home");
            case SEARCH -> m.get("header.title.search");
            case DEPARTMENTS -> m.get("home.byDepartment");
            case CATEGORY -> nav.category().map(c -> c.name().in(m.locale()))
                    .or(() -> nav.department().map(d -> d.name().in(m.locale())))
                    .orElse(m.get("header.title.home"));
            // The item's own name heads the page under it, with its steps: here, short, what the screen is for.
            case ITEM -> m.get("header.title.item");
        };
    }

    /** The hall, the screen's title, the date and the clock: nothing to touch. {@code clock} is updated in place. */
    static Node information(Navigator nav, Messages m, String hall, Label clock, Label date) {
        VBox where = new VBox(4);
        if (hall != null && !hall.isBlank()) {
            Label h = Widgets.text(hall, "header-hall");
            h.setId("hallName");
            where.getChildren().add(h);
        }
        Label title = Widgets.text(title(nav, m), "header-title");
        title.setId("screenTitle");
        where.getChildren().add(title);
        clock.getStyleClass().setAll("label", "header-clock");
        clock.setId("clock");
        date.getStyleClass().setAll("label", "header-date");
        date.setId("date");
        clock.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        date.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        date.setWrapText(false);
        // Elderly mode: the date beside the clock, not under it, so the larger words keep the header one row high.
        javafx.scene.layout.Pane when = nav.elderly() ? new HBox(16, date, clock) : new VBox(0, clock, date);
        when.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        if (when instanceof HBox row) {
            row.setAlignment(Pos.CENTER_RIGHT);
        } else {
            ((VBox) when).setAlignment(Pos.CENTER_RIGHT);
        }
        HBox info = new HBox(24, where, when);
        info.setAlignment(Pos.CENTER_LEFT);
        info.getStyleClass().add("header-info");
        return info;
    }

    /**
     * The citizen's tools, each an icon and its word. Compact (elderly mode, or a portrait panel), the header keeps
     * only calling staff and leaving, with "more tools" opening the rest on a panel of their own ({@link #panel}):
     * elderly mode's larger words do not fit one row beside the hall and the clock (and fewer choices at once is the
     * elderly rule anyway); a portrait panel's home needs the rows the tools took.
     */
    static FlowPane tools(Navigator nav, Messages m, VoiceGuide voice, boolean compact, Runnable showAll) {
        // The buttons wrap to a second row rather than squeeze their words (a portrait screen is narrow).
        FlowPane tools = new FlowPane(12, 12);
        tools.setPrefWrapLength(2400); // one row if the width allows; it wraps to a second rather than squeeze
        if (compact) {
            tools.getChildren().addAll(callStaff(nav, m), exit(nav, m),
                    Icons.button("tools", MaterialDesignD.DOTS_GRID, m.get("header.tools"), showAll));
        } else {
            tools.getChildren().addAll(choices(nav, m, voice));
            tools.getChildren().addAll(callStaff(nav, m), exit(nav, m));
        }
        tools.setAlignment(Pos.CENTER_RIGHT);
        tools.getStyleClass().add("header-tools");
        return tools;
    }

    /**
     * The compact header's tools panel: the voice, language, text size and colours as large buttons, and a button to
     * put it away. It stays open while the citizen tries them (a louder voice, then louder again).
     */
    static Node panel(Navigator nav, Messages m, VoiceGuide voice, Runnable close) {
        FlowPane choices = new FlowPane(24, 24);
        choices.getChildren().addAll(choices(nav, m, voice));
        choices.setAlignment(Pos.CENTER);
        choices.setId("toolChoices");
        Button done = Widgets.primary("closeTools", m.get("tools.close"), close);
        VBox box = new VBox(32, Widgets.title(m.get("tools.title")), choices, done);
        box.setAlignment(Pos.CENTER);
        box.setId("toolsPanel");
        box.getStyleClass().addAll("overlay", "tools-panel");
        return box;
    }

    /** The tools that change how the terminal speaks and looks (not calling staff or leaving). */
    private static List<Node> choices(Navigator nav, Messages m, VoiceGuide voice) {
        boolean english = nav.locale().getLanguage().equals("en");
        List<Node> choices = new ArrayList<>();
        if (voice != null) {
            choices.addAll(List.of(
                    voiceButton("voiceQuieter", m, "voice.quieter", Icons.icon(MaterialDesignV.VOLUME_MINUS), voice::quieter),
                    voiceButton("readAloud", m, "voice.readAloud", Icons.icon(MaterialDesignT.TEXT_TO_SPEECH), voice::readPage),
                    voiceButton("voiceLouder", m, "voice.louder", Icons.icon(MaterialDesignV.VOLUME_PLUS), voice::louder)));
        }
        choices.addAll(List.of(
                Icons.button("language", MaterialDesignT.TRANSLATE, m.get("header.otherLanguage"),
                        () -> nav.setLocale(english ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH)),
                Icons.button("elderly", MaterialDesignH.HUMAN_CANE,
                        m.get(nav.elderly() ? "header.elderlyOff" : "header.elderlyOn"),
                        () -> nav.setElderly(!nav.elderly())),
                Icons.button("highContrast", MaterialDesignC.CONTRAST_CIRCLE,
                        m.get(nav.highContrast() ? "header.highContrastOff" : "header.highContrastOn"),
                        () -> nav.setHighContrast(!nav.highContrast()))));
        return choices;
    }

    private static Button callStaff(Navigator nav, Messages m) {
        return Icons.button("callStaff", MaterialDesignB.BELL_RING, m.get("header.callStaff"), nav::callStaff);
    }

    private static Button exit(Navigator nav, Messages m) {
        return Icons.button("exit", MaterialDesignE.EXIT_TO_APP, m.get("header.exit"), nav::finish);
    }

    private static Node voiceButton(String id, Messages m, String key, Node icon, Runnable action) {
        Button b = Widgets.button(id, m.get(key), action);
        b.setGraphic(icon);
        b.getStyleClass().addAll("voice-control", "icon-button");
        b.setAccessibleText(m.get(key + ".accessible"));
        return b;
    }
}
