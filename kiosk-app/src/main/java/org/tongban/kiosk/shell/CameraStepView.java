package org.tongban.kiosk.shell;

import java.io.ByteArrayInputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import org.tongban.devices.DataEvent;
import org.tongban.devices.DeviceListener;
import org.tongban.devices.camera.Frame;
import org.tongban.kiosk.flow.FaceStep;
import org.tongban.kiosk.i18n.Messages;

/**
 * The face step: the live preview at the camera's rate and the guidance line. Frames are decoded off the
 * FX thread, only the newest is shown (a slow screen skips frames, never queues them), and the view lets go
 * of the camera when it leaves the screen.
 */
final class CameraStepView {

    private CameraStepView() {
    }

    /** @param beside shown beside the live picture (what to do, as a picture), the words under both */
    static Node build(FaceStep step, Messages m, Node beside) {
        ImageView preview = new ImageView();
        preview.setId("cameraPreview");
        preview.setFitWidth(640);
        preview.setFitHeight(480);
        preview.setPreserveRatio(true);
        preview.getStyleClass().add("camera-preview");
        preview.setAccessibleText(m.get("flow.face"));
        Label guidance = Widgets.text(m.get(step.guidance()), "prompt");
        guidance.setId("faceGuidance");
        guidance.setAccessibleText(m.get(step.guidance()));
        Label hint = Widgets.text(m.get("flow.face.hint"), "hint");
        javafx.scene.layout.HBox pictures = new javafx.scene.layout.HBox(32, beside, preview);
        pictures.setAlignment(Pos.CENTER);
        VBox box = new VBox(16, pictures, guidance, hint);
        box.setAlignment(Pos.CENTER);
        box.setId("cameraStep");

        ExecutorService decoder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "preview-decoder");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<Frame> newest = new AtomicReference<>();
        AtomicBoolean shownPending = new AtomicBoolean();
        DeviceListener frames = e -> {
            if (e instanceof DataEvent<?> d && d.data() instanceof Frame f && newest.getAndSet(f) == null) {
                try {
                    decoder.execute(() -> {
                        Frame latest = newest.getAndSet(null);
                        if (latest == null || shownPending.get()) {
                            return;
                        }
                        Image image = new Image(new ByteArrayInputStream(latest.image()));
                        shownPending.set(true);
                        Platform.runLater(() -> {
                            preview.setImage(image);
                            shownPending.set(false);
                        });
                    });
                } catch (RejectedExecutionException viewGone) {
                    newest.set(null);
                }
            }
        };
        step.camera().addListener(frames);
        step.addListener(s -> Platform.runLater(() -> {
            guidance.setText(m.get(s.guidance()));
            guidance.setAccessibleText(m.get(s.guidance()));
        }));
        // Off the screen: stop decoding and drop the last picture of the face.
        box.sceneProperty().addListener((obs, was, now) -> {
            if (now == null) {
                step.camera().removeListener(frames);
                decoder.shutdownNow();
                preview.setImage(null);
            }
        });
        return box;
    }
}
