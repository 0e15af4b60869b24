package org.tongban.kiosk.shell;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.i18n.Messages;

/** The idle screen: says what the terminal does and how to begin (touch, or place an ID card). */
final class AttractView {

    private AttractView() {
    }

    static Node build(Navigator nav, Messages m) {
        VBox box = new VBox(40);
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
        box.getChildren().addAll(
                Widgets.text(m.get("app.name"), "brand"),
                Widgets.title(m.get("attract.headline")),
                Widgets.primary("start", m.get("attract.touchToStart"), nav::touch),
                Widgets.text(m.get("attract.orPlaceCard"), "hint"),
                modes);
        return box;
    }
}
