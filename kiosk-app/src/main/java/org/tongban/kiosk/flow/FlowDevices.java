package org.tongban.kiosk.flow;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.tongban.devices.camera.Camera;
import org.tongban.devices.qr.QrScanner;
import org.tongban.devices.scanner.DocumentScanner;
import org.tongban.devices.vision.FaceGate;

/**
 * The devices and vision parts the {@code verifyFace}, {@code capture} and {@code license} steps use.
 *
 * @param faceCamera the camera facing the citizen (device {@code camera})
 * @param documentCamera the camera over the document tray (device {@code doccam}), preferred for capture
 * @param faceGates a new quality gate for each face step (native models are not shared between threads);
 *        throws IllegalArgumentException when its model files are missing
 * @param verifier the platform's identity check
 * @param faceTimeout how long a citizen has to pass the gate and the liveness challenge
 * @param maxPdfBytes the size limit of the captured pages' PDF
 */
public record FlowDevices(Optional<Camera> faceCamera, Optional<Camera> documentCamera,
                          Optional<DocumentScanner> scanner, Optional<QrScanner> qrScanner,
                          Supplier<FaceGate> faceGates, FaceStep.Verifier verifier, Duration faceTimeout,
                          int maxPdfBytes) {

    /** A kiosk without cameras, scanner or QR scanner: the steps that need them say so. */
    public static FlowDevices none() {
        return new FlowDevices(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                () -> {
                    throw new IllegalArgumentException("no face camera configured");
                }, (a, f, l) -> {
                    throw new IllegalStateException("no identity verification configured");
                }, Duration.ofSeconds(45), 4 << 20);
    }
}
