package org.tongban.kiosk.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DriverCatalog;
import org.tongban.devices.idcard.SimulatedIdCardReader;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private final DriverCatalog drivers = new DriverCatalog()
            .register(DeviceClass.ID_CARD_READER, "simulated", spec -> new SimulatedIdCardReader(spec.name()));

    private static final String KIOSK = """
            terminal:
              id: YN-KM-GD-0001
              profile: HALL_KIOSK
              mode: demo
            locale: zh-CN
            idle:
              warnAfterSeconds: 60
              countdownSeconds: 20
              elderlyFactor: 2.0
            dataDir: /tmp/tongban
            platform:
              url: http://127.0.0.1:18080
              secretFile: /tmp/secret
              timeoutSeconds: 10
              syncIntervalSeconds: 15
            screen:
              widthPx: 1920
              heightPx: 1080
              diagonalInches: 21.5
            outbox:
              keyFile: /tmp/tongban/outbox.key
              retentionDays: 7
            """;

    private static final String DEVICES = """
            devices:
              - name: idcard
                class: ID_CARD_READER
                driver: simulated
                required: true
            """;

    @BeforeEach
    void writeGoodFiles() throws IOException {
        write(ConfigLoader.KIOSK_FILE, KIOSK);
        write(ConfigLoader.DEVICES_FILE, DEVICES);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private List<ConfigProblem> problems() {
        return assertThrows(ConfigException.class, () -> new ConfigLoader(drivers).load(dir)).problems();
    }

    @Test
    void aGoodFolderLoads() throws Exception {
        TerminalConfig c = new ConfigLoader(drivers).load(dir);
        assertThat(c.kiosk().terminal().id(), equalTo("YN-KM-GD-0001"));
        assertThat(c.kiosk().terminal().profile(), equalTo(Profile.HALL_KIOSK));
        assertThat(c.devices(), hasSize(1));
        assertThat(c.devices().get(0).deviceClass(), equalTo(DeviceClass.ID_CARD_READER));
    }

    @Test
    void theShippedConfigurationLoads() throws Exception {
        Path shipped = Path.of("..", "config").toAbsolutePath().normalize();
        DriverCatalog all = new DriverCatalog();
        for (DeviceClass c : DeviceClass.values()) {
            all.register(c, "simulated", spec -> new SimulatedIdCardReader(spec.name()));
        }
        TerminalConfig c = new ConfigLoader(all).load(shipped);
        // One device of each class, and a second camera: the document camera over the tray.
        assertThat(c.devices(), hasSize(DeviceClass.values().length + 1));
    }

    @Test
    void thePlatformLinkIsHttpsWithItsOwnCaOrLoopback() throws IOException {
        write(ConfigLoader.KIOSK_FILE, KIOSK.replace("http://127.0.0.1:18080", "http://gateway.example.gov.cn"));
        List<ConfigProblem> plain = problems();
        assertThat(plain.get(0).line(), equalTo(12));
        assertThat(plain.get(0).message(), containsString("plain http to another machine"));

        write(ConfigLoader.KIOSK_FILE, KIOSK.replace("http://127.0.0.1:18080", "https://gateway.example.gov.cn"));
        assertThat(problems().get(0).message(), containsString("platform.caBundle is missing"));

        write(ConfigLoader.KIOSK_FILE, KIOSK.replace("http://127.0.0.1:18080", "https://gateway.example.gov.cn\n"
                + "  caBundle: /etc/tongban/platform-ca.pem\n  clientCertificate: /etc/tongban/terminal.crt\n"
                + "  tls: sm"));
        List<ConfigProblem> sm = problems();
        assertThat(sm.stream().map(ConfigProblem::line).toList(), equalTo(List.of(14, 15)));
        assertThat(sm.get(0).message(), containsString("clientKey go together"));
        assertThat(sm.get(1).message(), containsString("does not include"));

        write(ConfigLoader.KIOSK_FILE, KIOSK + "update:\n  channel: http://updates.example.gov.cn/stable/\n"
                + "  trustedKeys: [/etc/tongban/operator.pub]\n");
        List<ConfigProblem> channel = problems();
        assertThat(channel.get(0).line(), equalTo(24));
        assertThat(channel.get(0).message(), containsString("update.channel: 'http://updates.example.gov.cn/stable/' "
                + "is plain http"));
    }

    @Test
    void aTornFileNamesItsLine() throws IOException {
        write(ConfigLoader.KIOSK_FILE, KIOSK.substring(0, KIOSK.indexOf("platform:")) + "platform:\n  url: [http://x\n");
        List<ConfigProblem> p = problems();
        assertThat(p, hasSize(1));
        assertThat(p.get(0).file().getFileName().toString(), equalTo("kiosk.yaml"));
        assertThat(p.get(0).line(), equalTo(12));
    }

    @Test
    void aMisspeltKeyIsAnErrorWithItsLine() throws IOException {
        write(ConfigLoader.KIOSK_FILE, KIOSK.replace("countdownSeconds", "countdownSecs"));
        List<ConfigProblem> p = problems();
        assertThat(p.get(0).line(), equalTo(8));
        assertThat(p.get(0).message(), containsString("countdownSecs"));
    }

    @Test
    void aWrongEnumValueNamesItsLine() throws IOException {
        write(ConfigLoader.KIOSK_FILE, KIOSK.replace("HALL_KIOSK", "SHOPPING_MALL"));
        List<ConfigProblem> p = problems();
        assertThat(p.get(0).line(), equalTo(3));
        assertThat(p.get(0).message(), containsString("SHOPPING_MALL"));
    }

    @Test
    void valuesOutOfRangeAreAllReportedWithTheirLines() throws IOException {
        write(ConfigLoader.KIOSK_FILE, KIOSK.replace("warnAfterSeconds: 60", "warnAfterSeconds: 1")
                .replace("elderlyFactor: 2.0", "elderlyFactor: 1.0")
                .replace("http://127.0.0.1:18080", "ftp://nowhere"));
        List<ConfigProblem> p = problems();
        assertThat(p, hasSize(3));
        assertThat(p.stream().map(ConfigProblem::line).toList(), equalTo(List.of(7, 9, 12)));
    }

    @Test
    void outboxSettingsAreReadAndCheckedWithTheirLines() throws Exception {
        TerminalConfig c = new ConfigLoader(drivers).load(dir);
        assertThat(c.kiosk().outboxKeyFile(), equalTo(Path.of("/tmp/tongban/outbox.key")));
        assertThat(c.kiosk().outboxOrDefaults().retentionDays(), equalTo(7));

        write(ConfigLoader.KIOSK_FILE, KIOSK.replace("retentionDays: 7", "retentionDays: 0")
                .replace("keyFile: /tmp/tongban/outbox.key", "keyFile: /tmp/keys/"));
        List<ConfigProblem> p = problems();
        assertThat(p.stream().map(ConfigProblem::line).toList(), equalTo(List.of(21, 22)));
        assertThat(p.get(0).message(), containsString("outbox.keyFile"));
        assertThat(p.get(1).message(), containsString("outbox.retentionDays must be 1..3650"));
    }

    @Test
    void theFleetSectionIsOptionalAndCheckedWithItsLines() throws Exception {
        assertThat("without it the heartbeat goes to the platform", new ConfigLoader(drivers).load(dir).kiosk().fleet(),
                equalTo(null));
        write(ConfigLoader.KIOSK_FILE, KIOSK + "fleet:\n  url: http://127.0.0.1:18090\n  secretFile: /etc/tongban/fleet.secret\n");
        KioskConfig.Fleet fleet = new ConfigLoader(drivers).load(dir).kiosk().fleet();
        assertThat(fleet, equalTo(new KioskConfig.Fleet("http://127.0.0.1:18090", "/etc/tongban/fleet.secret", 10)));

        write(ConfigLoader.KIOSK_FILE, KIOSK + "fleet:\n  url: fleet.example\n  secretFile: \"\"\n  timeoutSeconds: 0\n");
        List<ConfigProblem> p = problems();
        assertThat(p.stream().map(ConfigProblem::line).toList(), equalTo(List.of(24, 25, 26)));
        assertThat(p.get(0).toString(), containsString("kiosk.yaml:24: fleet.url must be the server's http(s) address"));
        assertThat(p.get(1).message(), containsString("fleet.secretFile is missing"));
        assertThat(p.get(2).message(), containsString("fleet.timeoutSeconds must be 1..120"));
    }

    @Test
    void theScreensReachLimitDefaultsTo40PercentAndIsCheckedWithItsLine() throws Exception {
        KioskConfig.Screen screen = new ConfigLoader(drivers).load(dir).kiosk().screen();
        assertThat(screen.reachTopPercent(), equalTo(KioskConfig.Screen.DEFAULT_REACH_TOP_PERCENT));
        assertThat(screen.portrait(), equalTo(false));

        write(ConfigLoader.KIOSK_FILE, KIOSK.replace("widthPx: 1920\n  heightPx: 1080",
                "widthPx: 1080\n  heightPx: 1920\n  reachTopPercent: 35"));
        screen = new ConfigLoader(drivers).load(dir).kiosk().screen();
        assertThat(screen.portrait(), equalTo(true));
        assertThat(screen.reachTopPercent(), equalTo(35));

        write(ConfigLoader.KIOSK_FILE, KIOSK.replace("diagonalInches: 21.5", "diagonalInches: 21.5\n  reachTopPercent: 80"));
        List<ConfigProblem> p = problems();
        assertThat(p, hasSize(1));
        assertThat(p.get(0).line(), equalTo(20));
        assertThat(p.get(0).message(), containsString("screen.reachTopPercent must be 10..60"));
    }

    @Test
    void whereTheReaderAndTrayAreDefaultsToTheUsualHallKioskAndIsCheckedWithItsLine() throws Exception {
        KioskConfig.Screen screen = new ConfigLoader(drivers).load(dir).kiosk().screen();
        assertThat(screen.readerPosition(), equalTo("bottom-right"));
        assertThat(screen.trayPosition(), equalTo("below-screen"));

        write(ConfigLoader.KIOSK_FILE, KIOSK.replace("diagonalInches: 21.5",
                "diagonalInches: 21.5\n  readerPosition: bottom-left\n  trayPosition: bottom-right"));
        screen = new ConfigLoader(drivers).load(dir).kiosk().screen();
        assertThat(screen.readerPosition(), equalTo("bottom-left"));
        assertThat(screen.trayPosition(), equalTo("bottom-right"));

        write(ConfigLoader.KIOSK_FILE, KIOSK.replace("diagonalInches: 21.5",
                "diagonalInches: 21.5\n  readerPosition: left"));
        List<ConfigProblem> p = problems();
        assertThat(p, hasSize(1));
        assertThat(p.get(0).line(), equalTo(20));
        assertThat(p.get(0).message(), containsString(
                "screen.readerPosition must be one of bottom-left, bottom-right, below-screen, not 'left'"));
    }

    @Test
    void withoutAnOutboxSectionTheKeyLivesInTheDataFolder() throws Exception {
        write(ConfigLoader.KIOSK_FILE, KIOSK.substring(0, KIOSK.indexOf("outbox:")));
        TerminalConfig c = new ConfigLoader(drivers).load(dir);
        assertThat(c.kiosk().outboxKeyFile(), equalTo(Path.of("/tmp/tongban/outbox.key")));
        assertThat(c.kiosk().outboxOrDefaults().retentionDays(), equalTo(7));
    }

    @Test
    void anUnknownDriverInDevicesNamesItsLineAndTheKnownDrivers() throws IOException {
        write(ConfigLoader.DEVICES_FILE, DEVICES.replace("driver: simulated", "driver: hid-omnikey"));
        List<ConfigProblem> p = problems();
        assertThat(p, hasSize(1));
        assertThat(p.get(0).toString(), containsString("devices.yaml:4"));
        assertThat(p.get(0).message(), containsString("known: [simulated]"));
    }

    @Test
    void aProductionTerminalRefusesSimulatedDevicesAtTheirLine() throws IOException {
        write(ConfigLoader.KIOSK_FILE, KIOSK.replace("  mode: demo\n", ""));
        List<ConfigProblem> p = problems();
        assertThat(p, hasSize(1));
        assertThat(p.get(0).toString(), containsString("devices.yaml:4"));
        assertThat(p.get(0).message(), containsString("'idcard' is simulated, which a production terminal refuses"));
        assertThat(p.get(0).message(), containsString("terminal.mode: demo"));

        write(ConfigLoader.KIOSK_FILE, KIOSK.replace("mode: demo", "mode: production"));
        assertThat(problems().get(0).toString(), containsString("devices.yaml:4"));
    }

    @Test
    void aProductionTerminalWithRealDriversLoads() throws Exception {
        write(ConfigLoader.KIOSK_FILE, KIOSK.replace("mode: demo", "mode: production"));
        write(ConfigLoader.DEVICES_FILE, DEVICES.replace("driver: simulated", "driver: sam-serial"));
        DriverCatalog real = new DriverCatalog()
                .register(DeviceClass.ID_CARD_READER, "sam-serial", spec -> new SimulatedIdCardReader(spec.name()));
        TerminalConfig c = new ConfigLoader(real).load(dir);
        assertThat(c.kiosk().terminal().demo(), equalTo(false));
    }

    @Test
    void anUnknownTerminalModeNamesItsLine() throws IOException {
        write(ConfigLoader.KIOSK_FILE, KIOSK.replace("mode: demo", "mode: testing"));
        List<ConfigProblem> p = problems();
        assertThat(p.get(0).toString(), containsString("kiosk.yaml:4"));
        assertThat(p.get(0).message(), containsString("terminal.mode must be production or demo"));
    }

    @Test
    void problemsInBothFilesAreReportedTogether() throws IOException {
        write(ConfigLoader.KIOSK_FILE, "");
        write(ConfigLoader.DEVICES_FILE, DEVICES.replace("class: ID_CARD_READER", "class: FAX"));
        List<ConfigProblem> p = problems();
        assertThat(p, hasSize(2));
        assertThat(p.get(0).message(), containsString("empty"));
        assertThat(p.get(1).line(), equalTo(3));
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Files.delete(dir.resolve(ConfigLoader.DEVICES_FILE));
        assertThat(problems().get(0).toString(), containsString("devices.yaml: missing"));
    }
}
