package org.tongban.kiosk.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.imgcodecs.Imgcodecs;
import org.tongban.devices.vision.OpenCv;
import org.tongban.devices.vision.QrDecoderTest;
import org.tongban.kiosk.app.ShippedConfig;

/**
 * The command line as a user runs it from a folder of their own, in a process of its own as the launcher
 * starts it: a relative path means the user's folder, and only the defaults come from the installation
 * ({@code tongban.home}).
 */
class WorkingDirectoryTest {

    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path user;

    private record Run(int exit, String out, String err) {
    }

    /** {@code ./kiosk ARGS} started in the user's folder, as the launcher starts it (no cd, tongban.home set). */
    private Run kiosk(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-Djava.awt.headless=true",
                "-D" + Installation.HOME_PROPERTY + "=" + CHECKOUT,
                "-cp", System.getProperty("java.class.path"), "org.tongban.kiosk.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("kiosk-out", ".txt");
        Path err = Files.createTempFile("kiosk-err", ".txt");
        try {
            Process p = new ProcessBuilder(command).directory(user.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kiosk " + String.join(" ", args) + " did not finish in 60 s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void anOutputFolderIsMadeInTheUsersFolderNotTheInstallation() throws Exception {
        Run run = kiosk("bundle", "keygen", "--out", "k");

        assertThat(run.err(), run.exit(), is(0));
        assertThat(Files.isRegularFile(user.resolve("k").resolve("operator.key")), is(true));
        assertThat(Files.isRegularFile(user.resolve("k").resolve("operator.pub")), is(true));
        assertThat(Files.exists(CHECKOUT.resolve("k")), is(false));
    }

    @Test
    void anInputFileIsReadFromTheUsersFolder() throws Exception {
        OpenCv.load();
        Imgcodecs.imwrite(user.resolve("photo.png").toString(), QrDecoderTest.frame("DZZZ:relative", 300, 0, 0));

        Run run = kiosk("qr", "decode", "photo.png");

        assertThat(run.err(), run.exit(), is(0));
        assertThat(run.out().strip(), is("DZZZ:relative"));
    }

    @Test
    void aRelativeConfigurationFolderIsTheUsersNotTheShippedOne() throws Exception {
        Path mine = ShippedConfig.extract(user.resolve("mine")).dir();
        Files.writeString(mine.resolve("kiosk.yaml"), "terminal: [not, a, mapping\n", StandardCharsets.UTF_8);

        Run run = kiosk("config", "validate", user.relativize(mine).toString());

        assertThat(run.exit(), is(1));
        assertThat(run.err(), containsString(user.relativize(mine).resolve("kiosk.yaml").toString()));
    }

    @Test
    void withoutAFolderTheDefaultsComeFromTheInstallation() throws Exception {
        Run run = kiosk("config", "validate");

        assertThat(run.err(), run.exit(), is(0));
        assertThat(run.out(), containsString("configuration OK"));
        assertThat(Files.exists(user.resolve("config")), is(false));
    }

    @Test
    void aRelativeCatalogConfigurationIsReadFromTheUsersFolder() throws Exception {
        ShippedConfig.extract(user.resolve("cfg"));

        Run run = kiosk("catalog", "list", "--config", "cfg", "--json");

        assertThat(run.err(), run.exit(), is(0));
        assertThat(run.out(), containsString("\"code\""));
    }
}
