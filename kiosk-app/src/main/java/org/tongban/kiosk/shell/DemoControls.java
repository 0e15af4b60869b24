package org.tongban.kiosk.shell;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import org.tongban.kiosk.i18n.Messages;

/** The strip of simulator buttons shown in demo mode: place a card, empty the printer, stop the platform. */
public final class DemoControls {

    /** One button: its id, the message key of its label, and what it does to the simulators. */
    public record Action(String id, String messageKey, Runnable run) {
    }

    private DemoControls() {
    }

    public static Node build(List<Action> actions, Messages m) {
        HBox box = new HBox(12, Widgets.text(m.get("demo.label"), "demo-title"));
        for (Action a : actions) {
            box.getChildren().add(Widgets.button("demo-" + a.id(), m.get(a.messageKey()), a.run()));
        }
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("demo-controls");
        box.setId("demoControls");
        return box;
    }
}
