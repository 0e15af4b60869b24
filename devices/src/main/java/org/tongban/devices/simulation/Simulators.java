package org.tongban.devices.simulation;

import java.nio.file.Path;
import java.time.Duration;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.DriverCatalog;
import org.tongban.devices.camera.SimulatedCamera;
import org.tongban.devices.idcard.SimulatedIdCardReader;
import org.tongban.devices.printer.SimulatedDocumentPrinter;
import org.tongban.devices.printer.SimulatedReceiptPrinter;
import org.tongban.devices.qr.SimulatedQrScanner;
import org.tongban.devices.scanner.SimulatedDocumentScanner;
import org.tongban.devices.smartcard.SimulatedSmartCardReader;

/**
 * Registers the simulator twin of every device class as the driver {@value #DRIVER}, so a terminal
 * (demo mode, a developer's laptop, an end-to-end test) can run without any hardware.
 *
 * <p>Options a technician may set in {@code devices.yaml}:
 * <ul>
 *   <li>document printer: {@code outputDir} (where PDFs land), {@code sheets} (paper in the tray, default 500)</li>
 *   <li>receipt printer: {@code outputDir} (where receipts land as text)</li>
 *   <li>camera: {@code width}, {@code height} (default 320 x 240), {@code mediaType} ({@code image/png} or
 *       {@code image/jpeg}), {@code previewIntervalMs} (default 200)</li>
 * </ul>
 * An output folder that is not set is {@code <output root>/<device name>}: on a terminal a private folder inside
 * its data folder ({@link #registerAll(DriverCatalog, Path)}); for tests and tools without one,
 * {@code <java.io.tmpdir>/tongban-simulated-<user>}. The printers create it, and refuse one others can enter.
 */
public final class Simulators {

    public static final String DRIVER = "simulated";

    private Simulators() {
    }

    /** {@link #registerAll(DriverCatalog, Path)} with printers' output under the temporary directory. */
    public static DriverCatalog registerAll(DriverCatalog catalog) {
        return registerAll(catalog, Path.of(System.getProperty("java.io.tmpdir"),
                "tongban-simulated-" + System.getProperty("user.name")));
    }

    /**
     * Adds the simulated driver for all seven device classes to {@code catalog} and returns it.
     *
     * @param outputRoot where simulated printers without an {@code outputDir} option write, one folder each
     */
    public static DriverCatalog registerAll(DriverCatalog catalog, Path outputRoot) {
        return catalog
                .register(DeviceClass.ID_CARD_READER, DRIVER, spec -> new SimulatedIdCardReader(spec.name()))
                .register(DeviceClass.SMART_CARD_READER, DRIVER, spec -> new SimulatedSmartCardReader(spec.name()))
                .register(DeviceClass.CAMERA, DRIVER, Simulators::camera)
                .register(DeviceClass.DOCUMENT_PRINTER, DRIVER, spec ->
                        new SimulatedDocumentPrinter(spec.name(), outputDir(spec, outputRoot),
                                intOption(spec, "sheets", 500)))
                .register(DeviceClass.RECEIPT_PRINTER, DRIVER, spec ->
                        new SimulatedReceiptPrinter(spec.name(), outputDir(spec, outputRoot)))
                .register(DeviceClass.DOCUMENT_SCANNER, DRIVER, spec -> new SimulatedDocumentScanner(spec.name()))
                .register(DeviceClass.QR_SCANNER, DRIVER, spec -> new SimulatedQrScanner(spec.name()));
    }

    private static SimulatedCamera camera(DeviceSpec spec) throws DeviceException {
        int width = intOption(spec, "width", 320);
        int height = intOption(spec, "height", 240);
        String mediaType = spec.option("mediaType", SimulatedCamera.PNG);
        Duration interval = Duration.ofMillis(intOption(spec, "previewIntervalMs", 200));
        try {
            SimulatedCamera camera = new SimulatedCamera(spec.name(), width, height, mediaType, interval);
            String clip = spec.options().get("clip");
            if (clip != null) {
                camera.playClip(clip); // an MJPEG .avi or an image sequence played in a loop
            }
            return camera;
        } catch (IllegalArgumentException e) {
            throw badOption(spec, e.getMessage());
        }
    }

    private static Path outputDir(DeviceSpec spec, Path outputRoot) throws DeviceException {
        String configured = spec.options().get("outputDir");
        if (configured == null) {
            return outputRoot.resolve(spec.name());
        }
        try {
            return Path.of(configured);
        } catch (java.nio.file.InvalidPathException e) {
            throw badOption(spec, "outputDir is not a usable path: " + e.getMessage());
        }
    }

    private static int intOption(DeviceSpec spec, String key, int fallback) throws DeviceException {
        String value = spec.options().get(key);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0) {
                throw badOption(spec, key + " must not be negative, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw badOption(spec, key + " must be a whole number, got '" + value + "'");
        }
    }

    /** A configuration mistake, reported like an unknown driver: before anything runs. */
    private static DeviceException badOption(DeviceSpec spec, String problem) {
        return new DeviceException(DeviceException.Reason.ILLEGAL_STATE,
                spec.name() + " (" + DRIVER + " " + spec.deviceClass() + "): " + problem);
    }
}
