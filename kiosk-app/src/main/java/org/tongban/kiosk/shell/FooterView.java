package org.tongban.kiosk.shell;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.flow.Stage;
import org.tongban.kiosk.i18n.Messages;
import org.tongban.kiosk.status.TerminalStatus;

/**
 * The footer: during a visit, the time left on this screen ("剩余操作时间 NN 秒", standing still while the
 * machine works) and 首页 / 返回 as large buttons bottom right; always, small, the platform and device state,
 * the terminal's number and the help line.
 */
final class FooterView {

    private FooterView() {
    }

    /** Whether "back" means something here: not on home, not once the item is done or being left. */
    static boolean backOffered(Navigator nav) {
        if (nav.screen() == Navigator.Screen.HOME || nav.screen() == Navigator.Screen.ATTRACT) {
            return false;
        }
        ServiceFlow f = nav.flow().orElse(null);
        return f == null || (f.state().stage() != Stage.DONE && !f.leaving());
    }

    /** The time-left words for {@code seconds}; while the machine works it says so instead of counting. */
    static String timeLeft(Messages m, int seconds, boolean paused) {
        return paused ? m.get("footer.paused") : m.get("footer.timeLeft", seconds);
    }

    /**
     * The whole footer: wide, one band (the states small on the left, the time left, home and back large on the
     * right); low, the visit's row over the states. {@code timeLeft} is updated in place by the shell's ticker.
     */
    static Node build(Navigator nav, TerminalStatus status, Messages m, String terminalId, boolean low, Label timeLeft) {
        boolean visiting = nav.screen() != Navigator.Screen.ATTRACT;
        Node states = status(status, m, terminalId, low);
        VBox footer = new VBox();
        footer.setId("footer");
        if (!visiting) {
            footer.getChildren().add(bar(states));
            return footer;
        }
        HBox visit = visit(nav, m, timeLeft);
        if (low) {
            footer.getChildren().addAll(visit, bar(states));
        } else {
            HBox.setHgrow(states, Priority.ALWAYS);
            visit.getChildren().add(0, states);
            footer.getChildren().add(bar(visit));
        }
        return footer;
    }

    private static Node bar(Node content) {
        content.getStyleClass().add("status-bar");
        return content;
    }

    /** The visit's row: time left, then home and back at the right. */
    static HBox visit(Navigator nav, Messages m, Label timeLeft) {
        timeLeft.getStyleClass().setAll("label", "footer-time");
        timeLeft.setId("timeLeft");
        if (timeLeft.getGraphic() == null) {
            timeLeft.setGraphic(Icons.icon(MaterialDesignT.TIMER_OUTLINE));
        }
        timeLeft.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(24, timeLeft);
        row.getChildren().add(Icons.button("home", MaterialDesignH.HOME, m.get("nav.home"), nav::home));
        if (backOffered(nav)) {
            row.getChildren().add(Icons.button("back", MaterialDesignA.ARROW_LEFT, m.get("nav.back"), nav::back));
        }
        row.getChildren().stream().skip(1).forEach(n -> n.getStyleClass().add("footer-nav"));
        row.setAlignment(Pos.CENTER_RIGHT);
        row.setId("visitBar");
        return row;
    }

    /** Platform and devices, then terminal number and help, small: two short lines (one each on a narrow screen). */
    static Pane status(TerminalStatus status, Messages m, String terminalId, boolean low) {
        Label platform = Widgets.text(m.get(status.platformOnline() ? "status.online" : "status.offline"),
                status.platformOnline() ? "status-ok" : "status-bad");
        platform.setId("statusPlatform");
        List<Node> states = new ArrayList<>(List.of(platform));
        for (TerminalStatus.DeviceNotice n : status.notices()) {
            Label l = Widgets.text(m.get("device." + n.deviceClass() + "." + n.state()), "status-bad");
            l.setId("notice-" + n.device());
            states.add(l);
        }
        Label help = Widgets.text(m.get("status.help"), "status-help");
        FlowPane about = new FlowPane(30, 4);
        if (terminalId != null) {
            Label number = Widgets.text(m.get("footer.terminal", terminalId), "status-help");
            number.setId("terminalNumber");
            about.getChildren().add(number);
        }
        about.getChildren().add(help);
        Pane bar;
        if (low) {
            bar = new VBox(6);
            bar.getChildren().addAll(states);
            bar.getChildren().add(about);
        } else {
            FlowPane top = new FlowPane(30, 4);
            top.getChildren().addAll(states);
            bar = new VBox(4, top, about);
        }
        bar.setId("statusBar");
        return bar;
    }
}
