package org.tongban.kiosk.flow;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.opencv.core.Mat;
import org.tongban.devices.DataEvent;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceListener;
import org.tongban.devices.camera.Camera;
import org.tongban.devices.camera.Frame;
import org.tongban.devices.qr.QrCode;
import org.tongban.devices.qr.QrScanner;
import org.tongban.devices.vision.OpenCv;
import org.tongban.devices.vision.QrDecoder;
import org.tongban.kiosk.platform.LicenseVerification;

/**
 * Waits for the citizen's e-license QR code: from the QR scanner when there is one, else from the camera's
 * frames. A code is only text to check: nothing in it is ever opened or followed.
 */
public final class LicenseStep {

    /** The contract's limit on a QR payload sent for verification. */
    static final int MAX_PAYLOAD = 4096;
    private static final Pattern URL = Pattern.compile("^(?i)([a-z][a-z0-9+.-]*://|www\\.).*", Pattern.DOTALL);

    private final Optional<QrScanner> scanner;
    private final Optional<Camera> camera;
    private final Consumer<String> onCode;
    private final AtomicBoolean waiting = new AtomicBoolean();
    private final AtomicBoolean decoding = new AtomicBoolean();
    /** A code shown while the last one was being checked: taken as soon as the step waits again. */
    private final AtomicReference<String> held = new AtomicReference<>();
    private final QrDecoder decoder;
    private final DeviceListener listener = e -> {
        if (e instanceof DataEvent<?> d) {
            if (d.data() instanceof QrCode c) {
                deliver(c.text());
            } else if (d.data() instanceof Frame f) {
                decode(f);
            }
        }
    };

    LicenseStep(Optional<QrScanner> scanner, Optional<Camera> camera, Consumer<String> onCode) {
        this.scanner = scanner;
        this.camera = scanner.isPresent() ? Optional.empty() : camera;
        this.onCode = onCode;
        this.decoder = this.camera.isPresent() ? new QrDecoder() : null;
    }

    boolean hasSource() {
        return scanner.isPresent() || camera.isPresent();
    }

    void start() throws DeviceException {
        waiting.set(true);
        scanner.ifPresent(s -> s.addListener(listener));
        if (camera.isPresent()) {
            camera.get().addListener(listener);
            camera.get().startPreview();
        }
    }

    void stop() {
        waiting.set(false);
        held.set(null);
        scanner.ifPresent(s -> s.removeListener(listener));
        camera.ifPresent(c -> {
            c.removeListener(listener);
            c.stopPreview();
        });
    }

    /**
     * Why a code is not worth sending to the platform, as a message key, or empty when it may be an e-license.
     * A web address, control characters or an overlong text are never an e-license.
     */
    static Optional<String> refusal(String text) {
        if (text.isBlank() || text.length() > MAX_PAYLOAD) {
            return Optional.of("flow.license.notLicense");
        }
        if (URL.matcher(text.strip()).matches()) {
            return Optional.of("flow.license.isLink");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            return Optional.of("flow.license.notLicense");
        }
        return Optional.empty();
    }

    /** The license number with only its first and last four characters shown. */
    public static String masked(LicenseVerification.License l) {
        String n = l.number() == null ? "" : l.number();
        if (n.length() <= 8) {
            return "*".repeat(n.length());
        }
        return n.substring(0, 4) + "*".repeat(n.length() - 8) + n.substring(n.length() - 4);
    }

    private void decode(Frame f) {
        if (!waiting.get() || !decoding.compareAndSet(false, true)) {
            return;
        }
        try {
            Mat m = OpenCv.decode(f.image());
            try {
                decoder.decode(m).ifPresent(this::deliver);
            } finally {
                m.release();
            }
        } finally {
            decoding.set(false);
        }
    }

    private void deliver(String text) {
        if (waiting.compareAndSet(true, false)) {
            onCode.accept(text);
        } else {
            held.set(text);
        }
    }

    /** Waits for the next code again (after a code that was refused); one shown meanwhile is taken now. */
    void again() {
        waiting.set(true);
        String next = held.getAndSet(null);
        if (next != null) {
            deliver(next);
        }
    }
}
