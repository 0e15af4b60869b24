package org.tongban.devices.simulation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.DeviceState;
import org.tongban.devices.DriverCatalog;
import org.tongban.devices.camera.Camera;
import org.tongban.devices.idcard.IdCardReader;
import org.tongban.devices.printer.DocumentPrinter;
import org.tongban.devices.printer.PrintJob;
import org.tongban.devices.printer.Receipt;
import org.tongban.devices.printer.ReceiptPrinter;
import org.tongban.devices.qr.QrScanner;
import org.tongban.devices.scanner.DocumentScanner;
import org.tongban.devices.scanner.ScanRequest;
import org.tongban.devices.smartcard.SmartCardReader;

/** The cable and the scripted failure behave the same on all seven simulators. */
class SimulatedDeviceTest {

    private static final Duration SHORT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private SimulatedDevice simulator(DeviceClass c) throws DeviceException {
        return (SimulatedDevice) Simulators.registerAll(new DriverCatalog()).create(new DeviceSpec("dev", c,
                Simulators.DRIVER, null, Map.of("outputDir", dir.toString()), true));
    }

    /** One operation of each device class, the kind a scripted failure stops. */
    private static void operate(SimulatedDevice d) throws DeviceException {
        switch (d.deviceClass()) {
            case ID_CARD_READER -> ((IdCardReader) d).read(SHORT);
            case SMART_CARD_READER -> ((SmartCardReader) d).connect(SHORT);
            case CAMERA -> ((Camera) d).capture(SHORT);
            case DOCUMENT_PRINTER -> ((DocumentPrinter) d).print(new PrintJob("j", "t", new byte[] {'%'}, 1, 1), SHORT);
            case RECEIPT_PRINTER -> ((ReceiptPrinter) d).print(Receipt.builder("r").title("t").build(), SHORT);
            case DOCUMENT_SCANNER -> ((DocumentScanner) d).scan(ScanRequest.document(), SHORT);
            case QR_SCANNER -> ((QrScanner) d).read(SHORT);
        }
    }

    @ParameterizedTest
    @EnumSource(DeviceClass.class)
    void anUnpluggedSimulatorDoesNotOpenAndAClosedOneStaysClosed(DeviceClass c) throws Exception {
        SimulatedDevice d = simulator(c);
        d.unplug();
        assertThat(d.stateDetail(), is("closed"));

        DeviceException e = assertThrows(DeviceException.class, d::open);
        assertThat(e.reason(), is(DeviceException.Reason.OFFLINE));

        d.plugIn();
        d.openClaimEnable(SHORT);
        try {
            assertThat(d.state(), is(DeviceState.ONLINE));
        } finally {
            d.close();
        }
    }

    @ParameterizedTest
    @EnumSource(DeviceClass.class)
    void theCableTakesAnOpenSimulatorOfflineAndBack(DeviceClass c) throws Exception {
        SimulatedDevice d = simulator(c);
        d.openClaimEnable(SHORT);
        try {
            d.unplug();
            assertThat(d.state(), is(DeviceState.OFFLINE));
            assertThat(d.stateDetail(), containsString("unplugged"));
            assertThat(d.checkHealth().healthy(), is(false));
            assertThat(assertThrows(DeviceException.class, () -> operate(d)).reason(),
                    is(DeviceException.Reason.OFFLINE));

            d.plugIn();
            assertThat(d.state(), is(DeviceState.ONLINE));
            assertThat(d.checkHealth().healthy(), is(true));
        } finally {
            d.close();
        }
    }

    @ParameterizedTest
    @EnumSource(DeviceClass.class)
    void aScriptedFailureStopsTheNextOperationOnce(DeviceClass c) throws Exception {
        SimulatedDevice d = simulator(c);
        d.openClaimEnable(SHORT);
        try {
            d.failNext(new DeviceException(DeviceException.Reason.PROTOCOL, "scripted for " + c));
            DeviceException e = assertThrows(DeviceException.class, () -> operate(d));
            assertThat(e.getMessage(), is("scripted for " + c));
            assertThat(d.state(), is(DeviceState.ONLINE));
        } finally {
            d.close();
        }
    }
}
