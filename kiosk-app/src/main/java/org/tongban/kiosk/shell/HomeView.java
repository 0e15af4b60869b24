package org.tongban.kiosk.shell;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.tongban.kiosk.catalog.Category;
import org.tongban.kiosk.catalog.Department;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.Page;
import org.tongban.kiosk.i18n.Messages;

/** Home (the categories) and a category (its items): big tiles, few per screen. */
final class HomeView {

    private HomeView() {
    }

    static Node home(Navigator nav, Messages m) {
        FlowPane tiles = tiles();
        Page<Category> page = nav.categoriesPage();
        for (Category c : page.shown()) {
            tiles.getChildren().add(tile("category-" + c.id(), c.name().in(m.locale()), () -> nav.openCategory(c.id())));
        }
        VBox box = new VBox(30, Widgets.primary("search", m.get("home.search"), nav::openSearch), tiles);
        // Elderly mode keeps to the themes: fewer choices on one screen (popular items and departments are more).
        if (!nav.elderly()) {
            FlowPane popular = new FlowPane(16, 16);
            for (ServiceItem i : nav.popular(4)) {
                popular.getChildren().add(greyIfUnavailable(nav, m, i, Widgets.button("popular-" + i.code(),
                        i.name().in(m.locale()), () -> nav.openItem(i.code()))));
            }
            if (!popular.getChildren().isEmpty()) {
                box.getChildren().addAll(1, List.of(Widgets.text(m.get("home.popular"), "hint"), popular));
            }
            FlowPane departments = new FlowPane(16, 16);
            for (Department d : nav.departments()) {
                departments.getChildren().add(Widgets.button("department-" + d.id(), d.name().in(m.locale()),
                        () -> nav.openDepartment(d.id())));
            }
            box.getChildren().addAll(Widgets.text(m.get("home.byDepartment"), "hint"), departments);
        }
        // A large catalog may not fit a portrait or small panel: let it scroll rather than push the bars away.
        ScrollPane scroll = Widgets.scroll(box);
        // The title stays above the list (in the low layout it is the information at the top).
        VBox screen = new VBox(24, Widgets.title(m.get("home.title")), scroll);
        pager(page, nav, m).ifPresent(screen.getChildren()::add); // under the list, never scrolled away
        screen.setId("home");
        screen.getStyleClass().add("page");
        return screen;
    }

    static Node category(Navigator nav, Messages m) {
        FlowPane tiles = tiles();
        Page<ServiceItem> page = nav.itemsPage();
        for (ServiceItem i : page.shown()) {
            tiles.getChildren().add(greyIfUnavailable(nav, m, i,
                    tile("item-" + i.code(), i.name().in(m.locale()), () -> nav.openItem(i.code()))));
        }
        String name = nav.category().map(c -> c.name().in(m.locale()))
                .or(() -> nav.department().map(d -> d.name().in(m.locale()))).orElse("");
        VBox box = new VBox(30, Widgets.title(name), Widgets.scroll(tiles));
        pager(page, nav, m).ifPresent(box.getChildren()::add);
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

    /** "Previous" and "more" under a list that does not fit one screen, with where the citizen is ("2 / 3"). */
    private static Optional<Node> pager(Page<?> page, Navigator nav, Messages m) {
        if (page.count() < 2) {
            return Optional.empty();
        }
        Button previous = Widgets.button("previousPage", m.get("page.previous"), nav::previousPage);
        previous.setDisable(!page.hasPrevious());
        Button next = Widgets.primary("nextPage", m.get("page.next"), nav::nextPage);
        next.setDisable(!page.hasNext());
        HBox pager = new HBox(24, previous, Widgets.text(m.get("page.position", page.number() + 1, page.count()), "hint"),
                next);
        pager.setAlignment(Pos.CENTER_LEFT);
        pager.setId("pager");
        return Optional.of(pager);
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
