package org.tongban.kiosk.doctor;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.idcard.ReaderEmulator;
import org.tongban.devices.idcard.SocatPty;
import org.tongban.kiosk.cli.KioskCommand;
import org.tongban.kiosk.platformsim.PlatformSimulator;
import org.tongban.printing.CjkFonts;
import picocli.CommandLine;

/** {@code ./kiosk doctor} against a copy of the shipped configuration, a real platform simulator and a pty. */
class DoctorTest {

    private static final Path SHIPPED = Path.of("..", "config").toAbsolutePath().normalize();
    private static final String TERMINAL = "YN-KM-GD-0001";
    private static final String SECRET = "doctor-test-secret";

    @TempDir
    Path dir;
    private Path config;
    private PlatformSimulator platform;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        config = dir.resolve("config");
        try (Stream<Path> files = Files.walk(SHIPPED)) {
            for (Path p : files.toList()) {
                Path target = config.resolve(SHIPPED.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.writeString(dir.resolve("secret"), SECRET, StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("data"));
        Files.setPosixFilePermissions(dir.resolve("data"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        platform = new PlatformSimulator(0, Map.of(TERMINAL, SECRET.getBytes(StandardCharsets.UTF_8)), "{}").start();
    }

    @AfterEach
    void tearDown() {
        platform.close();
    }

    private int doctor(String... extra) {
        CommandLine cli = KioskCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of("doctor", "--config", config.toString(),
                "--platform", platform.baseUrl().toString(), "--secret-file", dir.resolve("secret").toString(),
                "--data-dir", dir.resolve("data").toString()));
        args.addAll(List.of(extra));
        return cli.execute(args.toArray(String[]::new));
    }

    private JsonNode finding(JsonNode doc, String check) {
        for (JsonNode f : doc.get("findings")) {
            if (f.get("check").asText().equals(check)) {
                return f;
            }
        }
        throw new AssertionError("no finding for " + check + " in " + doc);
    }

    private void useIdCardReaderOn(String port) throws IOException {
        Path devices = config.resolve("devices.yaml");
        Files.writeString(devices, Files.readString(devices).replaceFirst(
                "driver: simulated\n    port: /dev/ttyUSB0", "driver: sam-serial\n    port: " + port));
    }

    @Test
    void allSimulatedWithThePlatformUpIsReady() throws Exception {
        assertThat(doctor("--json"), equalTo(0));
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("ok").asBoolean(), is(true));
        assertThat(finding(doc, "platform").get("level").asText(), equalTo("OK"));
        assertThat(finding(doc, "platform").get("detail").asText(), containsString("signature accepted"));
        assertThat(finding(doc, "device idcard").get("level").asText(), equalTo("OK"));
        assertThat(finding(doc, "data folder").get("level").asText(), equalTo("OK"));
    }

    @Test
    void aMissingSerialPortFailsWithAHint() throws Exception {
        useIdCardReaderOn(dir.resolve("ttyNOPE").toString().replace(dir.toString(), "/dev/tongban-doctor-nope"));
        assertThat(doctor(), equalTo(1));
        String text = out.toString();
        assertThat(text, containsString("FAIL  device idcard"));
        assertThat(text, containsString("/dev/tongban-doctor-nope/ttyNOPE does not exist"));
        assertThat(text, containsString("-> plug the device in, or set its port in devices.yaml"));
        assertThat(text, containsString("NOT ready for service"));
    }

    @Test
    void theReaderOnAPtyIsOk() throws Exception {
        boolean socat = SocatPty.available();
        if (!socat && System.getenv("TONGBAN_REQUIRE_REAL_PARTS") != null) {
            throw new AssertionError("socat is required (TONGBAN_REQUIRE_REAL_PARTS is set)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(socat, "socat is not installed (.ci/test installs it)");
        try (ReaderEmulator emulator = new ReaderEmulator(115200)) {
            SocatPty pty = SocatPty.start(dir.resolve("ttyIDCARD"), emulator.tcpPort());
            try {
                // A pty lives under /dev/pts: point at it by its real path, as a udev symlink would.
                useIdCardReaderOn(pty.link().toRealPath().toString());
                assertThat(doctor("--json"), equalTo(0));
                JsonNode idcard = finding(new ObjectMapper().readTree(out.toString()), "device idcard");
                assertThat(idcard.get("level").asText(), equalTo("OK"));
                assertThat(idcard.get("detail").asText(), containsString("sam-serial"));
            } finally {
                pty.close();
            }
        }
    }

    @Test
    void aStoppedPlatformFailsAndSaysWhatToCheck() throws Exception {
        platform.stop();
        assertThat(doctor("--json"), equalTo(1));
        JsonNode p = finding(new ObjectMapper().readTree(out.toString()), "platform");
        assertThat(p.get("level").asText(), equalTo("FAIL"));
        assertThat(p.get("detail").asText(), containsString("not reachable"));
        assertThat(p.get("hint").asText(), containsString("platform.url"));
    }

    @Test
    void anHttpsPlatformWhoseCaBundleIsMissingFailsWithAHint() throws Exception {
        CommandLine cli = KioskCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        // the shipped kiosk.yaml trusts /etc/tongban/platform-ca.pem, which this machine does not have
        assertThat(cli.execute("doctor", "--json", "--config", config.toString(), "--platform",
                "https://127.0.0.1:" + platform.port() + "/", "--secret-file", dir.resolve("secret").toString(),
                "--data-dir", dir.resolve("data").toString()), equalTo(1));
        JsonNode p = finding(new ObjectMapper().readTree(out.toString()), "platform");
        assertThat(p.get("level").asText(), equalTo("FAIL"));
        assertThat(p.get("detail").asText(), containsString("platform-ca.pem"));
        assertThat(p.get("hint").asText(), containsString("platform.caBundle"));
    }

    @Test
    void aWrongSecretIsASignatureProblem() throws Exception {
        Files.writeString(dir.resolve("secret"), "not-the-secret");
        assertThat(doctor("--json"), equalTo(1));
        JsonNode p = finding(new ObjectMapper().readTree(out.toString()), "platform");
        assertThat(p.get("detail").asText(), containsString("refused this terminal's signature"));
    }

    @Test
    void aFleetSecretThatIsNotHexIsNamedWithTheFileToPutThere() throws Exception {
        Path kiosk = config.resolve("kiosk.yaml");
        Files.writeString(kiosk, Files.readString(kiosk) + "fleet:\n  url: http://127.0.0.1:9\n  secretFile: "
                + dir.resolve("fleet.secret") + "\n");
        Files.writeString(dir.resolve("fleet.secret"), "not hex\n");
        doctor("--json");
        JsonNode f = finding(new ObjectMapper().readTree(out.toString()), "fleet");
        assertThat(f.get("level").asText(), equalTo("FAIL"));
        assertThat(f.get("detail").asText(), containsString("one line of hex digits"));
        assertThat(f.get("hint").asText(), containsString("./fleet terminals import"));

        Files.writeString(dir.resolve("fleet.secret"), "00ff".repeat(16) + "\n");
        out.getBuffer().setLength(0);
        doctor("--json");
        assertThat(finding(new ObjectMapper().readTree(out.toString()), "fleet").get("level").asText(), equalTo("OK"));
    }

    @Test
    void aMissingFontFailsWithThePackageToInstall() {
        Finding f = FileChecks.fonts(new CjkFonts(List.of(dir.resolve("no-such-font.ttc")))).run();
        assertThat(f.level(), equalTo(Finding.Level.FAIL));
        assertThat(f.required(), is(true));
        assertThat(f.hint(), containsString("fonts-wqy-microhei"));
        assertThat(Doctor.healthy(List.of(f)), is(false));
        assertThat(FileChecks.fonts(CjkFonts.debianDefaults()).run().level(), equalTo(Finding.Level.OK));
    }

    @Test
    void theFaceCamerasDetectorIsLoadedAsItsOptionsChooseIt() {
        Finding missing = FileChecks.faceDetector(Map.of("faceDetector", "lbp",
                "faceCascade", dir.resolve("no-such-cascade.xml").toString())).run();
        assertThat(missing.level(), equalTo(Finding.Level.FAIL));
        assertThat(missing.detail(), containsString("no-such-cascade.xml"));
        assertThat(missing.hint(), containsString("opencv-data"));
        Finding noModel = FileChecks.faceDetector(Map.of("faceDetector", "yunet")).run();
        assertThat(noModel.level(), equalTo(Finding.Level.FAIL));
        assertThat(noModel.detail(), containsString("faceModel"));
        // Debian's opencv-data, which the test command installs, has the default models.
        assertThat(FileChecks.faceDetector(Map.of()).run().level(), equalTo(Finding.Level.OK));
    }
}
