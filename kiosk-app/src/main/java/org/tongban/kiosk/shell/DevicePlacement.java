package org.tongban.kiosk.shell;

import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Places a device's picture on the side of the screen where that device is on this terminal ({@code screen.
 * readerPosition} and {@code trayPosition} in kiosk.yaml: bottom-left, bottom-right or below-screen), with an
 * arrow pointing at it: the citizen looks where the picture is, and finds the device there.
 */
final class DevicePlacement {

    static final String BOTTOM_LEFT = "bottom-left";
    static final String BOTTOM_RIGHT = "bottom-right";

    private DevicePlacement() {
    }

    /** A row across the page with {@code picture} at the {@code position} side (centred for below-screen). */
    static Node place(Node picture, String position) {
        Group arrow = Picture.load("arrow");
        HBox row = new HBox(16);
        row.setId("devicePlacement");
        row.getStyleClass().addAll("device-placement", "at-" + position);
        row.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(row, Priority.ALWAYS);
        switch (position) {
            case BOTTOM_LEFT -> {
                arrow.setRotate(45); // pointing down and to the left
                row.getChildren().addAll(arrow, picture);
                row.setAlignment(Pos.BOTTOM_LEFT);
            }
            case BOTTOM_RIGHT -> {
                arrow.setRotate(-45);
                row.getChildren().addAll(picture, arrow);
                row.setAlignment(Pos.BOTTOM_RIGHT);
            }
            default -> { // below the screen: under the picture, pointing down
                VBox column = new VBox(8, picture, arrow);
                column.setAlignment(Pos.BOTTOM_CENTER);
                row.getChildren().add(column);
                row.setAlignment(Pos.BOTTOM_CENTER);
            }
        }
        return row;
    }
}
