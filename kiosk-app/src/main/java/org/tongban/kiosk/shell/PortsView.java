package org.tongban.kiosk.shell;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.tongban.kiosk.admin.PortDiscovery;
import org.tongban.kiosk.admin.Workbench;
import org.tongban.kiosk.i18n.Messages;

/** The machine's serial ports, what answers on each, and one touch to give a port to a device. */
final class PortsView {

    private PortsView() {
    }

    static Node build(Workbench wb, Messages m) {
        VBox rows = new VBox(16);
        Label result = Widgets.text("", "hint");
        result.setId("ports-result");
        Runnable probe = () -> {
            rows.getChildren().setAll(Widgets.text(m.get("maint.ports.probing"), "hint"));
            wb.later(() -> wb.ports().probeAll(), probes -> MaintenanceView.onFx(() -> {
                rows.getChildren().clear();
                for (int i = 0; i < probes.size(); i++) {
                    rows.getChildren().add(row(wb, m, probes.get(i), i, result));
                }
                if (probes.isEmpty()) {
                    rows.getChildren().add(Widgets.text(m.get("maint.ports.none"), "hint"));
                }
            }));
        };
        VBox box = new VBox(20, Widgets.title(m.get("maint.tab.ports")), Widgets.text(m.get("maint.ports.hint"), "hint"),
                Widgets.primary("ports-probe", m.get("maint.ports.probe"), probe), result, rows);
        box.setId("ports");
        box.getStyleClass().add("page");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static Node row(Workbench wb, Messages m, PortDiscovery.Probe p, int index, Label result) {
        String answer = p.answers().map(c -> m.get("maint.ports.answers", c.name())).orElse(m.get("maint.ports.silent"));
        VBox row = new VBox(8, Widgets.text(p.port(), "prompt"),
                Widgets.text(answer + (p.inUseBy() == null ? "" : "  " + m.get("maint.ports.inUse", p.inUseBy()))
                        + "  " + p.detail(), "hint"));
        row.setId("port-" + index);
        if (p.inUseBy() == null && p.answers().isPresent()) {
            FlowPane assign = new FlowPane(12, 12);
            for (String device : wb.devicesFitting(p)) {
                var b = Widgets.button("port-" + index + "-assign-" + device, m.get("maint.ports.assign", device),
                        () -> {
                            result.setText(m.get("maint.working"));
                            wb.later(() -> wb.assignPort(device, p.port()),
                                    o -> MaintenanceView.onFx(() -> result.setText(ConfigEditorView.describe(o, m))));
                        });
                b.setDisable(!wb.mode().mayChange());
                assign.getChildren().add(b);
            }
            row.getChildren().add(assign);
        }
        row.getStyleClass().add("maint-row");
        return row;
    }
}
