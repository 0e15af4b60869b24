package org.tongban.kiosk.shell;

import java.io.ByteArrayInputStream;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.i18n.Messages;

/**
 * The certificate as it will print: the first page of the very document the printer gets, rendered off the
 * screen's thread ({@link ServiceFlow#printPreview}); the words say it is coming meanwhile.
 */
final class ResultPreview {

    /** The page's height on the screen: an A4 page is √2 times as tall as wide. */
    private static final double HEIGHT = 560;
    /** Portrait, and elderly mode (its larger words need the room): smaller. */
    private static final double SMALL_HEIGHT = 420;

    private ResultPreview() {
    }

    static Node build(ServiceFlow flow, Messages m, boolean small) {
        double height = small ? SMALL_HEIGHT : HEIGHT;
        ImageView page = new ImageView();
        page.setId("pagePreview");
        page.setPreserveRatio(true);
        page.setFitHeight(height);
        page.setAccessibleText(m.get("flow.result.preview"));
        // a sheet of the page's size from the start: the picture arrives into it without moving the screen
        StackPane sheet = new StackPane(page);
        sheet.getStyleClass().add("page-preview");
        sheet.setMinSize(height / Math.sqrt(2), height);
        sheet.setMaxSize(height / Math.sqrt(2), height);
        Label caption = Widgets.text(m.get("flow.result.preview.making"), "hint");
        caption.setId("pagePreviewCaption");
        caption.setMaxWidth(height / Math.sqrt(2));
        VBox box = new VBox(12, sheet, caption);
        box.setId("resultPreview");
        box.setAlignment(Pos.TOP_CENTER);
        flow.printPreview().whenComplete((png, failed) -> {
            // decoded here, on the flow's thread; the screen only takes the finished picture
            Image picture = failed == null ? new Image(new ByteArrayInputStream(png)) : null;
            Platform.runLater(() -> {
                if (picture == null || picture.isError()) {
                    caption.setText(m.get("flow.result.preview.none"));
                } else {
                    page.setImage(picture);
                    caption.setText(m.get("flow.result.preview"));
                }
            });
        });
        return box;
    }
}
