package org.tongban.kiosk.shell;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tongban.kiosk.attract.Slide;
import org.tongban.kiosk.attract.Slides;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.catalog.Text;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.i18n.Messages;

/**
 * The idle screen: the hall's slides in a calm loop, the clock, how to begin (touch, or place an ID card,
 * with a picture of the card going onto the reader where the reader is).
 */
final class AttractView {

    /** The most used items on their slide: what fits the slide area in elderly mode too. */
    private static final int MOST_USED = 3;

    private AttractView() {
    }

    /** @param low the wheelchair (low) layout of a portrait screen: the card's picture goes under the buttons */
    static Node build(Navigator nav, Messages m, SlideShow slides, String readerPosition, boolean low) {
        VBox box = new VBox(24);
        box.setId("attract");
        box.getStyleClass().add("attract");
        box.setAlignment(Pos.CENTER);
        box.setOnMouseClicked(e -> nav.touch()); // a touch anywhere starts; the buttons below do so themselves
        HBox modes = new HBox(30,
                Widgets.button("attractElderly", m.get("attract.elderly"), () -> {
                    nav.touch();
                    nav.setElderly(true);
                }),
                Widgets.button("attractHighContrast", m.get("attract.highContrast"), () -> {
                    nav.touch();
                    nav.setHighContrast(true);
                }),
                Widgets.button("attractEnglish", m.get("attract.otherLanguage"), () -> {
                    nav.touch();
                    nav.setLocale(m.locale().getLanguage().equals("en")
                            ? java.util.Locale.SIMPLIFIED_CHINESE : java.util.Locale.ENGLISH);
                }));
        modes.setAlignment(Pos.CENTER);
        VBox begin = new VBox(20,
                Widgets.primary("start", m.get("attract.touchToStart"), nav::touch),
                Widgets.text(m.get("attract.orPlaceCard"), "hint"),
                modes);
        begin.setAlignment(Pos.CENTER);
        HBox.setHgrow(begin, Priority.ALWAYS);
        // still: the slides move already, and a terminal waiting all night should not draw all night
        Pane card = Illustration.ID_CARD.drawStill(false, m.get("attract.orPlaceCard"));
        card.setId("attractCard");
        Node where = DevicePlacement.place(card, readerPosition);
        Node bottom = low ? new VBox(16, begin, where) : switch (readerPosition) {
            case DevicePlacement.BOTTOM_LEFT -> new HBox(24, where, begin);
            case DevicePlacement.BOTTOM_RIGHT -> new HBox(24, begin, where);
            default -> new VBox(16, begin, where);
        };
        if (bottom instanceof HBox row) {
            row.setAlignment(Pos.BOTTOM_CENTER);
        } else {
            ((VBox) bottom).setAlignment(Pos.CENTER);
        }
        box.getChildren().addAll(heading(m), slides.build(m, nav.elderly(), mostUsed(nav)), bottom);
        return box;
    }

    /** The items most used on this terminal, a line each under the bundle's heading, in both languages. */
    private static Slide mostUsed(Navigator nav) {
        List<ServiceItem> top = nav.popular(MOST_USED);
        if (top.isEmpty()) {
            return null;
        }
        Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);
        Messages en = new Messages(Locale.ENGLISH);
        String zhLines = top.stream().map(i -> i.name().in(zh.locale())).collect(Collectors.joining("\n"));
        String enLines = top.stream().map(i -> i.name().in(en.locale())).collect(Collectors.joining("\n"));
        return new Slide(null, null, new Text(zh.get("attract.slide.mostUsed", zhLines),
                en.get("attract.slide.mostUsed", enLines)), Slides.DEFAULT_SECONDS);
    }

    /** The name and headline on the left, the clock and date on the right, the time kept while shown. */
    private static Node heading(Messages m) {
        VBox name = new VBox(8, Widgets.text(m.get("app.name"), "brand"), Widgets.title(m.get("attract.headline")));
        HBox.setHgrow(name, Priority.ALWAYS);
        Label clock = Widgets.text("", "attract-clock");
        clock.setId("attractClock");
        clock.setMinWidth(Region.USE_PREF_SIZE); // the time on one line, whatever the width
        Label date = Widgets.text("", "attract-date");
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm", m.locale());
        DateTimeFormatter day = DateTimeFormatter.ofPattern(m.get("attract.datePattern"), m.locale());
        Runnable tick = () -> {
            LocalDateTime now = LocalDateTime.now();
            clock.setText(time.format(now));
            date.setText(day.format(now));
        };
        tick.run();
        Timeline ticking = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick.run()));
        ticking.setCycleCount(Animation.INDEFINITE);
        VBox when = new VBox(4, clock, date);
        when.setAlignment(Pos.TOP_RIGHT);
        Widgets.playWhileShown(when, ticking);
        HBox row = new HBox(24, name, when);
        row.setAlignment(Pos.TOP_LEFT);
        return row;
    }
}
