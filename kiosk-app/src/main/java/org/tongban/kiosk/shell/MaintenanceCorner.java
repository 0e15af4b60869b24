package org.tongban.kiosk.shell;

import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.tongban.kiosk.admin.Maintenance;

/**
 * The way into maintenance mode: a long press (three seconds) in the top right corner of the attract
 * (or out-of-service) screen, where nothing is drawn. A citizen's tap does nothing; a technician knows
 * to hold. It is not laid over the other screens, whose header has the citizen's exit button there.
 */
final class MaintenanceCorner {

    static final Duration HOLD = Duration.seconds(3);
    /** Width and height of the corner, in pixels: room for a fingertip, little for a stray tap. */
    static final double SIZE = 90;

    private MaintenanceCorner() {
    }

    static Node build(Maintenance mode) {
        Region corner = new Region();
        corner.setId("maintenanceCorner");
        corner.setPrefSize(SIZE, SIZE);
        corner.setMaxSize(SIZE, SIZE);
        corner.setFocusTraversable(false); // not a citizen's control: keyboards and screen readers skip it
        corner.getStyleClass().add("maintenance-corner");
        StackPane.setAlignment(corner, Pos.TOP_RIGHT);
        PauseTransition hold = new PauseTransition(HOLD);
        hold.setOnFinished(e -> mode.requestEntry());
        corner.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> hold.playFromStart());
        corner.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> hold.stop());
        corner.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hold.stop());
        return corner;
    }
}
