package org.tongban.devices;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.camera.Camera;
import org.tongban.devices.idcard.IdCardReader;
import org.tongban.devices.idcard.SimulatedIdCardReader;
import org.tongban.devices.printer.DocumentPrinter;
import org.tongban.devices.printer.ReceiptPrinter;
import org.tongban.devices.printer.SimulatedReceiptPrinter;
import org.tongban.devices.qr.QrScanner;
import org.tongban.devices.scanner.SimulatedDocumentScanner;
import org.tongban.devices.simulation.Simulators;

class DeviceRegistryTest {

    private static final Duration CLAIM = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private final DriverCatalog catalog = Simulators.registerAll(new DriverCatalog());
    private DeviceRegistry registry;

    @AfterEach
    void closeAll() {
        if (registry != null) {
            registry.close();
        }
    }

    private DeviceSpec spec(String name, DeviceClass deviceClass, boolean required, Map<String, String> options) {
        return new DeviceSpec(name, deviceClass, "simulated", null, options, required);
    }

    /** A whole terminal: one device of each class, all required except the scanner. */
    private List<DeviceSpec> terminal(Path a4Output) {
        return List.of(
                spec("idcard", DeviceClass.ID_CARD_READER, true, Map.of()),
                spec("sscard", DeviceClass.SMART_CARD_READER, true, Map.of()),
                spec("face", DeviceClass.CAMERA, true, Map.of()),
                spec("a4", DeviceClass.DOCUMENT_PRINTER, true, Map.of("outputDir", a4Output.toString())),
                spec("receipt", DeviceClass.RECEIPT_PRINTER, true, Map.of("outputDir", dir.resolve("r").toString())),
                spec("scanner", DeviceClass.DOCUMENT_SCANNER, false, Map.of()),
                spec("qr", DeviceClass.QR_SCANNER, true, Map.of()));
    }

    /** An A4 output "folder" that cannot be created, because a file is in the way. */
    private Path blockedFolder() throws IOException {
        return Files.writeString(dir.resolve("in-the-way"), "x").resolve("a4");
    }

    @Test
    void aTerminalOfSimulatorsStartsCompletely() throws Exception {
        registry = new DeviceRegistry(terminal(dir.resolve("a4")), catalog);
        registry.startAll(CLAIM);
        assertThat(registry.all().size(), is(7));
        assertThat(registry.all().stream().map(Device::lifecycle).toList(), everyItem(is(Lifecycle.ENABLED)));
        assertThat(registry.missingRequired(), is(empty()));
        assertThat(registry.health().stream().map(HealthReport::healthy).toList(), everyItem(is(true)));
    }

    @Test
    void aDeviceThatFailsToStartStaysListedWithTheReason() throws Exception {
        registry = new DeviceRegistry(terminal(blockedFolder()), catalog);
        registry.startAll(CLAIM);

        assertThat(registry.all().size(), is(7));
        Device a4 = registry.byName("a4").orElseThrow();
        assertThat(a4.lifecycle(), is(Lifecycle.CLOSED));
        assertThat(a4.state(), is(DeviceState.OFFLINE));
        HealthReport report = registry.health().stream().filter(r -> r.device().equals("a4")).findFirst().orElseThrow();
        assertThat(report.healthy(), is(false));
        assertThat(report.text(), containsString("did not start"));
        assertThat(report.text(), containsString("cannot use output folder"));
        assertThat(registry.missingRequired(), contains("a4"));
        // The others started regardless.
        assertThat(registry.byName("receipt").orElseThrow().lifecycle(), is(Lifecycle.ENABLED));
    }

    @Test
    void startingAgainRetriesTheFailedDeviceAndLeavesTheRunningOnesAlone() throws Exception {
        Path blocked = blockedFolder();
        registry = new DeviceRegistry(terminal(blocked), catalog);
        registry.startAll(CLAIM);
        EventRecorder idcardEvents = new EventRecorder();
        registry.byName("idcard").orElseThrow().addListener(idcardEvents);

        Files.delete(blocked.getParent()); // the technician moves the file out of the way
        registry.startAll(CLAIM);

        assertThat(registry.missingRequired(), is(empty()));
        assertThat(registry.byName("a4").orElseThrow().lifecycle(), is(Lifecycle.ENABLED));
        assertThat(registry.health().stream().map(HealthReport::text).toList(),
                everyItem(not(containsString("did not start"))));
        assertThat("the ID card reader was not restarted", idcardEvents.events(), is(empty()));
    }

    @Test
    void anOptionalDeviceDoesNotKeepTheTerminalClosed() throws Exception {
        registry = new DeviceRegistry(terminal(dir.resolve("a4")), catalog);
        registry.startAll(CLAIM);
        ((SimulatedDocumentScanner) registry.byName("scanner").orElseThrow()).unplug();
        assertThat(registry.missingRequired(), is(empty()));

        ((SimulatedReceiptPrinter) registry.byName("receipt").orElseThrow()).paperOut();
        assertThat(registry.missingRequired(), contains("receipt"));
    }

    @Test
    void firstFindsADeviceByItsInterface() throws Exception {
        List<DeviceSpec> specs = new ArrayList<>(terminal(dir.resolve("a4")));
        specs.add(spec("idcard2", DeviceClass.ID_CARD_READER, false, Map.of()));
        registry = new DeviceRegistry(specs, catalog);

        IdCardReader reader = registry.first(IdCardReader.class).orElseThrow();
        assertThat(reader.name(), is("idcard"));
        assertThat(reader, instanceOf(SimulatedIdCardReader.class));
        assertThat(registry.first(ReceiptPrinter.class).orElseThrow().name(), is("receipt"));
        assertThat(registry.first(DocumentPrinter.class).orElseThrow().name(), is("a4"));
        assertThat(registry.first(Camera.class).orElseThrow().deviceClass(), is(DeviceClass.CAMERA));

        DeviceRegistry small = new DeviceRegistry(List.of(spec("idcard", DeviceClass.ID_CARD_READER, true, Map.of())),
                catalog);
        assertThat(small.first(QrScanner.class).isPresent(), is(false));
        assertThat(small.byName("nope").isPresent(), is(false));
    }

    @Test
    void anUnknownDriverOrADuplicateNameFailsBeforeAnythingRuns() {
        DeviceException unknown = assertThrows(DeviceException.class, () -> new DeviceRegistry(
                List.of(new DeviceSpec("idcard", DeviceClass.ID_CARD_READER, "huada", "/dev/ttyUSB0", null, true)),
                catalog));
        assertThat(unknown.reason(), is(DeviceException.Reason.ILLEGAL_STATE));
        assertThat(unknown.getMessage(), containsString("known: [simulated]"));

        DeviceException twice = assertThrows(DeviceException.class, () -> new DeviceRegistry(List.of(
                spec("qr", DeviceClass.QR_SCANNER, true, Map.of()),
                spec("qr", DeviceClass.QR_SCANNER, true, Map.of())), catalog));
        assertThat(twice.getMessage(), containsString("two devices named qr"));
    }

    @Test
    void registryListenersHearEveryDeviceAndCloseStopsThemAll() throws Exception {
        registry = new DeviceRegistry(terminal(dir.resolve("a4")), catalog);
        EventRecorder recorder = new EventRecorder();
        registry.addListener(recorder);
        registry.startAll(CLAIM);
        List<String> started = recorder.of(StatusEvent.class).stream()
                .filter(e -> e.state() == DeviceState.ONLINE).map(StatusEvent::device).toList();
        assertThat(started.size(), is(7));
        assertThat(started, hasItem("qr"));
        assertThat(registry.spec("qr").deviceClass(), is(DeviceClass.QR_SCANNER));

        registry.close();
        assertThat(registry.all().stream().map(Device::lifecycle).toList(), everyItem(is(Lifecycle.CLOSED)));
    }

    @Test
    void aDeviceReplacedWithNewSettingsStartsAndKeepsTheListeners() throws Exception {
        registry = new DeviceRegistry(terminal(blockedFolder()), catalog);
        registry.startAll(CLAIM);
        assertThat(registry.missingRequired(), contains("a4"));
        List<DeviceEvent> heard = new ArrayList<>();
        registry.addListener(heard::add);
        Device before = registry.byName("a4").orElseThrow();

        Device after = registry.replace("a4", spec("a4", DeviceClass.DOCUMENT_PRINTER, true,
                Map.of("outputDir", dir.resolve("a4-fixed").toString())), CLAIM);

        assertThat(after == before, is(false));
        assertThat(before.lifecycle(), is(Lifecycle.CLOSED));
        assertThat(after.lifecycle(), is(Lifecycle.ENABLED));
        assertThat(registry.first(DocumentPrinter.class).orElseThrow() == after, is(true));
        assertThat(registry.missingRequired(), is(empty()));
        assertThat(registry.spec("a4").options().get("outputDir"), containsString("a4-fixed"));
        // The registry's listeners hear the new device, not the old one.
        assertThat(heard.stream().anyMatch(e -> e instanceof StatusEvent s && s.device().equals("a4")), is(true));

        // A bad replacement is kept with its reason, like a device that failed at start.
        registry.replace("a4", spec("a4", DeviceClass.DOCUMENT_PRINTER, true,
                Map.of("outputDir", blockedFolder().toString())), CLAIM);
        assertThat(registry.missingRequired(), contains("a4"));
        assertThat(registry.startFailure("a4").isPresent(), is(true));
        assertThrows(DeviceException.class, () -> registry.replace("a4", new DeviceSpec("a4",
                DeviceClass.DOCUMENT_PRINTER, "no-such-driver", null, Map.of(), true), CLAIM));
    }
}
