package org.tongban.kiosk.shell;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.i18n.Messages;
import org.tongban.kiosk.input.Layout;

/**
 * Search by pinyin initials on a keyboard of large keys ("SBJF" finds 社保缴费): no system
 * keyboard, no input method, results under the keys as the citizen types.
 */
final class SearchView {

    private SearchView() {
    }

    static Node build(Navigator nav, Messages m) {
        Label typed = Widgets.text(nav.query().isEmpty() ? m.get("search.hint") : nav.query(), "search-query");
        typed.setId("query");
        // The one LETTERS keyboard of the kiosk: capital letters are the pinyin initials searched for.
        Node keys = KeyboardView.keys(Layout.LETTERS, m, key -> {
            switch (key.kind()) {
                case CHARACTER -> nav.type(key.text());
                case BACKSPACE -> nav.deleteLast();
                case CLEAR -> nav.clearQuery();
                case SPACE, CONFIRM -> nav.activity();
            }
        });

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
        VBox box = new VBox(20, Widgets.title(m.get("search.title")), typed, keys, Widgets.scroll(results));
        box.setId("search");
        box.getStyleClass().add("page");
        box.setAlignment(Pos.TOP_LEFT);
        return box;
    }
}
