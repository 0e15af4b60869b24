package org.tongban.kiosk.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Button;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;
import org.tongban.kiosk.catalog.FormField;
import java.util.Locale;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.tongban.kiosk.catalog.Guidance;
import org.tongban.kiosk.catalog.Material;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.catalog.Text;
import org.tongban.kiosk.flow.FlowState;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.flow.Stage;
import org.tongban.kiosk.i18n.Messages;
import org.tongban.kiosk.input.Typing;
import org.tongban.kiosk.platform.QueryResult;

/** Draws one stage of a service flow and hands the citizen's choice back to the flow. */
final class FlowView {

    private FlowView() {
    }

    /**
     * Where the ID card reader (with the QR scanner) and the paper tray are on this terminal, as kiosk.yaml's
     * {@code screen.readerPosition} and {@code trayPosition} say: the pictures are drawn on that side.
     */
    record Places(String reader, String tray) {
        static final Places DEFAULT = new Places(DevicePlacement.BOTTOM_RIGHT, "below-screen");
    }

    /**
     * @param low    the wheelchair (low) layout of a portrait screen: a typing page stacks its keyboard under the fields
     * @param places where the devices the pictures show are
     */
    static Node build(Navigator nav, ServiceFlow flow, Messages m, boolean low, Places places) {
        FlowState s = flow.state();
        ServiceItem item = flow.item();
        Locale loc = m.locale();
        VBox page = new VBox(24);
        page.setId("flow-" + s.stage().name().toLowerCase(Locale.ROOT));
        page.getStyleClass().add("page");
        page.getChildren().add(heading(item.name().in(loc), StepIndicatorView.build(org.tongban.kiosk.flow.StepList.at(item, s), m),
                nav.elderly()));
        HBox actions = new HBox(24);
        actions.setAlignment(Pos.CENTER_LEFT);
        switch (s.stage()) {
            case GUIDANCE -> {
                page.getChildren().add(Widgets.scroll(guidance(nav, item, m)));
                actions.getChildren().add(Widgets.primary("proceed", m.get("flow.start"), flow::proceed));
            }
            case WAIT_FOR_CARD -> page.getChildren().addAll(big(m.get(s.message())),
                    Widgets.text(m.get("flow.placeCard.where", m.get("where." + places.reader())), "hint"),
                    Widgets.grow(),
                    DevicePlacement.place(Illustration.ID_CARD.draw(nav.elderly(), m.get(s.message())), places.reader()));
            case WORKING -> {
                page.getChildren().add(Widgets.grow());
                // what it is doing as a picture (the page going out when printing); in elderly mode it moves slowly
                // and there is no progress bar: nothing moves fast, the words say it is working
                Illustration picture = "flow.printing".equals(s.message()) ? Illustration.PAPER : Illustration.DOCUMENT;
                VBox working = new VBox(24, picture.draw(nav.elderly(), m.get(s.message())));
                working.setAlignment(Pos.CENTER);
                working.setId("workingPicture");
                if (!nav.elderly()) {
                    ProgressBar p = new ProgressBar();
                    p.getStyleClass().addAll("working", "working-progress");
                    p.setAccessibleText(m.get(s.message()));
                    working.getChildren().add(p);
                }
                page.getChildren().addAll(working, big(m.get(s.message())));
            }
            case RESULT -> {
                Node facts = Widgets.scroll(result(s.result(), m));
                Node preview = ResultPreview.build(flow, m, low || nav.elderly());
                if (low) { // portrait: the page above what it says
                    page.getChildren().addAll(preview, facts);
                } else {
                    HBox.setHgrow(facts, javafx.scene.layout.Priority.ALWAYS);
                    HBox both = new HBox(32, preview, facts);
                    VBox.setVgrow(both, javafx.scene.layout.Priority.ALWAYS);
                    page.getChildren().add(both);
                }
                actions.getChildren().add(Widgets.primary("proceed", m.get("flow.print"), flow::proceed));
            }
            case PRINTED -> {
                VBox words = new VBox(16, big(m.get(s.message())),
                        Widgets.text(m.get("flow.printed.where", m.get("where." + places.tray())), "hint"));
                Node tray = DevicePlacement.place(Illustration.PAPER.draw(nav.elderly(), m.get(s.message())), places.tray());
                if (low) {
                    page.getChildren().addAll(words, Widgets.grow(), tray);
                } else { // landscape: the words beside the picture, so the page keeps room for its button
                    HBox.setHgrow(words, javafx.scene.layout.Priority.ALWAYS);
                    HBox both = new HBox(32);
                    both.getChildren().addAll(DevicePlacement.BOTTOM_LEFT.equals(places.tray())
                            ? List.of(tray, words) : List.of(words, tray));
                    page.getChildren().addAll(both, Widgets.grow());
                }
                actions.getChildren().add(Widgets.primary("proceed", m.get("flow.next"), flow::proceed));
            }
            case FORM -> {
                page.getChildren().add(big(m.get(s.message())));
                // Typed on the on-screen keyboard (a kiosk has none other); kept while this step is shown.
                Optional<Typing> typing = nav.keyboards().form(List.of(flow, flow.formFields()), flow.formFields(),
                        flow.formValues());
                typing.ifPresent(t -> t.wrong(s.fieldErrors().keySet()));
                KeyboardView keyboard = typing.map(t -> new KeyboardView(t, m)).orElse(null);
                Map<String, Supplier<String>> answers = new LinkedHashMap<>();
                page.getChildren().add(typingArea(Widgets.scroll(form(flow, s, m, answers, keyboard)), keyboard, actions, low));
                actions.getChildren().add(Widgets.primary("proceed", m.get("flow.next"), () -> {
                    Map<String, String> values = new LinkedHashMap<>();
                    answers.forEach((k, v) -> values.put(k, v.get()));
                    typing.ifPresent(t -> values.putAll(t.values()));
                    flow.submitForm(values);
                }));
            }
            case CONFIRM -> {
                page.getChildren().addAll(big(m.get(s.message())), Widgets.scroll(confirmation(nav, flow, m)));
                actions.getChildren().add(Widgets.primary("proceed", m.get("flow.submit"), flow::proceed));
            }
            case SUBMITTED -> {
                page.getChildren().addAll(Widgets.grow(), big(m.get(s.message())),
                        Widgets.text(m.get("flow.reference", s.reference()), "prompt"));
                actions.getChildren().add(Widgets.primary("proceed", m.get("flow.next"), flow::proceed));
            }
            case REVIEW -> {
                page.getChildren().add(big(m.get(s.message())));
                page.getChildren().add(ReviewView.levels(flow, m));
                // Optional by the national rules: skipped at the end as when leaving.
                actions.getChildren().add(Widgets.button("skipReview", m.get("review.skip"), flow::skipReview));
            }
            case REVIEW_REASONS -> {
                page.getChildren().addAll(big(m.get(s.message(), m.get("review.level" + s.level()))));
                FlowPane reasons = new FlowPane(16, 16);
                List<ToggleButton> toggles = new ArrayList<>();
                for (int i = 0; i < ServiceFlow.REVIEW_REASONS.size(); i++) {
                    ToggleButton t = new ToggleButton(m.get("review.reason." + (i + 1)));
                    t.setId("reason-" + (i + 1));
                    t.getStyleClass().addAll("touch", "reason-toggle");
                    t.setUserData(ServiceFlow.REVIEW_REASONS.get(i));
                    toggles.add(t);
                }
                reasons.getChildren().addAll(toggles);
                Typing typing = nav.keyboards().comment(List.of(flow, "comment"), "comment");
                KeyboardView keyboard = new KeyboardView(typing, m);
                Button comment = keyboard.field("comment", m.get("review.comment"), m.get("review.comment"));
                comment.setId("comment");
                if (low || nav.elderly()) {
                    // A portrait screen (or elderly mode's larger keys and words) has no room for the reasons and
                    // the keyboard at once: the keys come when the citizen touches the comment (the reasons chosen
                    // stay chosen).
                    VBox area = new VBox(16, reasons, comment, actions);
                    comment.addEventHandler(ActionEvent.ACTION, e -> area.getChildren().setAll(
                            typingArea(comment, keyboard, actions, low)));
                    page.getChildren().add(area);
                } else {
                    page.getChildren().add(typingArea(new VBox(24, Widgets.scroll(reasons), comment), keyboard, actions,
                            false));
                }
                actions.getChildren().add(Widgets.primary("submitReview", m.get("review.submit"), () -> flow.review(
                        s.level(),
                        toggles.stream().filter(ToggleButton::isSelected).map(t -> (String) t.getUserData()).toList(),
                        typing.value("comment").orElse(""))));
                actions.getChildren().add(Widgets.button("skipReview", m.get("review.skip"), flow::skipReview));
            }
            case DONE -> {
                page.getChildren().addAll(Widgets.grow(), big(m.get(s.message())));
                actions.getChildren().addAll(Widgets.primary("finish", m.get("flow.finish"), nav::finish),
                        Widgets.button("another", m.get("flow.another"), nav::home));
            }
            case NEEDS_PLATFORM -> {
                page.getChildren().addAll(big(m.get(s.message())), Widgets.text(m.get("flow.needsPlatform.hint"), "hint"));
                VBox alternatives = new VBox(16);
                for (ServiceItem alt : s.offlineAlternatives()) {
                    alternatives.getChildren().add(Widgets.button("alt-" + alt.code(), alt.name().in(loc),
                            () -> nav.openItem(alt.code())));
                }
                page.getChildren().add(Widgets.scroll(alternatives));
                actions.getChildren().add(Widgets.button("retry", m.get("flow.retry"), flow::retry));
            }
            case FACE -> flow.faceStep().ifPresent(step -> {
                // the picture says where to look (the camera above the screen, the face in the oval) beside the preview
                javafx.scene.layout.Pane picture = Illustration.FACE.drawSmall(nav.elderly(), m.get("flow.face.lookHere"));
                VBox look = new VBox(12, picture, Widgets.text(m.get("flow.face.lookHere"), "hint"));
                look.setAlignment(Pos.TOP_CENTER);
                look.maxWidthProperty().bind(picture.prefWidthProperty().multiply(2)); // the words wrap under it
                page.getChildren().add(CameraStepView.build(step, m, look));
            });
            case LICENSE -> page.getChildren().add(LicenseView.waiting(s, m, DevicePlacement.place(
                    Illustration.QR_CODE.draw(nav.elderly(), m.get("flow.license.hint")), places.reader())));
            case LICENSE_SHOWN -> {
                page.getChildren().add(LicenseView.shown(flow, m));
                actions.getChildren().add(Widgets.primary("proceed", m.get("flow.next"), flow::proceed));
            }
            case CAPTURE -> page.getChildren().add(CaptureView.build(flow, s, m, actions));
            case FAILED -> {
                page.getChildren().add(big(m.get(s.message())));
                if (s.detail() != null) {
                    page.getChildren().add(Widgets.text(s.detail(), "detail"));
                }
                if (s.canRetry()) {
                    actions.getChildren().add(Widgets.primary("retry", m.get("flow.retry"), flow::retry));
                }
            }
        }
        if (s.stage() != Stage.DONE && !flow.leaving()) {
            page.getChildren().add(Widgets.grow());
        }
        if (actions.getParent() == null) { // a typing page has its buttons beside the keyboard already
            page.getChildren().add(actions);
        }
        return page;
    }

    /**
     * What is typed, with the page's buttons under it, beside the keyboard that types it (side by
     * side, so everything fits the screen even with elderly mode's larger text), and the pinyin
     * candidate bar across the page above them.
     */
    private static Node typingArea(Node fields, KeyboardView keyboard, HBox actions, boolean low) {
        if (keyboard == null) {
            return fields;
        }
        VBox.setVgrow(fields, javafx.scene.layout.Priority.ALWAYS);
        VBox area = new VBox(16);
        Node bar = keyboard.candidateBar();
        if (low) { // a portrait screen is too narrow for both side by side: fields, candidates, keys, buttons
            area.getChildren().add(fields);
            if (bar != null) {
                area.getChildren().add(bar);
            }
            area.getChildren().addAll(keyboard.keyboard(), actions);
        } else {
            VBox left = new VBox(24, fields, actions);
            HBox.setHgrow(left, javafx.scene.layout.Priority.ALWAYS);
            if (bar != null) {
                area.getChildren().add(bar);
            }
            area.getChildren().add(new HBox(32, left, keyboard.keyboard()));
        }
        VBox.setVgrow(area, javafx.scene.layout.Priority.ALWAYS);
        return area;
    }

    /**
     * The item's name and its steps share a row (they wrap to two on a narrow screen): room for the page. Elderly
     * mode's larger words get a row each, the steps' chips in one line rather than a squeezed pile beside the name.
     */
    private static Node heading(String name, Node steps, boolean elderly) {
        Label itemName = Widgets.text(name, "item-name");
        if (elderly) {
            return new VBox(8, itemName, steps);
        }
        FlowPane heading = new FlowPane(32, 8, itemName, steps);
        heading.setPrefWrapLength(2400);
        heading.setAlignment(Pos.CENTER_LEFT);
        return heading;
    }

    private static Label big(String text) {
        return Widgets.text(text, "prompt");
    }

    private static Node guidance(Navigator nav, ServiceItem item, Messages m) {
        Guidance g = item.guidance();
        Locale loc = m.locale();
        GridPane grid = grid();
        int row = 0;
        row = line(grid, row, m.get("guidance.department"),
                nav.catalog().department(item.department()).map(d -> d.name().in(loc)).orElse(item.department()));
        row = line(grid, row, m.get("guidance.basis"), text(g.basis(), loc));
        row = line(grid, row, m.get("guidance.conditions"), text(g.conditions(), loc));
        row = line(grid, row, m.get("guidance.materials"), materials(g, m));
        row = line(grid, row, m.get("guidance.fees"), text(g.fees(), loc));
        row = line(grid, row, m.get("guidance.timeLimit"), text(g.timeLimit(), loc));
        row = line(grid, row, m.get("guidance.delivery"), text(g.delivery(), loc));
        line(grid, row, m.get("guidance.phone"), g.phone() == null ? "" : g.phone());
        grid.setId("guidance");
        return grid;
    }

    /**
     * One line per material: its name from the catalog, and for what the kiosk gets itself, where from
     * (the bundle's words: the catalog's names never say it).
     */
    static String materials(Guidance g, Messages m) {
        StringBuilder lines = new StringBuilder();
        for (Material mat : g.materials()) {
            String name = mat.name().in(m.locale());
            lines.append("• ").append(mat.source() == Material.Source.PAPER ? name
                    : m.get("guidance.material", name, m.get("guidance.source." + mat.source()))).append('\n');
        }
        return lines.toString().strip();
    }

    private static Node result(QueryResult r, Messages m) {
        VBox box = new VBox(16);
        box.setId("result");
        box.getChildren().add(Widgets.title(r.title()));
        GridPane grid = grid();
        int row = 0;
        for (QueryResult.Field f : r.fields()) {
            row = line(grid, row, f.label(), f.value());
        }
        box.getChildren().add(grid);
        if (r.table() != null && !r.table().columns().isEmpty()) {
            GridPane table = new GridPane();
            table.getStyleClass().add("result-table");
            table.setHgap(24);
            table.setVgap(6);
            for (int c = 0; c < r.table().columns().size(); c++) {
                table.add(Widgets.text(r.table().columns().get(c), "cell-head"), c, 0);
            }
            for (int i = 0; i < r.table().rows().size(); i++) {
                List<String> cells = r.table().rows().get(i);
                for (int c = 0; c < cells.size(); c++) {
                    table.add(Widgets.text(cells.get(c), "cell"), c, i + 1);
                }
            }
            box.getChildren().add(table);
        }
        if (r.verifyCode() != null) {
            box.getChildren().add(Widgets.text(m.get("result.verifyCode", r.verifyCode()), "hint"));
        }
        return box;
    }

    /** The form's fields: a typed field (or a choice) each, with what is wrong shown under it. */
    private static Node form(ServiceFlow flow, FlowState s, Messages m, Map<String, Supplier<String>> answers,
                             KeyboardView keyboard) {
        GridPane grid = grid();
        grid.setId("form");
        Map<String, String> previous = flow.formValues();
        int row = 0;
        for (FormField f : flow.formFields()) {
            String label = f.label().in(m.locale()) + (f.required() ? " *" : "");
            Node input;
            if (f.type() == FormField.Type.CHOICE) {
                ChoiceBox<String> box = new ChoiceBox<>();
                f.options().forEach(o -> box.getItems().add(o.in(m.locale())));
                box.setValue(previous.get(f.name()));
                answers.put(f.name(), box::getValue);
                input = box;
            } else {
                input = keyboard.field(f.name(), label, m.get("form.hint." + f.type()));
            }
            input.setId("field-" + f.name());
            input.setAccessibleText(label); // a screen reader names the field as the label beside it does
            input.getStyleClass().add("form-input");
            grid.add(Widgets.text(label, "fact-label"), 0, row);
            grid.add(input, 1, row++);
            String error = s.fieldErrors().get(f.name());
            if (error != null) {
                // in words, right under the field it concerns, with a mark that is a shape as well as a colour
                Label l = Widgets.text(m.get(error), "field-error");
                l.setGraphic(Icons.icon(org.kordamp.ikonli.materialdesign2.MaterialDesignA.ALERT_CIRCLE));
                l.setId("error-" + f.name());
                input.getStyleClass().add("field-wrong");
                grid.add(l, 1, row++);
            }
        }
        return grid;
    }

    /** What will be submitted, the applicant shown masked as on every screen a passer-by can see. */
    private static Node confirmation(Navigator nav, ServiceFlow flow, Messages m) {
        GridPane grid = grid();
        grid.setId("confirmation");
        int row = 0;
        row = line(grid, row, m.get("confirm.applicant"), flow.applicantMasked());
        Map<String, String> values = flow.formValues();
        for (FormField f : flow.item().formFields()) {
            String v = values.get(f.name());
            if (v != null) {
                row = line(grid, row, f.label().in(m.locale()), v);
            }
        }
        return grid;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(24);
        g.setVgap(14);
        g.getStyleClass().add("facts");
        return g;
    }

    private static int line(GridPane g, int row, String label, String value) {
        g.add(Widgets.text(label, "fact-label"), 0, row);
        g.add(Widgets.text(value, "fact-value"), 1, row);
        return row + 1;
    }

    private static String text(Text t, Locale loc) {
        return t == null ? "" : t.in(loc);
    }
}
