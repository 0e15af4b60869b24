package org.tongban.kiosk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.tongban.kiosk.app.ShippedConfig;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.config.TerminalConfig;
import org.tongban.kiosk.files.FolderTree;
import org.tongban.kiosk.platform.TerminalSecret;
import picocli.CommandLine.Option;

/**
 * The flags that override {@code kiosk.yaml} for one run (platform, terminal id, secret, data folder), shared
 * by the commands that act as a terminal. Without a configuration folder the shipped defaults are the base.
 */
final class TerminalOptions {

    @Option(names = "--config", paramLabel = "DIR", description = "configuration folder (default: the installation's config/; the "
            + "shipped defaults when it has no kiosk.yaml)")
    Path config = Installation.defaultConfig();

    @Option(names = "--platform", paramLabel = "URL", description = "the platform's terminal gateway")
    String platform;

    @Option(names = "--terminal-id", paramLabel = "ID", description = "this terminal's code")
    String terminalId;

    @Option(names = "--secret-file", paramLabel = "F",
            description = "the HMAC-SM3 key: the file's text, surrounding whitespace trimmed, as UTF-8 bytes")
    Path secretFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the outbox and session scratch folder")
    Path dataDir;

    @Option(names = "--key-file", paramLabel = "F", description = "the SM4 key sealing payloads at rest (default: "
            + "kiosk.yaml's outbox.keyFile; with --data-dir elsewhere, outbox.key inside it)")
    Path keyFile;

    /** A configuration read from a folder, and the temporary folder to remove afterwards (or null). */
    record Base(TerminalConfig config, Path temporary) implements AutoCloseable {
        @Override
        public void close() {
            if (temporary != null) {
                // a leftover copy of the shipped defaults holds nothing personal
                FolderTree.deleteBestEffort(temporary, "copy of the shipped configuration");
            }
        }
    }

    boolean hasConfig() {
        return Files.isRegularFile(config.resolve(ConfigLoader.KIOSK_FILE));
    }

    /** The configuration folder, or the shipped defaults when there is none. */
    Base base() throws IOException, ConfigException {
        if (hasConfig()) {
            return new Base(new ConfigLoader(Terminal.drivers()).load(config), null);
        }
        Path temp = Files.createTempDirectory("tongban-config-");
        ShippedConfig shipped = ShippedConfig.extract(temp);
        return new Base(new ConfigLoader(Terminal.drivers()).load(shipped.dir()), temp);
    }

    /** The base's kiosk settings with the flags applied. */
    KioskConfig apply(KioskConfig k) {
        KioskConfig.Terminal terminal = terminalId == null ? k.terminal()
                : k.terminal().withId(terminalId);
        KioskConfig.Platform p = k.platform();
        KioskConfig.Platform platformSettings = new KioskConfig.Platform(platform == null ? p.url() : platform,
                secretFile == null ? p.secretFile() : secretFile.toString(), p.timeoutSeconds(),
                p.syncIntervalSeconds(), p.caBundle(), p.clientCertificate(), p.clientKey(), p.tls());
        String data = dataDir == null ? k.dataDir() : dataDir.toString();
        KioskConfig.Outbox outbox = new KioskConfig.Outbox(keyFile(k).toString(),
                k.outboxOrDefaults().retentionDays());
        return new KioskConfig(terminal, k.locale(), k.idle(), data, platformSettings, k.screen(), outbox, k.update(),
                k.voice(), k.fleet());
    }

    /** The key file: the flag, else the configured one for the configured data folder, else one beside the data. */
    Path keyFile(KioskConfig k) {
        if (keyFile != null) {
            return keyFile.toAbsolutePath();
        }
        if (dataDir == null || dataDir.toAbsolutePath().normalize().equals(Path.of(k.dataDir()).toAbsolutePath()
                .normalize())) {
            return k.outboxKeyFile().toAbsolutePath();
        }
        return dataDir.resolve(KioskConfig.Outbox.DEFAULT_KEY_FILE).toAbsolutePath();
    }

    /** The data folder and key file alone, for tools that only look at the outbox. */
    record Storage(Path dataDir, Path keyFile) {
        Path outboxFile() {
            return dataDir.resolve(Terminal.OUTBOX_FILE);
        }
    }

    Storage storage() throws IOException, ConfigException {
        if (dataDir != null && !hasConfig()) {
            return new Storage(dataDir, keyFile != null ? keyFile : dataDir.resolve(KioskConfig.Outbox.DEFAULT_KEY_FILE));
        }
        if (!hasConfig()) {
            throw new IOException("no --data-dir given and no " + config.resolve(ConfigLoader.KIOSK_FILE));
        }
        try (Base b = base()) {
            KioskConfig k = apply(b.config().kiosk());
            return new Storage(Path.of(k.dataDir()), k.outboxKeyFile());
        }
    }

    static byte[] secret(KioskConfig k) throws IOException {
        return new TerminalSecret(Path.of(k.platform().secretFile())).read();
    }
}
