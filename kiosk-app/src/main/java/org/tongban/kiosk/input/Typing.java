package org.tongban.kiosk.input;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of one screen that are typed on the on-screen keyboard, and which one the keys go to.
 * Touching a field gives it the keys; the keyboard's confirm key moves on to the next field. It
 * outlives the screen's drawing, so a redraw (a device notice, a form sent back with errors) keeps
 * what was typed.
 */
public final class Typing {

    private final Map<String, Composer> fields;
    private String focused;
    private Set<String> wrongShown = Set.of();
    private Runnable watcher = () -> { };

    Typing(Map<String, Composer> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("nothing to type into");
        }
        this.fields = new LinkedHashMap<>(fields);
        this.focused = fields.keySet().iterator().next();
    }

    /** The screen drawing these fields, told after every change (one at a time: a redraw replaces the last). */
    public void watch(Runnable redraw) {
        watcher = redraw == null ? () -> { } : redraw;
    }

    public List<String> names() {
        return new ArrayList<>(fields.keySet());
    }

    public Composer field(String name) {
        Composer c = fields.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no field " + name + " among " + fields.keySet());
        }
        return c;
    }

    /** The field the keys go to. */
    public String focused() {
        return focused;
    }

    public Composer focusedField() {
        return fields.get(focused);
    }

    /** The citizen touched a field: the keys go there now, on its keyboard. */
    public void focus(String name) {
        field(name);
        focused = name;
        watcher.run();
    }

    /**
     * The form came back with these fields wrong: the keys go to the first wrong typed field, once
     * for each new verdict (a redraw of the same verdict leaves the focus where the citizen put it).
     */
    public void wrong(Set<String> names) {
        if (names.equals(wrongShown)) {
            return;
        }
        wrongShown = Set.copyOf(names);
        fields.keySet().stream().filter(names::contains).findFirst().ifPresent(n -> focused = n);
        watcher.run();
    }

    /** A key of the keyboard: to the focused field; confirm moves on to the next field. */
    public void press(Key key) {
        if (focusedField().press(key)) {
            List<String> names = names();
            int next = names.indexOf(focused) + 1;
            if (next < names.size()) {
                focused = names.get(next);
            }
        }
        watcher.run();
    }

    /** A candidate of the focused field's bar. */
    public void choose(int indexOnPage) {
        focusedField().choose(indexOnPage);
        watcher.run();
    }

    public void nextPage() {
        focusedField().nextPage();
        watcher.run();
    }

    public void previousPage() {
        focusedField().previousPage();
        watcher.run();
    }

    /** What each field holds, to submit. */
    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, v.value()));
        return out;
    }

    /** One field's value. */
    public Optional<String> value(String name) {
        return Optional.ofNullable(fields.get(name)).map(Composer::value);
    }
}
