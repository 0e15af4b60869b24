package org.tongban.kiosk.shell;

import java.util.concurrent.ForkJoinPool;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.tongban.kiosk.admin.Maintenance;
import org.tongban.kiosk.i18n.Messages;

/** The technician's PIN on a large keypad: dots for the digits typed, never the digits. */
final class PinPadView {

    private PinPadView() {
    }

    static Node build(Maintenance mode, Messages m) {
        Label dots = Widgets.text("●".repeat(mode.pinLength()), "prompt");
        dots.setId("pin-dots");
        dots.setAccessibleText(m.get("maint.pin.digits", mode.pinLength()));
        Maintenance.Prompt p = mode.prompt();
        Label prompt = Widgets.text(m.get(p.key(), p.arg() instanceof java.time.Instant i
                ? java.time.LocalTime.ofInstant(i, java.time.ZoneId.systemDefault()).withNano(0) : p.arg()), "hint");
        prompt.setId("pin-prompt");
        GridPane keys = new GridPane();
        keys.setHgap(16);
        keys.setVgap(16);
        keys.setAlignment(Pos.CENTER);
        for (int d = 1; d <= 9; d++) {
            keys.add(key(d, mode), (d - 1) % 3, (d - 1) / 3);
        }
        keys.add(Widgets.button("pin-clear", m.get("maint.pin.clear"), mode::clearPin), 0, 3);
        keys.add(key(0, mode), 1, 3);
        // The check is a slow hash on purpose: off the screen's thread, so the keypad never stalls.
        keys.add(Widgets.primary("pin-ok", m.get("maint.pin.ok"), () -> mode.submitPin(ForkJoinPool.commonPool())),
                2, 3);
        keys.getChildren().forEach(n -> n.getStyleClass().add("pin-key"));
        VBox box = new VBox(30, Widgets.title(m.get("maint.pin.title")), dots, prompt, keys,
                Widgets.button("pin-cancel", m.get("maint.leave"), mode::leave));
        box.setAlignment(Pos.CENTER);
        box.setId("pinPad");
        box.getStyleClass().add("page");
        return box;
    }

    private static Button key(int d, Maintenance mode) {
        Button b = Widgets.button("pin-" + d, String.valueOf(d), () -> mode.digit(d));
        b.setAccessibleText(String.valueOf(d));
        return b;
    }
}
