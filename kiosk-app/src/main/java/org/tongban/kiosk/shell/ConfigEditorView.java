package org.tongban.kiosk.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.tongban.kiosk.admin.ConfigEditor;
import org.tongban.kiosk.admin.Workbench;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.i18n.Messages;

/**
 * Edit one device's driver, port and options, and a few terminal settings; check, then save. The
 * rules (checking, atomic save, applying) are the {@link ConfigEditor}'s; this only collects the fields.
 */
final class ConfigEditorView {

    /** The terminal settings offered here, by their place in kiosk.yaml. */
    private static final List<String> KIOSK_FIELDS = List.of("/idle/warnAfterSeconds", "/idle/countdownSeconds",
            "/platform/url", "/platform/syncIntervalSeconds", "/locale");

    private ConfigEditorView() {
    }

    static Node build(Workbench wb, Messages m) {
        VBox form = new VBox(16);
        Label result = Widgets.text("", "hint");
        result.setId("cfg-result");
        FlowPane choose = new FlowPane(12, 12);
        for (String device : wb.deviceNames()) {
            choose.getChildren().add(Widgets.button("cfg-dev-" + device, device,
                    () -> form.getChildren().setAll(deviceForm(wb, m, device, result))));
        }
        choose.getChildren().add(Widgets.button("cfg-terminal", m.get("maint.cfg.terminal"),
                () -> form.getChildren().setAll(kioskForm(wb, m, result))));
        VBox box = new VBox(20, Widgets.title(m.get("maint.tab.config")), choose, form, result);
        box.setId("configEditor");
        box.getStyleClass().add("page");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static Node deviceForm(Workbench wb, Messages m, String device, Label result) {
        ConfigEditor ed = wb.editor();
        try {
            String driverAt = ed.devicePointer(device, "driver");
            String portAt = ed.devicePointer(device, "port");
            String optionsAt = ed.devicePointer(device, "options");
            TextField driver = field("cfg-driver", ed.value(ConfigLoader.DEVICES_FILE, driverAt), m.get("maint.cfg.driver"));
            TextField port = field("cfg-port", ed.value(ConfigLoader.DEVICES_FILE, portAt), m.get("maint.cfg.port"));
            Map<String, String> options = options(wb, device);
            TextArea opts = new TextArea(String.join("\n", options.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
            opts.setId("cfg-options");
            opts.setAccessibleText(m.get("maint.cfg.options"));
            opts.setPrefRowCount(4);
            GridPane g = grid(m, List.of("maint.cfg.driver", "maint.cfg.port", "maint.cfg.options"),
                    List.of(driver, port, opts));
            java.util.function.Supplier<List<ConfigEditor.Change>> changes = () -> {
                List<ConfigEditor.Change> c = new ArrayList<>();
                changed(c, ConfigLoader.DEVICES_FILE, driverAt, driver.getText(), ed);
                changed(c, ConfigLoader.DEVICES_FILE, portAt, port.getText(), ed);
                for (String line : opts.getText().split("\n")) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        String k = line.substring(0, eq).strip();
                        String v = line.substring(eq + 1).strip();
                        if (!v.equals(options.get(k))) {
                            c.add(new ConfigEditor.Change(ConfigLoader.DEVICES_FILE, optionsAt + "/" + k, v));
                        }
                    }
                }
                return c;
            };
            return new VBox(16, Widgets.title(device), g, buttons(wb, m, changes, result));
        } catch (IOException e) {
            return Widgets.text(e.getMessage(), "status-bad");
        }
    }

    private static Node kioskForm(Workbench wb, Messages m, Label result) {
        ConfigEditor ed = wb.editor();
        List<TextField> fields = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        try {
            for (String at : KIOSK_FIELDS) {
                fields.add(field("cfg-kiosk" + at.replace('/', '-'), ed.value(ConfigLoader.KIOSK_FILE, at), at));
                labels.add(at);
            }
        } catch (IOException e) {
            return Widgets.text(e.getMessage(), "status-bad");
        }
        GridPane g = new GridPane();
        g.setHgap(16);
        g.setVgap(12);
        for (int i = 0; i < fields.size(); i++) {
            g.add(Widgets.text(labels.get(i), "hint"), 0, i);
            g.add(fields.get(i), 1, i);
        }
        java.util.function.Supplier<List<ConfigEditor.Change>> changes = () -> {
            List<ConfigEditor.Change> c = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                changed(c, ConfigLoader.KIOSK_FILE, KIOSK_FIELDS.get(i), fields.get(i).getText(), ed);
            }
            return c;
        };
        return new VBox(16, Widgets.title(m.get("maint.cfg.terminal")), Widgets.text(m.get("maint.cfg.restart"), "hint"),
                g, buttons(wb, m, changes, result));
    }

    private static Node buttons(Workbench wb, Messages m, java.util.function.Supplier<List<ConfigEditor.Change>> changes,
                                Label result) {
        var check = Widgets.button("cfg-check", m.get("maint.cfg.check"), () -> {
            List<String> problems = wb.editor().check(changes.get());
            result.setText(problems.isEmpty() ? m.get("maint.cfg.valid") : String.join("\n", problems));
        });
        var save = Widgets.primary("cfg-save", m.get("maint.cfg.save"), () -> {
            List<ConfigEditor.Change> c = changes.get();
            if (c.isEmpty()) {
                result.setText(m.get("maint.cfg.nothing"));
                return;
            }
            result.setText(m.get("maint.working"));
            wb.later(() -> wb.saveConfig(c), o -> MaintenanceView.onFx(() -> result.setText(describe(o, m))));
        });
        save.setDisable(!wb.mode().mayChange());
        return new FlowPane(16, 16, check, save);
    }

    /** A save's outcome in the technician's words. */
    static String describe(ConfigEditor.Outcome o, Messages m) {
        if (!o.saved()) {
            return m.get("maint.cfg.notSaved") + "\n" + String.join("\n", o.problems());
        }
        StringBuilder b = new StringBuilder(m.get("maint.cfg.saved"));
        if (!o.applied().isEmpty()) {
            b.append("\n").append(m.get("maint.cfg.applied", String.join(", ", o.applied())));
        }
        if (o.restartNeeded()) {
            b.append("\n").append(m.get("maint.cfg.restart"));
        }
        o.problems().forEach(p -> b.append("\n").append(p));
        return b.toString();
    }

    private static void changed(List<ConfigEditor.Change> out, String file, String at, String text, ConfigEditor ed) {
        try {
            String now = ed.value(file, at);
            String t = text == null ? "" : text.strip();
            if (!t.equals(now == null ? "" : now) && !t.isEmpty()) {
                out.add(new ConfigEditor.Change(file, at, t));
            }
        } catch (IOException e) {
            out.add(new ConfigEditor.Change(file, at, text));
        }
    }

    private static Map<String, String> options(Workbench wb, String device) {
        Map<String, String> o = new LinkedHashMap<>();
        if (wb.deviceNames().contains(device)) {
            o.putAll(new java.util.TreeMap<>(wb.spec(device).options()));
        }
        return o;
    }

    private static TextField field(String id, String value, String accessible) {
        TextField f = new TextField(value == null ? "" : value);
        f.setId(id);
        f.setAccessibleText(accessible);
        f.getStyleClass().add("maint-field");
        return f;
    }

    private static GridPane grid(Messages m, List<String> keys, List<Node> fields) {
        GridPane g = new GridPane();
        g.setHgap(16);
        g.setVgap(12);
        for (int i = 0; i < keys.size(); i++) {
            g.add(Widgets.text(m.get(keys.get(i)), "hint"), 0, i);
            g.add(fields.get(i), 1, i);
        }
        return g;
    }
}
