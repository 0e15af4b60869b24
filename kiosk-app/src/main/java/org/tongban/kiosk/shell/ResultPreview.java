package org.tongban.kiosk.shell;

import java.io.ByteArrayInputStream;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
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
    private static final double LOW_HEIGHT = 420;

    private ResultPreview() {
    }

    static Node build(ServiceFlow flow, Messages m, boolean low) {
        ImageView page = new ImageView();
        page.setId("pagePreview");
        page.setPreserveRatio(true);
        page.setFitHeight(low ? LOW_HEIGHT : HEIGHT);
        page.getStyleClass().add("page-preview");
        page.setAccessibleText(m.get("flow.result.preview"));
        Label caption = Widgets.text(m.get("flow.result.preview.making"), "hint");
        caption.setId("pagePreviewCaption");
        VBox box = new VBox(12, page, caption);
        box.setId("resultPreview");
        box.setAlignment(Pos.TOP_CENTER);
        box.setMinWidth(HEIGHT / Math.sqrt(2));
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
