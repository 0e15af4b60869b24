package org.tongban.devices.simulation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.DriverCatalog;
import org.tongban.devices.camera.Frame;
import org.tongban.devices.camera.SimulatedCamera;
import org.tongban.devices.printer.PrintJob;
import org.tongban.devices.printer.SimulatedDocumentPrinter;
import org.tongban.devices.printer.SimulatedReceiptPrinter;

class SimulatorsTest {

    @TempDir
    Path dir;

    private final DriverCatalog catalog = Simulators.registerAll(new DriverCatalog());

    private Device create(DeviceClass deviceClass, Map<String, String> options) throws DeviceException {
        return catalog.create(new DeviceSpec("dev", deviceClass, "simulated", null, options, true));
    }

    @Test
    void everyDeviceClassHasASimulatorWhoseClassMatches() throws DeviceException {
        for (DeviceClass c : DeviceClass.values()) {
            assertThat(c + " has a simulator", catalog.knows(c, Simulators.DRIVER), is(true));
            Device device = create(c, Map.of("outputDir", dir.resolve(c.name()).toString()));
            assertThat(device.deviceClass(), is(c));
            assertThat(device.name(), is("dev"));
        }
    }

    @Test
    void theA4PrinterTakesItsFolderAndPaperFromTheOptions() throws Exception {
        Device device = create(DeviceClass.DOCUMENT_PRINTER, Map.of("outputDir", dir.toString(), "sheets", "3"));
        SimulatedDocumentPrinter printer = (SimulatedDocumentPrinter) device;
        assertThat(printer.outputDir(), is(dir));
        assertThat(printer.sheetsInTray(), is(3));
        printer.openClaimEnable(Duration.ofSeconds(1));
        try {
            printer.print(new PrintJob("job-1", "test", new byte[] {'%', 'P', 'D', 'F'}, 1, 1), Duration.ofSeconds(1));
            assertThat(Files.exists(dir.resolve("job-1.pdf")), is(true));
            assertThat(printer.sheetsInTray(), is(2));
        } finally {
            printer.close();
        }
    }

    @Test
    void printersWithoutAFolderWriteUnderTheTemporaryDirectory() throws DeviceException {
        Path expected = Path.of(System.getProperty("java.io.tmpdir"),
                "tongban-simulated-" + System.getProperty("user.name"), "dev");
        assertThat(((SimulatedReceiptPrinter) create(DeviceClass.RECEIPT_PRINTER, Map.of())).outputDir(), is(expected));
        SimulatedDocumentPrinter a4 = (SimulatedDocumentPrinter) create(DeviceClass.DOCUMENT_PRINTER, Map.of());
        assertThat(a4.outputDir(), is(expected));
        assertThat(a4.sheetsInTray(), is(500));
    }

    @Test
    void printedCertificatesLandInAPrivateFolderOfTheGivenRoot() throws Exception {
        Path root = dir.resolve("data/simulated");
        DriverCatalog terminal = Simulators.registerAll(new DriverCatalog(), root);
        SimulatedDocumentPrinter a4 = (SimulatedDocumentPrinter) terminal.create(
                new DeviceSpec("a4", DeviceClass.DOCUMENT_PRINTER, "simulated", null, Map.of(), true));
        a4.openClaimEnable(Duration.ofSeconds(1));
        try {
            a4.print(new PrintJob("job-1", "test", new byte[] {'%', 'P', 'D', 'F'}, 1, 1), Duration.ofSeconds(1));
        } finally {
            a4.close();
        }
        assertThat(Files.exists(root.resolve("a4/job-1.pdf")), is(true));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)), is("rwx------"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("a4"))), is("rwx------"));
    }

    @Test
    void anOutputFolderOthersCanEnterIsRefused() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        SimulatedReceiptPrinter printer = (SimulatedReceiptPrinter) create(DeviceClass.RECEIPT_PRINTER,
                Map.of("outputDir", open.toString()));
        DeviceException e = assertThrows(DeviceException.class, () -> printer.openClaimEnable(Duration.ofSeconds(1)));
        assertThat(e.getMessage(), containsString("is open to others (rwxr-xr-x)"));
        printer.close();
    }

    @Test
    void theCameraTakesItsFrameSizeAndFormatFromTheOptions() throws Exception {
        Device device = create(DeviceClass.CAMERA,
                Map.of("width", "64", "height", "48", "mediaType", "image/jpeg", "previewIntervalMs", "50"));
        assertThat(device, instanceOf(SimulatedCamera.class));
        SimulatedCamera camera = (SimulatedCamera) device;
        camera.openClaimEnable(Duration.ofSeconds(1));
        try {
            Frame frame = camera.capture(Duration.ofSeconds(1));
            assertThat(frame.width(), is(64));
            assertThat(frame.mediaType(), is("image/jpeg"));
        } finally {
            camera.close();
        }
    }

    @Test
    void aBadOptionIsAConfigurationErrorThatNamesTheDeviceAndTheOption() {
        DeviceException notANumber = assertThrows(DeviceException.class,
                () -> create(DeviceClass.DOCUMENT_PRINTER, Map.of("sheets", "lots")));
        assertThat(notANumber.reason(), is(DeviceException.Reason.ILLEGAL_STATE));
        assertThat(notANumber.getMessage(), containsString("sheets must be a whole number, got 'lots'"));
        assertThat(notANumber.getMessage(), containsString("dev"));

        DeviceException badFormat = assertThrows(DeviceException.class,
                () -> create(DeviceClass.CAMERA, Map.of("mediaType", "image/gif")));
        assertThat(badFormat.getMessage(), containsString("image/gif"));
        assertThrows(DeviceException.class, () -> create(DeviceClass.CAMERA, Map.of("width", "-1")));
    }

    @Test
    void eachCatalogGetsItsOwnDevices() throws DeviceException {
        DriverCatalog other = Simulators.registerAll(new DriverCatalog());
        DeviceSpec spec = new DeviceSpec("qr", DeviceClass.QR_SCANNER, "simulated", null, Map.of(), false);
        assertThat(catalog.create(spec) == other.create(spec), is(false));
        assertThat(catalog.create(spec) == catalog.create(spec), is(false));
    }
}
