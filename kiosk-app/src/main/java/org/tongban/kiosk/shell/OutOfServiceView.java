package org.tongban.kiosk.shell;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.VBox;
import org.tongban.kiosk.i18n.Messages;
import org.tongban.kiosk.status.TerminalStatus;

/** Shown instead of the attract screen while the terminal serves no one: why, and where to go instead. */
final class OutOfServiceView {

    private OutOfServiceView() {
    }

    static Node build(TerminalStatus.OutOfService why, Messages m) {
        VBox box = new VBox(40,
                Widgets.text(m.get("app.name"), "brand"),
                Widgets.title(m.get("outOfService.title")),
                Widgets.text(m.get(why.locked() ? "outOfService.locked" : "outOfService.device"), "prompt"),
                Widgets.text(m.get("outOfService.elsewhere"), "hint"));
        if (why.locked() && !why.platformMessage().isBlank()) {
            // The operations desk's own words (e.g. which counter to use), in whatever language they wrote.
            box.getChildren().add(Widgets.text(why.platformMessage(), "hint"));
        }
        box.setId("outOfService");
        box.getStyleClass().add("attract");
        box.setAlignment(Pos.CENTER);
        box.setAccessibleText(m.get("outOfService.title"));
        return box;
    }
}
