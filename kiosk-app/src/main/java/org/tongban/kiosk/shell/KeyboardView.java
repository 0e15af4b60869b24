package org.tongban.kiosk.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.tongban.kiosk.input.Candidate;
import org.tongban.kiosk.input.Composer;
import org.tongban.kiosk.input.Key;
import org.tongban.kiosk.input.Layout;
import org.tongban.kiosk.input.Typing;
import org.tongban.kiosk.i18n.Messages;

/**
 * The on-screen keyboards: large keys (at least 88 px, about 18 mm on a 21.5" 1920x1080 panel) with
 * 10 px between them, and for pinyin a candidate bar. Texts of special keys come from the bundles;
 * every key has accessible text. It draws a {@link Typing} and hands it the
 * touches; which field the keys go to and what they write is the Typing's business.
 */
final class KeyboardView {

    /** Between keys: 10 px is 2.5 mm on the 21.5" panel (at least 2 mm). */
    static final double GAP = 10;

    private final Typing typing;
    private final Messages m;
    private final Map<String, Button> fields = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> hints = new LinkedHashMap<>();
    private final VBox panel = new VBox();
    private final HBox candidateBar = new HBox(GAP);
    private Layout shownLayout;

    /** Draws {@code typing}; the fields and the keyboard made here follow it until the next drawing. */
    KeyboardView(Typing typing, Messages m) {
        this.typing = typing;
        this.m = m;
        panel.setId("keyboard");
        panel.getStyleClass().add("keyboard-panel");
        candidateBar.setId("candidates");
        candidateBar.getStyleClass().add("candidate-bar");
        candidateBar.setAlignment(Pos.CENTER_LEFT);
        typing.watch(this::refresh);
    }

    /** The keys of a layout, row by row; each touch goes to {@code press}. */
    static Node keys(Layout layout, Messages m, Consumer<Key> press) {
        VBox rows = new VBox(GAP);
        rows.getStyleClass().add("keyboard");
        rows.setId("keys-" + layout.name().toLowerCase(java.util.Locale.ROOT));
        for (List<Key> row : layout.rows()) {
            HBox line = new HBox(GAP);
            for (Key k : row) {
                line.getChildren().add(key(k, m, press));
            }
            rows.getChildren().add(line);
        }
        return rows;
    }

    private static Button key(Key k, Messages m, Consumer<Key> press) {
        boolean special = k.kind() != Key.Kind.CHARACTER;
        Button b = Widgets.button(k.id(), special ? m.get(k.messageKey()) : k.text(), () -> press.accept(k));
        b.getStyleClass().add("key");
        if (special) {
            b.getStyleClass().add("key-wide");
        }
        // A screen reader says the key's name: "comma", "delete", or the letter or digit itself.
        b.setAccessibleText(k.messageKey() == null ? k.text() : m.get(k.messageKey()));
        return b;
    }

    /**
     * The field of that name as a touch target: touching it sends the keys there.
     *
     * @param label what the field asks, for the screen reader
     * @param hint shown while the field is empty
     */
    Button field(String name, String label, String hint) {
        Button b = Widgets.button("field-" + name, "", () -> typing.focus(name));
        b.getStyleClass().addAll("form-input", "typed-field");
        b.setWrapText(false);
        b.setAlignment(Pos.CENTER_LEFT);
        fields.put(name, b);
        labels.put(name, label);
        hints.put(name, hint);
        showField(name, b);
        return b;
    }

    /** The keys of the focused field's keyboard. */
    Node keyboard() {
        refresh();
        return panel;
    }

    /**
     * The pinyin candidate bar, as wide as the page (words need room), seen only while pinyin is being typed;
     * or null when no field takes pinyin.
     */
    Node candidateBar() {
        refresh();
        return typing.names().stream().anyMatch(n -> typing.field(n).layout().composes()) ? candidateBar : null;
    }

    private void refresh() {
        fields.forEach(this::showField);
        Composer focused = typing.focusedField();
        if (focused.layout() != shownLayout) {
            shownLayout = focused.layout();
            panel.getChildren().setAll(keys(shownLayout, m, typing::press));
        }
        // Seen only while pinyin is being typed: an empty bar is a grey band that says nothing. Its room is kept
        // while a pinyin field has the keys, so they never move under a finger that is typing.
        candidateBar.setManaged(shownLayout.composes());
        candidateBar.setVisible(shownLayout.composes() && !focused.letters().isEmpty());
        boolean composing = candidateBar.isVisible();
        if (composing) {
            showCandidates(focused);
        } else {
            candidateBar.getChildren().clear();
        }
    }

    private void showField(String name, Button b) {
        Composer c = typing.field(name);
        boolean empty = c.value().isEmpty();
        b.setText(empty ? hints.get(name) : c.value());
        b.getStyleClass().remove("field-empty");
        if (empty) {
            b.getStyleClass().add("field-empty");
        }
        b.getStyleClass().remove("focused-field");
        // The field the keys go to: a double ring, thicker than any other border (a shape, not colour alone).
        if (name.equals(typing.focused())) {
            b.getStyleClass().add("focused-field");
        }
        b.setAccessibleText(labels.get(name) + ": " + (empty ? m.get("keyboard.field.empty") : c.value()));
    }

    /** What is being typed (zhong'guo), a page of candidates, and the page keys. */
    private void showCandidates(Composer c) {
        Label composition = Widgets.text(c.composition(), "composition");
        composition.setId("composition");
        composition.setAccessibleText(c.composition());
        Button previous = Widgets.button("candidates-previous", m.get("keyboard.previousPage"), typing::previousPage);
        Button next = Widgets.button("candidates-next", m.get("keyboard.nextPage"), typing::nextPage);
        previous.setDisable(!c.hasPreviousPage());
        next.setDisable(!c.hasNextPage());
        candidateBar.getChildren().setAll(composition, previous);
        List<Candidate> page = c.page();
        for (int i = 0; i < page.size(); i++) {
            int index = i;
            Button b = Widgets.button("candidate-" + i, page.get(i).text(), () -> typing.choose(index));
            b.getStyleClass().addAll("key", "candidate");
            b.setAccessibleText(page.get(i).text());
            candidateBar.getChildren().add(b);
        }
        candidateBar.getChildren().add(next);
    }
}
