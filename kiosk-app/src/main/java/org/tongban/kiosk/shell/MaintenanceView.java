package org.tongban.kiosk.shell;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.tongban.kiosk.admin.Maintenance;
import org.tongban.kiosk.admin.Workbench;
import org.tongban.kiosk.i18n.Messages;

/** Maintenance mode: the PIN keypad, then the technician's pages under a bar of tabs. */
final class MaintenanceView {

    private MaintenanceView() {
    }

    static Node build(Workbench wb, Messages m) {
        Maintenance mode = wb.mode();
        if (mode.role().isEmpty()) {
            return PinPadView.build(mode, m);
        }
        HBox tabs = new HBox(16,
                tab("maint-dashboard", m.get("maint.tab.dashboard"), mode, Maintenance.Page.DASHBOARD),
                tab("maint-ports", m.get("maint.tab.ports"), mode, Maintenance.Page.PORTS),
                tab("maint-config", m.get("maint.tab.config"), mode, Maintenance.Page.CONFIG),
                tab("maint-status", m.get("maint.tab.status"), mode, Maintenance.Page.STATUS),
                Widgets.text(m.get("maint.role." + mode.role().get()), "hint"),
                Widgets.button("maint-leave", m.get("maint.leave"), mode::leave));
        tabs.setAlignment(Pos.CENTER_LEFT);
        tabs.getStyleClass().add("header");
        BorderPane page = new BorderPane();
        page.setTop(tabs);
        page.setCenter(switch (mode.page()) {
            case DASHBOARD, PIN -> DeviceDashboardView.build(wb, m);
            case PORTS -> PortsView.build(wb, m);
            case CONFIG -> ConfigEditorView.build(wb, m);
            case STATUS -> TerminalStatusView.build(wb, m);
        });
        page.setId("maintenance");
        return page;
    }

    private static Node tab(String id, String text, Maintenance mode, Maintenance.Page p) {
        var b = mode.page() == p ? Widgets.primary(id, text, () -> mode.show(p)) : Widgets.button(id, text, () -> mode.show(p));
        b.setAccessibleText(text);
        return b;
    }

    /** Runs on the FX thread (results of background work come back from the maintenance worker). */
    static void onFx(Runnable r) {
        if (javafx.application.Platform.isFxApplicationThread()) {
            r.run();
        } else {
            javafx.application.Platform.runLater(r);
        }
    }
}
