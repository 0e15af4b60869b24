package org.tongban.kiosk.shell;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.tongban.kiosk.catalog.Category;
import org.tongban.kiosk.catalog.Department;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.i18n.Messages;

/** Home (the categories) and a category (its items): big tiles, few per screen. */
final class HomeView {

    private HomeView() {
    }

    static Node home(Navigator nav, Messages m) {
        FlowPane tiles = tiles();
        for (Category c : nav.categories()) {
            tiles.getChildren().add(tile("category-" + c.id(), c.name().in(m.locale()), () -> nav.openCategory(c.id())));
        }
        FlowPane departments = new FlowPane(16, 16);
        for (Department d : nav.departments()) {
            departments.getChildren().add(Widgets.button("department-" + d.id(), d.name().in(m.locale()),
                    () -> nav.openDepartment(d.id())));
        }
        FlowPane popular = new FlowPane(16, 16);
        for (ServiceItem i : nav.popular(4)) {
            popular.getChildren().add(greyIfUnavailable(nav, m, i, Widgets.button("popular-" + i.code(),
                    i.name().in(m.locale()), () -> nav.openItem(i.code()))));
        }
        VBox box = new VBox(30, Widgets.primary("search", m.get("home.search"), nav::openSearch), tiles,
                Widgets.text(m.get("home.byDepartment"), "hint"), departments);
        if (!popular.getChildren().isEmpty()) {
            box.getChildren().addAll(1, java.util.List.of(Widgets.text(m.get("home.popular"), "hint"), popular));
        }
        // A large catalog may not fit a portrait or small panel: let it scroll rather than push the bars away.
        ScrollPane scroll = Widgets.scroll(box);
        // The title stays above the list (in the low layout it is the information at the top).
        VBox page = new VBox(24, Widgets.title(m.get("home.title")), scroll);
        page.setId("home");
        page.getStyleClass().add("page");
        return page;
    }

    static Node category(Navigator nav, Messages m) {
        FlowPane tiles = tiles();
        for (ServiceItem i : nav.items()) {
            tiles.getChildren().add(greyIfUnavailable(nav, m, i,
                    tile("item-" + i.code(), i.name().in(m.locale()), () -> nav.openItem(i.code()))));
        }
        String name = nav.category().map(c -> c.name().in(m.locale()))
                .or(() -> nav.department().map(d -> d.name().in(m.locale()))).orElse("");
        VBox box = new VBox(30, Widgets.title(name), Widgets.scroll(tiles),
                Widgets.button("back", m.get("nav.back"), nav::back));
        box.setId("category");
        box.getStyleClass().add("page");
        return box;
    }

    /** An item that needs a device that does not work now: greyed, with the plain reason under its name. */
    static Button greyIfUnavailable(Navigator nav, Messages m, ServiceItem item, Button b) {
        nav.unavailable(item).ifPresent(why -> {
            b.setDisable(true);
            b.setText(item.name().in(m.locale()) + "\n" + m.get(why));
            b.setAccessibleText(item.name().in(m.locale()) + ": " + m.get(why));
            b.getStyleClass().add("unavailable");
        });
        return b;
    }

    private static FlowPane tiles() {
        FlowPane tiles = new FlowPane(24, 24);
        tiles.setAlignment(Pos.TOP_LEFT);
        return tiles;
    }

    private static Button tile(String id, String text, Runnable action) {
        Button b = Widgets.button(id, text, action);
        b.getStyleClass().add("tile");
        return b;
    }
}
