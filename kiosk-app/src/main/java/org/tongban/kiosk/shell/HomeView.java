package org.tongban.kiosk.shell;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignO;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.tongban.kiosk.catalog.Category;
import org.tongban.kiosk.catalog.Department;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.Page;
import org.tongban.kiosk.i18n.Messages;

/** Home (the themes) and a category (its items): big tiles, few per screen. */
final class HomeView {

    private HomeView() {
    }

    /** A theme's icon by its catalog id; a theme the catalog adds later gets the folder. */
    private static final Map<String, Ikon> THEME_ICONS = Map.of(
            "social-insurance", MaterialDesignS.SHIELD_ACCOUNT,
            "medical-insurance", MaterialDesignM.MEDICAL_BAG,
            "household", MaterialDesignH.HOME_ACCOUNT,
            "employment", MaterialDesignB.BRIEFCASE_ACCOUNT,
            "health", MaterialDesignH.HOSPITAL_BOX,
            "family", MaterialDesignH.HUMAN_MALE_FEMALE,
            "business", MaterialDesignO.OFFICE_BUILDING,
            "tax", MaterialDesignC.CASH_MULTIPLE,
            "housing", MaterialDesignH.HOME_CITY_OUTLINE);
    /** The tiles' colours, named in palette.css (high contrast re-binds them); given in turn, so neighbours differ. */
    static final List<String> TONES = List.of("tone-blue", "tone-green", "tone-amber", "tone-purple", "tone-red",
            "tone-teal");

    /**
     * Home on one screen, nothing to scroll: the title and a large search field, the items most used here (常用事项),
     * the themes as large tiles (an icon and a colour each), the departments. Elderly mode keeps to the themes
     * (four a page) and the search: fewer choices on one screen.
     *
     * @param low a portrait panel: the title alone on top (out of reach), the search field under it
     */
    static Node home(Navigator nav, Messages m, boolean low) {
        Button search = Icons.button("search", MaterialDesignM.MAGNIFY, m.get("home.search.field"), nav::openSearch);
        search.getStyleClass().add("search-field");
        search.setAccessibleText(m.get("home.search"));
        search.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(search, Priority.ALWAYS);

        Page<Category> page = nav.categoriesPage();
        int columns = nav.elderly() ? (low ? 2 : 4) : (low ? 2 : 5);
        GridPane tiles = new GridPane();
        tiles.setHgap(24);
        tiles.setVgap(low ? 12 : 24);
        tiles.setId("themes");
        for (int c = 0; c < columns; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / columns);
            tiles.getColumnConstraints().add(column);
        }
        List<Category> shown = page.shown();
        for (int i = 0; i < shown.size(); i++) {
            Category c = shown.get(i);
            Button tile = tile("category-" + c.id(), c.name().in(m.locale()), () -> nav.openCategory(c.id()));
            tile.setGraphic(Icons.icon(THEME_ICONS.getOrDefault(c.id(), MaterialDesignF.FOLDER_OUTLINE)));
            int position = Math.max(0, nav.categories().indexOf(c)); // a theme keeps its colour on every page
            tile.getStyleClass().addAll("theme-tile", TONES.get(position % TONES.size()));
            tile.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            GridPane.setVgrow(tile, Priority.ALWAYS);
            tiles.add(tile, i % columns, i / columns);
        }
        VBox.setVgrow(tiles, Priority.ALWAYS);

        Label title = Widgets.title(m.get("home.title"));
        VBox screen = new VBox(low ? 12 : 24);
        if (low) { // the title is information: it stays on top, out of a seated citizen's reach
            screen.getChildren().addAll(title, search);
        } else {
            HBox top = new HBox(32, title, search);
            top.setAlignment(Pos.CENTER_LEFT);
            title.setMinWidth(Region.USE_PREF_SIZE);
            screen.getChildren().add(top);
        }
        if (!nav.elderly()) {
            // the items in equal columns under their heading: a long name wraps within its column
            List<ServiceItem> often = nav.popular(low ? 2 : 4);
            GridPane popular = new GridPane();
            popular.setHgap(16);
            popular.setId("popular");
            for (int k = 0; k < often.size(); k++) {
                ServiceItem i = often.get(k);
                ColumnConstraints column = new ColumnConstraints();
                column.setPercentWidth(100.0 / often.size());
                popular.getColumnConstraints().add(column);
                Button b = greyIfUnavailable(nav, m, i, Widgets.button("popular-" + i.code(), i.name().in(m.locale()),
                        () -> nav.openItem(i.code())));
                b.getStyleClass().add("popular-item");
                b.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
                b.setMinWidth(0);
                popular.add(b, k, 0);
            }
            if (!often.isEmpty()) {
                screen.getChildren().add(new VBox(8, Widgets.text(m.get("home.popular"), "row-heading"), popular));
            }
        }
        screen.getChildren().add(tiles);
        pager(page, nav, m).ifPresent(screen.getChildren()::add);
        if (!nav.elderly() && !low) {
            FlowPane departments = departmentChips(nav, m);
            Label heading = Widgets.text(m.get("home.byDepartment"), "row-heading");
            departments.getChildren().add(0, heading);
            screen.getChildren().add(departments);
        } else if (!nav.elderly()) { // a portrait panel has no room for them: one touch away
            Button departments = Icons.button("departments", MaterialDesignA.ACCOUNT_GROUP, m.get("home.byDepartment"),
                    nav::openDepartments);
            screen.getChildren().add(departments);
        }
        screen.setId("home");
        screen.getStyleClass().addAll("page", "home");
        return screen;
    }

    /** The departments, for citizens who know which office they need: reached from a portrait home. */
    static Node departments(Navigator nav, Messages m) {
        VBox screen = new VBox(24, Widgets.title(m.get("home.byDepartment")), Widgets.scroll(departmentChips(nav, m)));
        screen.setId("departments");
        screen.getStyleClass().add("page");
        return screen;
    }

    private static FlowPane departmentChips(Navigator nav, Messages m) {
        FlowPane departments = new FlowPane(12, 12);
        departments.setAlignment(Pos.CENTER_LEFT);
        departments.setId("departmentList");
        for (Department d : nav.departments()) {
            Button b = Widgets.button("department-" + d.id(), d.name().in(m.locale()), () -> nav.openDepartment(d.id()));
            b.getStyleClass().add("department-chip");
            departments.getChildren().add(b);
        }
        return departments;
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
