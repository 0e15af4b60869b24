package org.tongban.kiosk.admin;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceRegistry;
import org.tongban.devices.Lifecycle;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalEntry;
import org.tongban.kiosk.journal.JournalKind;

/** The configuration editor on a copy of the shipped files, with a registry of simulated devices. */
class ConfigEditorTest {

    private static final Path SHIPPED = Path.of("..", "config").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    private Path config;
    private DeviceRegistry registry;
    private Journal journal;
    private ConfigEditor editor;

    @BeforeEach
    void setUp() throws Exception {
        config = dir.resolve("config");
        Files.createDirectories(config);
        for (String f : List.of(ConfigLoader.KIOSK_FILE, ConfigLoader.DEVICES_FILE)) {
            Files.copy(SHIPPED.resolve(f), config.resolve(f));
        }
        registry = new DeviceRegistry(new ConfigLoader(Terminal.drivers()).load(config).devices(), Terminal.drivers());
        registry.startAll(Duration.ofSeconds(2));
        journal = Journal.open(dir.resolve("journal"), java.time.Clock.systemUTC(), ZoneOffset.UTC);
        editor = new ConfigEditor(config, Terminal.drivers(), registry, journal);
    }

    @AfterEach
    void tearDown() {
        registry.close();
        journal.close();
    }

    private String devices() throws Exception {
        return Files.readString(config.resolve(ConfigLoader.DEVICES_FILE));
    }

    @Test
    void aValueIsReplacedOnItsLineAndTheCommentsStay() throws Exception {
        String before = devices();
        String at = editor.devicePointer("receipt-printer", "port");
        ConfigEditor.Outcome o = editor.save(List.of(new ConfigEditor.Change(ConfigLoader.DEVICES_FILE, at, "/dev/ttyS7")),
                "tech-1");
        assertThat(o.problems(), empty());
        assertThat(o.saved(), is(true));
        String after = devices();
        assertThat(after, containsString("    port: /dev/ttyS7\n"));
        // Only that line differs: every comment a technician relies on is still there.
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        assertThat(b.size(), equalTo(a.size()));
        long differing = java.util.stream.IntStream.range(0, a.size()).filter(i -> !a.get(i).equals(b.get(i))).count();
        assertThat(differing, equalTo(1L));
        // The version before is kept; the change is journalled; the device runs with its new settings.
        assertThat(Files.readString(config.resolve("devices.yaml.previous")), equalTo(before));
        assertThat(o.applied(), contains("receipt-printer: ONLINE"));
        assertThat(registry.spec("receipt-printer").port(), equalTo("/dev/ttyS7"));
        List<JournalEntry> entries = journal.read(null, null);
        JournalEntry change = entries.get(entries.size() - 1);
        assertThat(change.kind(), equalTo(JournalKind.CONFIG_CHANGED));
        assertThat(change.details().get("from"), equalTo("/dev/ttyS1"));
        assertThat(change.details().get("to"), equalTo("/dev/ttyS7"));
        assertThat(change.details().get("by"), equalTo("tech-1"));
    }

    @Test
    void missingKeysAreAddedUnderTheirDevice() throws Exception {
        // The smart card reader has neither a port nor options in the shipped file.
        String port = editor.devicePointer("smartcard", "port");
        String poll = editor.devicePointer("smartcard", "options") + "/pollMs";
        ConfigEditor.Outcome o = editor.save(List.of(
                new ConfigEditor.Change(ConfigLoader.DEVICES_FILE, port, "Virtual PCD"),
                new ConfigEditor.Change(ConfigLoader.DEVICES_FILE, poll, "250")), "tech-1");
        assertThat(o.problems(), empty());
        assertThat(editor.value(ConfigLoader.DEVICES_FILE, port), equalTo("Virtual PCD"));
        assertThat(editor.value(ConfigLoader.DEVICES_FILE, poll), equalTo("250"));
        assertThat(registry.spec("smartcard").options().get("pollMs"), equalTo("250"));
        assertThat(new ConfigLoader(Terminal.drivers()).load(config).devices().size(), equalTo(8));
    }

    @Test
    void anInvalidChangeIsRefusedWithFileAndLineAndNothingIsWritten() throws Exception {
        String before = devices();
        String at = editor.devicePointer("idcard", "driver");
        Device reader = registry.byName("idcard").orElseThrow();
        List<ConfigEditor.Change> bad = List.of(new ConfigEditor.Change(ConfigLoader.DEVICES_FILE, at, "sam-serail"));
        assertThat(editor.check(bad), hasItem(containsString("devices.yaml:8: no driver 'sam-serail'")));
        ConfigEditor.Outcome o = editor.save(bad, "tech-1");
        assertThat(o.saved(), is(false));
        assertThat(devices(), equalTo(before));
        assertThat(Files.exists(config.resolve("devices.yaml.previous")), is(false));
        assertThat(registry.byName("idcard").orElseThrow() == reader, is(true));
        assertThat(reader.lifecycle(), equalTo(Lifecycle.ENABLED));

        String idle = "/idle/warnAfterSeconds";
        assertThat(editor.check(List.of(new ConfigEditor.Change(ConfigLoader.KIOSK_FILE, idle, "1"))),
                hasItem(containsString("kiosk.yaml:14: idle.warnAfterSeconds must be 5..600")));
    }

    @Test
    void aTerminalSettingIsSavedForTheNextStart() throws Exception {
        ConfigEditor.Outcome o = editor.save(List.of(new ConfigEditor.Change(ConfigLoader.KIOSK_FILE,
                "/idle/warnAfterSeconds", "90")), "tech-1");
        assertThat(o.saved(), is(true));
        assertThat(o.restartNeeded(), is(true));
        assertThat(o.applied(), empty());
        assertThat(Files.readString(config.resolve("kiosk.yaml")),
                containsString("  warnAfterSeconds: 90       # inactivity before"));
        try (Stream<Path> s = Files.list(config)) {
            assertThat(s.filter(p -> p.toString().endsWith(".tmp")).count(), equalTo(0L));
        }
    }

    @Test
    void aPortThatLooksLikePersonalDataIsStillJournalledWithItsValuesWithheld() throws Exception {
        // udev's by-id names carry the adapter's serial number, which can look like a phone number.
        String port = "/dev/serial/by-id/usb-1a86_USB_Serial_13812345678-if00-port0";
        ConfigEditor.Outcome o = editor.save(List.of(new ConfigEditor.Change(ConfigLoader.DEVICES_FILE,
                editor.devicePointer("receipt-printer", "port"), port)), "tech-1");
        assertThat(o.saved(), is(true));
        assertThat(registry.spec("receipt-printer").port(), equalTo(port));
        List<JournalEntry> entries = journal.read(null, null);
        JournalEntry change = entries.get(entries.size() - 1);
        assertThat(change.kind(), equalTo(JournalKind.CONFIG_CHANGED));
        assertThat(change.details().get("field"), equalTo(editor.devicePointer("receipt-printer", "port")));
        assertThat(change.details().get("by"), equalTo("tech-1"));
        assertThat(change.details().get("values"), containsString("withheld"));
        assertThat(change.details().containsKey("to"), is(false));
    }

    /**
     * The .deb's layout: the kiosk may change kiosk.yaml and devices.yaml but create nothing in /etc/tongban
     * (root's folder; read-only in the service's sandbox). A folder nobody can create files in stands for it:
     * mode 555, and immutable when the test runs as root (whom modes do not stop).
     */
    @Test
    void itSavesWhereNoFileCanBeCreatedBesideTheConfiguration() throws Exception {
        Path keep = dir.resolve("data/config-previous");
        ConfigEditor packaged = new ConfigEditor(config, keep, Terminal.drivers(), registry, journal);
        String before = devices();
        String at = packaged.devicePointer("receipt-printer", "port");
        lockFolder(config, true);
        ConfigEditor.Outcome o;
        try {
            assertThat("the folder must refuse new files for this test",
                    canCreateIn(config), is(false));
            o = packaged.save(List.of(new ConfigEditor.Change(ConfigLoader.DEVICES_FILE, at, "/dev/ttyS7")), "tech-1");
        } finally {
            lockFolder(config, false);
        }
        assertThat(o.problems().toString(), o.saved(), is(true));
        assertThat(devices(), containsString("port: /dev/ttyS7"));
        assertThat(new ConfigLoader(Terminal.drivers()).load(config).devices().stream()
                .filter(d -> d.name().equals("receipt-printer")).findFirst().orElseThrow().port(), equalTo("/dev/ttyS7"));
        assertThat(Files.readString(keep.resolve("devices.yaml" + ConfigEditor.PREVIOUS)), equalTo(before));
        try (Stream<Path> files = Files.list(config)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList(),
                    contains(ConfigLoader.DEVICES_FILE, ConfigLoader.KIOSK_FILE));
        }
        try (Stream<Path> files = Files.list(keep)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList(), contains("devices.yaml.previous"));
        }
    }

    private static void lockFolder(Path folder, boolean locked) throws Exception {
        if (locked) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        if ("root".equals(System.getProperty("user.name"))) {
            Process chattr = new ProcessBuilder("chattr", locked ? "+i" : "-i", folder.toString()).inheritIO().start();
            assertThat("chattr " + (locked ? "+i" : "-i"), chattr.waitFor(), equalTo(0));
        }
        if (!locked) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static boolean canCreateIn(Path folder) {
        try {
            Files.delete(Files.createFile(folder.resolve("probe")));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
