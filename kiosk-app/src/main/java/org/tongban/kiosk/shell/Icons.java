package org.tongban.kiosk.shell;

import javafx.scene.control.Button;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Icons from the Material Design icon font (Ikonli): always beside words, never alone. Colours come from CSS. */
final class Icons {

    private Icons() {
    }

    static FontIcon icon(Ikon ikon) {
        FontIcon i = new FontIcon(ikon);
        i.getStyleClass().add("icon");
        return i;
    }

    /** A touch button with an icon above or before its words. */
    static Button button(String id, Ikon ikon, String text, Runnable action) {
        Button b = Widgets.button(id, text, action);
        b.setGraphic(icon(ikon));
        b.getStyleClass().add("icon-button");
        return b;
    }
}
