package org.tongban.kiosk.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.app.ShippedConfig;
import org.tongban.kiosk.app.Terminal;

/** kiosk.yaml's optional {@code update} section: read, defaulted, and checked with file and line. */
class UpdateSettingsTest {

    @TempDir
    Path home;

    private Path withUpdate(String section) throws Exception {
        Path dir = ShippedConfig.extract(home.resolve("config")).dir();
        Path kiosk = dir.resolve(ConfigLoader.KIOSK_FILE);
        Files.writeString(kiosk, Files.readString(kiosk) + "\n" + section);
        return dir;
    }

    @Test
    void theShippedConfigurationTakesNoUpdatesUntilATechnicianSetsTheChannel() throws Exception {
        Path dir = ShippedConfig.extract(home.resolve("config")).dir();
        assertThat(new ConfigLoader(Terminal.drivers()).load(dir).kiosk().update(), nullValue());
    }

    @Test
    void aChannelWithDefaultsLoads() throws Exception {
        KioskConfig.Update u = new ConfigLoader(Terminal.drivers()).load(withUpdate("""
                update:
                  channel: https://updates.example.org/tongban/stable/
                  trustedKeys: [/etc/tongban/operator.pub]
                """)).kiosk().update();
        assertThat(u.trustedKeys(), equalTo(List.of("/etc/tongban/operator.pub")));
        assertThat(u.checkIntervalMinutes(), equalTo(60));
        assertThat(u.maintenanceWindow(), equalTo("01:00-05:00"));
        assertThat(u.healthTimeoutSeconds(), equalTo(120));
    }

    @Test
    void badValuesAreReportedWithTheirLines() throws Exception {
        Path dir = withUpdate("""
                update:
                  channel: ftp://updates.example.org/
                  trustedKeys: []
                  checkIntervalMinutes: 0
                  maintenanceWindow: "1am-5am"
                  healthTimeoutSeconds: 5
                """);
        int first = Files.readAllLines(dir.resolve(ConfigLoader.KIOSK_FILE)).indexOf("update:") + 1;
        List<ConfigProblem> p = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Terminal.drivers()).load(dir)).problems();
        assertThat(p.stream().map(ConfigProblem::line).toList(),
                equalTo(List.of(first + 1, first + 2, first + 3, first + 4, first + 5)));
        assertThat(p.get(0).toString(), containsString("kiosk.yaml:" + (first + 1) + ": update.channel must be"));
        assertThat(p.get(3).message(), containsString("HH:MM-HH:MM"));
    }
}
