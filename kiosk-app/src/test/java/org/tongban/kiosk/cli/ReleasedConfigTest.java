package org.tongban.kiosk.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.admin.MaintenanceConfig;
import org.tongban.kiosk.admin.PinHash;
import org.tongban.kiosk.app.ShippedConfig;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.config.TerminalConfig;

/** A configuration release serves many terminals: each keeps its own identity, secret, data and channel. */
class ReleasedConfigTest {

    @TempDir
    Path home;

    @Test
    void theReleaseGivesTheSettingsTheTerminalKeepsItsIdentity() throws Exception {
        Path local = ShippedConfig.extract(home.resolve("local")).dir();
        Path kiosk = local.resolve("kiosk.yaml");
        Files.writeString(kiosk, Files.readString(kiosk).replace("YN-KM-GD-0001", "YN-KM-GD-0042")
                + "\nupdate:\n  channel: https://updates.example.org/stable/\n  trustedKeys: [/etc/tongban/operator.pub]\n");
        Path release = ShippedConfig.extract(home.resolve("release")).dir();
        Path rk = release.resolve("kiosk.yaml");
        Files.writeString(rk, Files.readString(rk).replace("locale: zh-CN", "locale: en")
                .replace("https://gateway.example.gov.cn/tongban", "https://platform.example.org")
                .replace("/etc/tongban/platform-ca.pem", "/etc/tongban/release-ca.pem")
                .replace("/var/lib/tongban", "/srv/elsewhere"));
        ConfigLoader loader = new ConfigLoader(Terminal.drivers());
        TerminalConfig l = loader.load(local);
        KioskConfig merged = RunCommand.released(loader.load(release), l).kiosk();

        assertThat(merged.terminal().id(), equalTo("YN-KM-GD-0042"));
        assertThat(merged.dataDir(), equalTo(l.kiosk().dataDir()));
        assertThat(merged.platform().secretFile(), equalTo(l.kiosk().platform().secretFile()));
        assertThat(merged.outboxOrDefaults().keyFile(), equalTo(l.kiosk().outboxOrDefaults().keyFile()));
        assertThat(merged.update().channel(), equalTo("https://updates.example.org/stable/"));
        assertThat(merged.locale(), equalTo("en"));
        assertThat(merged.platform().url(), equalTo("https://platform.example.org"));
        // the CA vouching for the platform comes with it; a client certificate would stay the terminal's own
        assertThat(merged.platform().caBundle(), equalTo("/etc/tongban/release-ca.pem"));
    }

    @Test
    void afterAConfigurationReleaseThePinsAreStillThoseOfTheTerminal() throws Exception {
        Path local = ShippedConfig.extract(home.resolve("local")).dir();
        Files.writeString(local.resolve(MaintenanceConfig.FILE), "pins:\n  - label: tech-1\n    role: TECHNICIAN\n"
                + "    hash: \"" + PinHash.create("24681357", new SecureRandom()) + "\"\n");
        Path release = ShippedConfig.extract(home.resolve("release")).dir(); // releases carry no PINs
        ConfigLoader loader = new ConfigLoader(Terminal.drivers());
        TerminalConfig merged = RunCommand.released(loader.load(release), loader.load(local));

        assertThat(merged.dir(), equalTo(release));
        assertThat(merged.localDir(), equalTo(local));
        MaintenanceConfig pins = MaintenanceConfig.load(merged.localDir());
        assertThat(pins.pins().size(), equalTo(1));
        assertThat(PinHash.matches("24681357", pins.pins().get(0).hash()), equalTo(true));
    }

    @Test
    void aReleaseCannotBringSimulatedDevicesToAProductionTerminal() throws Exception {
        Path local = ShippedConfig.extract(home.resolve("local")).dir();
        Path kiosk = local.resolve("kiosk.yaml");
        Path devices = local.resolve("devices.yaml");
        Files.writeString(kiosk, Files.readString(kiosk).replace("mode: demo", "mode: production"));
        Files.writeString(devices, "devices:\n  - name: idcard\n    class: ID_CARD_READER\n    driver: sam-serial\n"
                + "    port: /dev/tongban-idcard\n    required: true\n");
        Path release = ShippedConfig.extract(home.resolve("release")).dir(); // a demo configuration, all simulated
        ConfigLoader loader = new ConfigLoader(Terminal.drivers());
        TerminalConfig merged = RunCommand.released(loader.load(release), loader.load(local));

        ConfigException refused = assertThrows(ConfigException.class, () -> RunCommand.refuseSimulatedInProduction(merged));
        assertThat(refused.problems().get(0).message(), containsString("'idcard' is simulated, which a production "
                + "terminal refuses"));
    }
}
