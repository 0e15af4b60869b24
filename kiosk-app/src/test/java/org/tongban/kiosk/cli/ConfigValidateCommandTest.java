package org.tongban.kiosk.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./kiosk config validate} as a technician or a script runs it. */
class ConfigValidateCommandTest {

    private static final Path SHIPPED = Path.of("..", "config").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = KioskCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path copyOfShipped() throws IOException {
        try (Stream<Path> files = Files.walk(SHIPPED)) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(SHIPPED.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return dir;
    }

    @Test
    void theShippedConfigurationIsValid() {
        assertThat(run("config", "validate", SHIPPED.toString()), equalTo(0));
        assertThat(out.toString(), containsString("configuration OK: terminal YN-KM-GD-0001 (HALL_KIOSK), 8 device(s)"));
    }

    @Test
    void aBrokenFileIsNamedWithItsLineAndTheExitCodeIsNonZero() throws IOException {
        Path config = copyOfShipped();
        Path devices = config.resolve("devices.yaml");
        Files.writeString(devices, Files.readString(devices).replaceFirst("(?m)^    driver: simulated", "    driver: simulatd"));
        Path catalog = config.resolve("catalog/items/SI-CERT-CONTRIB.yaml");
        Files.writeString(catalog, Files.readString(catalog).replaceFirst("- step: print", "- step: fax"));

        assertThat(run("config", "validate", config.toString()), equalTo(1));
        String report = err.toString();
        assertThat(report, containsString("devices.yaml:8: no driver 'simulatd' for ID_CARD_READER"));
        assertThat(report, containsString("SI-CERT-CONTRIB.yaml:"));
        assertThat(report, containsString("unknown step 'fax'"));
        assertThat(report, containsString("2 problem(s)"));
    }

    @Test
    void aTornFileIsAProblemNotACrash() throws IOException {
        Path config = copyOfShipped();
        Path kiosk = config.resolve("kiosk.yaml");
        String text = Files.readString(kiosk);
        Files.writeString(kiosk, text.substring(0, text.indexOf("idle:") + 20));
        assertThat(run("config", "validate", config.toString()), equalTo(1));
        assertThat(err.toString().contains("kiosk.yaml:"), is(true));
    }

    @Test
    void theRealReadersAreChosenInDevicesYamlAlone() throws IOException {
        Path config = copyOfShipped();
        Path devices = config.resolve("devices.yaml");
        String text = Files.readString(devices)
                .replaceFirst("class: ID_CARD_READER\n    driver: simulated", "class: ID_CARD_READER\n    driver: sam-serial")
                .replaceFirst("class: SMART_CARD_READER\n    driver: simulated", "class: SMART_CARD_READER\n    driver: pcsc");
        assertThat(text, containsString("driver: sam-serial"));
        assertThat(text, containsString("driver: pcsc"));
        Files.writeString(devices, text);
        assertThat(err.toString(), run("config", "validate", config.toString()), equalTo(0));
    }

    @Test
    void aProductionTerminalWithSimulatedDevicesIsRefusedByValidateAndRun() throws IOException {
        Path config = copyOfShipped();
        Path kiosk = config.resolve("kiosk.yaml");
        Files.writeString(kiosk, Files.readString(kiosk).replace("mode: demo", "mode: production"));

        assertThat(run("config", "validate", config.toString()), equalTo(1));
        assertThat(err.toString(), containsString("devices.yaml:8: device 'idcard' is simulated, which a production "
                + "terminal refuses"));
        assertThat(err.toString(), containsString("8 problem(s)"));

        assertThat(run("run", "--config", config.toString()), equalTo(2));
        assertThat(err.toString(), containsString("kiosk: not starting, the configuration has problems"));
    }

    @Test
    void runRefusesATerminalSecretOthersCanRead() throws IOException {
        Path config = copyOfShipped();
        Path secret = dir.resolve("terminal.secret");
        Files.writeString(secret, "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(run("run", "--config", config.toString(), "--secret-file", secret.toString(),
                "--data-dir", dir.resolve("data").toString()), equalTo(2));
        assertThat(err.toString(), containsString("the secret file " + secret + " is open to others (mode rw-r--r--"));
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(run("--help"), equalTo(0));
        for (String command : new String[] {"demo", "run", "config", "catalog", "platform-sim", "print", "idcard",
                "card"}) {
            assertThat(out.toString(), containsString(command));
        }
    }
}
