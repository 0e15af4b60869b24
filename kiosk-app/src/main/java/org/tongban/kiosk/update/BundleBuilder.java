package org.tongban.kiosk.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.tongban.devices.DriverCatalog;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.files.FolderTree;

/**
 * The operator's side: validates a configuration and a catalog with the terminal's own loaders (a bad one is
 * refused with file and line before anything is written), zips them and the application, writes the manifest
 * and signs it. The manifest and its signature are written last, so a terminal polling a half-written
 * channel folder still sees the previous complete release.
 */
public final class BundleBuilder {

    /**
     * @param app a zip with {@code kiosk-app.jar} (and {@code lib/}), or a folder holding them (e.g. kiosk-app/target)
     */
    public record Request(Path channel, String version, long sequence, Path key, Path config, Path catalog, Path app,
                          int rolloutPercent, int expiresInDays, String notes) {
    }

    private final DriverCatalog drivers;
    private final Clock clock;
    private final SecureRandom random;

    public BundleBuilder(DriverCatalog drivers, Clock clock, SecureRandom random) {
        this.drivers = drivers;
        this.clock = clock;
        this.random = random;
    }

    public Manifest build(Request r) throws IOException, ConfigException {
        if (!r.version().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,60}")) {
            throw new IllegalArgumentException("version '" + r.version() + "' must be letters, digits, dots, dashes");
        }
        if (r.sequence() < 1) {
            throw new IllegalArgumentException("sequence must be a positive number");
        }
        if (r.rolloutPercent() < 0 || r.rolloutPercent() > 100) {
            throw new IllegalArgumentException("rollout must be 0..100 percent");
        }
        if (r.expiresInDays() < 1 || r.expiresInDays() > Updater.MAX_VALIDITY.toDays()) {
            throw new IllegalArgumentException("expires-in-days must be 1.." + Updater.MAX_VALIDITY.toDays()
                    + " (terminals refuse a manifest valid for longer)");
        }
        if (r.config() == null && r.catalog() == null && r.app() == null) {
            throw new IllegalArgumentException("nothing to publish: give --config, --catalog and/or --app");
        }
        OperatorKeys keys = new OperatorKeys();
        PrivateKey key = keys.readPrivate(r.key());
        if (r.config() != null) {
            new ConfigLoader(drivers).load(r.config());
        }
        if (r.catalog() != null) {
            new CatalogLoader().load(r.catalog());
        }
        Files.createDirectories(r.channel());
        List<Manifest.Artifact> artifacts = new ArrayList<>();
        if (r.app() != null) {
            artifacts.add(app(r.app(), r.channel().resolve("app-" + r.version() + ".zip")));
        }
        if (r.config() != null) {
            Path staging = Files.createTempDirectory("tongban-config-release-");
            try {
                for (String f : List.of(ConfigLoader.KIOSK_FILE, ConfigLoader.DEVICES_FILE)) {
                    Files.copy(r.config().resolve(f), staging.resolve(f));
                }
                artifacts.add(zipped(staging, r.channel().resolve("config-" + r.sequence() + ".zip"), ArtifactKind.CONFIG));
            } finally {
                FolderTree.delete(staging);
            }
        }
        if (r.catalog() != null) {
            artifacts.add(zipped(r.catalog(), r.channel().resolve("catalog-" + r.sequence() + ".zip"),
                    ArtifactKind.CATALOG));
        }
        byte[] salt = new byte[8];
        random.nextBytes(salt);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Manifest m = new Manifest(Manifest.SCHEMA, "stable", r.version(), r.sequence(), now,
                now.plus(Duration.ofDays(r.expiresInDays())), new Manifest.Rollout(r.rolloutPercent(),
                HexFormat.of().formatHex(salt)), artifacts, r.notes());
        byte[] json = m.toJson();
        Path tmpSig = r.channel().resolve(Manifest.SIGNATURE_FILE + ".tmp");
        Path tmpManifest = r.channel().resolve(Manifest.FILE + ".tmp");
        Files.write(tmpManifest, json);
        Files.writeString(tmpSig, keys.sign(key, json) + "\n", StandardCharsets.US_ASCII);
        Files.move(tmpManifest, r.channel().resolve(Manifest.FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmpSig, r.channel().resolve(Manifest.SIGNATURE_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        return m;
    }

    private static Manifest.Artifact app(Path app, Path out) throws IOException {
        if (Files.isDirectory(app)) {
            Path staging = Files.createTempDirectory("tongban-app-release-");
            try {
                Files.copy(app.resolve(AppSlots.JAR), staging.resolve(AppSlots.JAR));
                Path lib = app.resolve("lib");
                if (Files.isDirectory(lib)) {
                    Files.createDirectories(staging.resolve("lib"));
                    try (var s = Files.list(lib)) {
                        for (Path f : s.filter(Files::isRegularFile).toList()) {
                            Files.copy(f, staging.resolve("lib").resolve(f.getFileName()));
                        }
                    }
                }
                checkApp(staging.resolve(AppSlots.JAR));
                return zipped(staging, out, ArtifactKind.APP);
            } finally {
                FolderTree.delete(staging);
            }
        }
        Path check = Files.createTempDirectory("tongban-app-check-");
        try {
            Zips.unzip(app, check);
            checkApp(check.resolve(AppSlots.JAR));
        } finally {
            FolderTree.delete(check);
        }
        Files.copy(app, out, StandardCopyOption.REPLACE_EXISTING);
        return artifact(out, ArtifactKind.APP);
    }

    private static void checkApp(Path jar) throws IOException {
        if (!Files.isRegularFile(jar) || AppSlots.mainClass(jar) == null) {
            throw new IOException("the application needs " + AppSlots.JAR + " with a Main-Class");
        }
    }

    private static Manifest.Artifact zipped(Path dir, Path out, ArtifactKind kind) throws IOException {
        Zips.zip(dir, out);
        return artifact(out, kind);
    }

    private static Manifest.Artifact artifact(Path file, ArtifactKind kind) throws IOException {
        return new Manifest.Artifact(file.getFileName().toString(), kind, Files.size(file), ChannelClient.sha256(file));
    }
}
