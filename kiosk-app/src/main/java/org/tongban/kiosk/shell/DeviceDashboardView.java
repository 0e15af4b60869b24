package org.tongban.kiosk.shell;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.tongban.kiosk.admin.DeviceActions;
import org.tongban.kiosk.admin.Workbench;
import org.tongban.kiosk.i18n.Messages;

/** Every configured device: state, health, counters, last error; open/close/reset/test each. */
final class DeviceDashboardView {

    private DeviceDashboardView() {
    }

    static Node build(Workbench wb, Messages m) {
        VBox rows = new VBox(16);
        Label loading = Widgets.text(m.get("maint.loading"), "hint");
        rows.getChildren().add(loading);
        Runnable refresh = () -> wb.later(wb::dashboard, list -> MaintenanceView.onFx(() -> {
            rows.getChildren().clear();
            list.forEach(r -> rows.getChildren().add(row(wb, m, r)));
        }));
        refresh.run();
        VBox box = new VBox(20, Widgets.title(m.get("maint.tab.dashboard")),
                Widgets.button("dash-refresh", m.get("maint.refresh"), refresh), rows);
        box.setId("dashboard");
        box.getStyleClass().add("page");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static Node row(Workbench wb, Messages m, Workbench.DeviceRow r) {
        Label state = Widgets.text(r.state() + " / " + r.lifecycle(), r.healthy() ? "status-ok" : "status-bad");
        state.setId("dev-state-" + r.name());
        Label counts = Widgets.text(counts(r, m), "hint");
        counts.setId("dev-counts-" + r.name());
        Label result = Widgets.text("", "hint");
        result.setId("dev-result-" + r.name());
        VBox text = new VBox(4,
                Widgets.text(r.name() + "  " + r.deviceClass() + "  " + r.driver()
                        + (r.port() == null ? "" : " @ " + r.port()) + (r.required() ? "  " + m.get("maint.dev.required") : ""),
                        "prompt"),
                state,
                Widgets.text(r.health(), "hint"),
                counts,
                result);
        HBox actions = new HBox(12);
        for (DeviceActions.Action a : DeviceActions.Action.values()) {
            String id = "dev-" + a.name().toLowerCase(java.util.Locale.ROOT) + "-" + r.name();
            var button = Widgets.button(id, m.get("maint.dev." + a.name()), () -> {
                result.setText(m.get("maint.working"));
                wb.later(() -> wb.run(r.name(), a), res -> MaintenanceView.onFx(() -> {
                    result.setText((res.ok() ? "✓ " : "✗ ") + res.text());
                    result.getStyleClass().setAll("label", res.ok() ? "status-ok" : "status-bad");
                    wb.later(wb::dashboard, list -> list.stream().filter(x -> x.name().equals(r.name())).findFirst()
                            .ifPresent(x -> MaintenanceView.onFx(() -> {
                                state.setText(x.state() + " / " + x.lifecycle());
                                state.getStyleClass().setAll("label", x.healthy() ? "status-ok" : "status-bad");
                                counts.setText(counts(x, m)); // a test page or a card read counts at once
                            })));
                }));
            });
            // An operator tests and resets; opening and closing devices is a technician's.
            boolean changes = a == DeviceActions.Action.OPEN || a == DeviceActions.Action.CLOSE;
            button.setDisable(changes && !wb.mode().mayChange());
            actions.getChildren().add(button);
        }
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox row = new VBox(8, text, actions);
        row.setId("dev-" + r.name());
        row.getStyleClass().add("maint-row");
        return row;
    }

    private static String counts(Workbench.DeviceRow r, Messages m) {
        var c = r.counts();
        return m.get("maint.dev.counts", c.reads(), c.prints(), c.pages(), c.userErrors())
                + (c.lastError() == null ? "" : "  " + m.get("maint.dev.lastError", c.lastError(),
                java.time.LocalTime.ofInstant(c.lastErrorAt(), java.time.ZoneId.systemDefault()).withNano(0)));
    }
}
