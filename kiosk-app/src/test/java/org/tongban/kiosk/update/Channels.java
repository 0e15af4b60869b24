package org.tongban.kiosk.update;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.tongban.kiosk.app.ShippedConfig;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.config.ConfigException;

/** A channel folder the tests publish into with the operator's tools, served over loopback, and the keys. */
final class Channels implements AutoCloseable {

    final Path home;
    final Path keys;
    final Path channelDir;
    final Path config;
    final ChannelServer server;
    final Clock clock;

    Channels(Path home, Clock clock) throws IOException {
        this.home = home;
        this.clock = clock;
        keys = home.resolve("keys");
        new OperatorKeys().generate(keys, new SecureRandom());
        channelDir = home.resolve("channel");
        Files.createDirectories(channelDir);
        config = ShippedConfig.extract(home.resolve("config")).dir();
        server = new ChannelServer(channelDir);
    }

    Path catalog() {
        return config.resolve(Terminal.CATALOG_DIR);
    }

    Manifest publish(long sequence, String version, Path config, Path catalog, Path app, int rollout, int days)
            throws IOException, ConfigException {
        return new BundleBuilder(Terminal.drivers(), clock, new SecureRandom()).build(new BundleBuilder.Request(
                channelDir, version, sequence, keys.resolve(OperatorKeys.PRIVATE_FILE), config, catalog, app, rollout,
                days, "test release"));
    }

    Updater updater(Path dataDir, String terminalId, Clock at) throws IOException {
        return new Updater(new Updater.Settings(new ChannelClient(server.url(), Duration.ofSeconds(5)),
                new OperatorKeys().readTrusted(List.of(keys.resolve(OperatorKeys.PUBLIC_FILE))), dataDir, terminalId,
                Terminal.drivers()), at);
    }

    /** An application release whose main class is {@link FakeRelease}, confirming its health or not. */
    Path fakeApp(String name, boolean healthy) throws IOException {
        Path zip = home.resolve(name + ".zip");
        java.util.jar.Manifest mf = new java.util.jar.Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeRelease.class.getName());
        java.io.ByteArrayOutputStream jar = new java.io.ByteArrayOutputStream();
        try (JarOutputStream j = new JarOutputStream(jar, mf)) {
            String cls = FakeRelease.class.getName().replace('.', '/') + ".class";
            j.putNextEntry(new JarEntry(cls));
            try (InputStream in = FakeRelease.class.getResourceAsStream("/" + cls)) {
                in.transferTo(j);
            }
            j.putNextEntry(new JarEntry("fake-release.properties"));
            j.write(("healthy=" + healthy + "\n").getBytes(StandardCharsets.UTF_8));
        }
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry(AppSlots.JAR));
            z.write(jar.toByteArray());
        }
        return zip;
    }

    @Override
    public void close() {
        server.close();
    }
}
