package org.tongban.kiosk.shell;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.i18n.Messages;

/**
 * Search by pinyin initials on a keyboard of large keys ("SBJF" finds 社保缴费): no system
 * keyboard, no input method, results under the keys as the citizen types.
 */
final class SearchView {

    private static final String[] ROWS = {"QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"};

    private SearchView() {
    }

    static Node build(Navigator nav, Messages m) {
        Label typed = Widgets.text(nav.query().isEmpty() ? m.get("search.hint") : nav.query(), "search-query");
        typed.setId("query");
        GridPane keys = new GridPane();
        keys.setHgap(10);
        keys.setVgap(10);
        keys.getStyleClass().add("keyboard");
        for (int r = 0; r < ROWS.length; r++) {
            for (int c = 0; c < ROWS[r].length(); c++) {
                String k = String.valueOf(ROWS[r].charAt(c));
                keys.add(key("key-" + k, k, () -> nav.type(k)), c + r, r);
            }
        }
        keys.add(key("key-delete", m.get("search.delete"), nav::deleteLast), 9, 2, 2, 1);
        HBox bottomKeys = new HBox(10, key("key-clear", m.get("search.clear"), nav::clearQuery));

        // One result a line: a long name wraps within the screen's width.
        VBox results = new VBox(16);
        results.setId("results");
        for (ServiceItem i : nav.searchResults()) {
            results.getChildren().add(HomeView.greyIfUnavailable(nav, m, i, Widgets.button("item-" + i.code(),
                    i.name().in(m.locale()), () -> nav.openItem(i.code()))));
        }
        if (!nav.query().isEmpty() && results.getChildren().isEmpty()) {
            results.getChildren().add(Widgets.text(m.get("search.none"), "hint"));
        }
        VBox box = new VBox(20, Widgets.title(m.get("search.title")), typed, keys, bottomKeys, Widgets.scroll(results),
                Widgets.button("back", m.get("nav.back"), nav::back));
        box.setId("search");
        box.getStyleClass().add("page");
        box.setAlignment(Pos.TOP_LEFT);
        return box;
    }

    private static Node key(String id, String text, Runnable action) {
        var b = Widgets.button(id, text, action);
        b.getStyleClass().add("key");
        return b;
    }
}
