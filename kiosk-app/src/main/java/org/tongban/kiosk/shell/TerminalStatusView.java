package org.tongban.kiosk.shell;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.scene.Node;
import javafx.scene.layout.VBox;
import org.tongban.kiosk.admin.Workbench;
import org.tongban.kiosk.i18n.Messages;

/** The terminal's state at a glance: platform, outbox, versions, disk, memory, uptime, last heartbeat. */
final class TerminalStatusView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private TerminalStatusView() {
    }

    static Node build(Workbench wb, Messages m) {
        VBox lines = new VBox(12, Widgets.text(m.get("maint.loading"), "hint"));
        Runnable refresh = () -> wb.later(() -> wb.status().now(), s -> MaintenanceView.onFx(() -> {
            lines.getChildren().setAll(
                    line("st-platform", m.get("maint.st.platform", s.platformState(), time(s.platformSince()),
                            s.platformError() == null ? "" : s.platformError())),
                    line("st-outbox", m.get("maint.st.outbox", s.outboxPending(), age(s.oldestPending()),
                            s.outboxRejected()) + (s.outboxProblem() == null ? "" : "  " + s.outboxProblem())),
                    line("st-versions", m.get("maint.st.versions", s.softwareVersion(), s.configVersion(),
                            s.catalogVersion())),
                    line("st-disk", m.get("maint.st.disk", s.diskFreeMiB())),
                    line("st-memory", m.get("maint.st.memory", s.memoryUsedMiB(), s.memoryMaxMiB())),
                    line("st-uptime", m.get("maint.st.uptime", age(s.uptime()))),
                    line("st-heartbeat", m.get("maint.st.heartbeat", time(s.lastHeartbeat()))));
        }));
        refresh.run();
        VBox box = new VBox(20, Widgets.title(m.get("maint.tab.status")),
                Widgets.button("st-refresh", m.get("maint.refresh"), refresh), lines);
        box.setId("terminalStatus");
        box.getStyleClass().add("page");
        return box;
    }

    private static Node line(String id, String text) {
        var l = Widgets.text(text, "prompt");
        l.setId(id);
        return l;
    }

    private static String time(Instant i) {
        return i == null ? "-" : TIME.format(i);
    }

    private static String age(Duration d) {
        if (d == null) {
            return "-";
        }
        long s = d.toSeconds();
        return s >= 86400 ? (s / 86400) + "d " + (s % 86400 / 3600) + "h"
                : s >= 3600 ? (s / 3600) + "h " + (s % 3600 / 60) + "m" : (s / 60) + "m " + (s % 60) + "s";
    }
}
