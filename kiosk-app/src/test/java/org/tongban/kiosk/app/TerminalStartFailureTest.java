package org.tongban.kiosk.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DriverCatalog;
import org.tongban.devices.Lifecycle;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.config.TerminalConfig;
import org.tongban.kiosk.outbox.OutboxException;

/**
 * A terminal whose later part fails to start takes down what it had started before: every device it opened is
 * closed again (a technician who fixes the cause and starts again finds no reader still claimed), and the outbox
 * file is closed. The shipped configuration, every device simulated, real files in a temporary folder.
 */
class TerminalStartFailureTest {

    @TempDir
    Path dir;

    /** Every device the terminal's drivers made, in the order they were made. */
    private final List<Device> made = new CopyOnWriteArrayList<>();

    @Test
    void aRunningTerminalHoldsItsDevicesAndClosingItClosesThem() throws Exception {
        Terminal terminal = start(dir.resolve("data"));
        assertThat(made, not(empty()));
        assertThat(made.stream().map(Device::lifecycle).toList(), everyItem(is(Lifecycle.ENABLED)));

        terminal.close();

        assertThat(made.stream().map(Device::lifecycle).toList(), everyItem(is(Lifecycle.CLOSED)));
    }

    @Test
    void anOutboxThatCannotBeOpenedClosesTheDevicesStartedBeforeIt() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve(Terminal.OUTBOX_FILE)); // a folder where the database file belongs

        OutboxException e = assertThrows(OutboxException.class, () -> start(data));

        assertThat(e.getMessage(), containsString(Terminal.OUTBOX_FILE));
        assertThat(made, not(empty()));
        assertThat(made.stream().map(Device::lifecycle).toList(), everyItem(is(Lifecycle.CLOSED)));
    }

    @Test
    void aSealKeyThatCannotBeReadClosesTheOutboxAndTheDevices() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve(Terminal.SEAL_FILE), "not a seal\n"); // read after the outbox is open

        IOException e = assertThrows(IOException.class, () -> start(data));

        assertThat(e.getMessage(), containsString(Terminal.SEAL_FILE));
        assertThat(made.stream().map(Device::lifecycle).toList(), everyItem(is(Lifecycle.CLOSED)));
        // The outbox was opened (the file is there); SQLite removes its write-ahead log when the last connection
        // to the file closes.
        assertThat(Files.exists(data.resolve(Terminal.OUTBOX_FILE)), is(true));
        assertThat(Files.exists(data.resolve(Terminal.OUTBOX_FILE + "-wal")), is(false));
    }

    /** The shipped configuration with its data in {@code data}, no platform listening, voice off. */
    private Terminal start(Path data) throws Exception {
        Path configDir = ShippedConfig.extract(dir.resolve("config")).dir();
        TerminalConfig shipped = new ConfigLoader(Terminal.drivers()).load(configDir);
        KioskConfig k = shipped.kiosk();
        KioskConfig here = new KioskConfig(k.terminal(), k.locale(), k.idle(), data.toString(),
                new KioskConfig.Platform("http://127.0.0.1:9", "(not read)", 1, 60), k.screen(), null, null,
                new KioskConfig.Voice(false, null, null));
        Catalog catalog = new CatalogLoader().load(configDir.resolve(Terminal.CATALOG_DIR));
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Terminal.start(new TerminalConfig(configDir, here, shipped.devices()), catalog, secret,
                Clock.systemUTC(), watchedDrivers());
    }

    /** The build's drivers, each device they make remembered in {@link #made}. */
    private DriverCatalog watchedDrivers() {
        DriverCatalog all = Terminal.drivers();
        DriverCatalog watched = new DriverCatalog();
        for (DeviceClass deviceClass : DeviceClass.values()) {
            for (String driver : all.driversFor(deviceClass)) {
                watched.register(deviceClass, driver, spec -> {
                    Device device = all.create(spec);
                    made.add(device);
                    return device;
                });
            }
        }
        return watched;
    }
}
