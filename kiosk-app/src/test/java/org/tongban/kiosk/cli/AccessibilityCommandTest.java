package org.tongban.kiosk.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./kiosk accessibility audit} as a technician runs it. The whole audit over every screen is
 * AccessibilityAuditTest (the same code, the command only prints it); here what the command itself decides.
 */
class AccessibilityCommandTest {

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

    @Test
    void theCommandIsListedWithItsOptions() {
        assertThat(run("accessibility", "audit", "--help"), equalTo(0));
        assertThat(out.toString(), containsString("--json"));
        assertThat(out.toString(), containsString("--out=DIR"));
        assertThat(out.toString(), containsString("--config=DIR"));
    }

    @Test
    void theScreenshotCommandIsListedAndNeedsItsFolder() {
        assertThat(run("accessibility", "screens", "--help"), equalTo(0));
        assertThat(out.toString(), containsString("--out=DIR"));
        assertThat("a usage error, nothing rendered", run("accessibility", "screens"), org.hamcrest.Matchers.not(equalTo(0)));
        assertThat(err.toString(), containsString("--out"));
    }

    @Test
    void aPanelConfiguredWrongIsNamedBeforeAnythingIsRendered() throws IOException {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        Path kiosk = dir.resolve("kiosk.yaml");
        Files.writeString(kiosk, Files.readString(kiosk).replace("reachTopPercent: 40", "reachTopPercent: 75"));
        assertThat(run("accessibility", "audit", "--config", dir.toString()), equalTo(2));
        int line = Files.readAllLines(kiosk).indexOf(Files.readAllLines(kiosk).stream()
                .filter(l -> l.contains("reachTopPercent: 75")).findFirst().orElseThrow()) + 1;
        assertThat(err.toString(), containsString("kiosk.yaml:" + line));
        assertThat(err.toString(), containsString("screen.reachTopPercent must be 10..60"));
    }
}
