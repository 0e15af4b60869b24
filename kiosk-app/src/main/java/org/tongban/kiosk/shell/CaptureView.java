package org.tongban.kiosk.shell;

import java.io.ByteArrayInputStream;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.tongban.kiosk.flow.CaptureStep;
import org.tongban.kiosk.flow.FlowState;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.i18n.Messages;

/** The capture step: the pages taken so far as thumbnails, each with retake and remove; take page; done. */
final class CaptureView {

    /**
     * A page's thumbnail fits this box, proportions kept: a corrected A4 page is √2 times as tall as wide, and
     * the capture screen must still fit a portrait panel in elderly mode with its status bar.
     */
    private static final double THUMB_WIDTH = 180;
    private static final double THUMB_HEIGHT = 190;

    private CaptureView() {
    }

    static Node build(ServiceFlow flow, FlowState s, Messages m, HBox actions) {
        Label prompt = Widgets.text(m.get(s.message()), "prompt");
        prompt.setId("capturePrompt");
        prompt.setAccessibleText(m.get(s.message()));
        FlowPane pages = new FlowPane(16, 16);
        pages.setId("capturedPages");
        CaptureStep capture = flow.capture().orElse(null);
        int count = capture == null ? 0 : capture.pages();
        for (int i = 0; i < count; i++) {
            int index = i;
            ImageView thumb = new ImageView(new Image(new ByteArrayInputStream(capture.page(i)), THUMB_WIDTH, THUMB_HEIGHT, true,
                    true));
            thumb.setAccessibleText(m.get("flow.capture.page", i + 1));
            Button retake = Widgets.button("retake-" + (i + 1), m.get("flow.capture.retake"), () -> flow.retakePage(index));
            retake.setAccessibleText(m.get("flow.capture.retake") + " " + m.get("flow.capture.page", i + 1));
            Button remove = Widgets.button("remove-" + (i + 1), m.get("flow.capture.remove"), () -> flow.removePage(index));
            remove.setAccessibleText(m.get("flow.capture.remove") + " " + m.get("flow.capture.page", i + 1));
            // the page's two buttons side by side: a column of them pushed the footer off an elderly-mode screen
            VBox card = new VBox(16, thumb, Widgets.text(m.get("flow.capture.page", i + 1), "hint"),
                    new HBox(16, retake, remove));
            card.getStyleClass().add("captured-page");
            pages.getChildren().add(card);
        }
        Button take = Widgets.primary("takePage", m.get("flow.capture.take"), flow::capturePage);
        take.setAccessibleText(m.get("flow.capture.take"));
        actions.getChildren().add(take);
        if (count > 0) {
            Button done = Widgets.primary("captureDone", m.get("flow.capture.done"), flow::finishCapture);
            done.setAccessibleText(m.get("flow.capture.done") + ", " + m.get("flow.capture.count", count));
            actions.getChildren().add(done);
        }
        return new VBox(16, prompt, pages);
    }
}
