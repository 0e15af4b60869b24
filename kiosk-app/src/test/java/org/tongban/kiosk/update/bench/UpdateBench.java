package org.tongban.kiosk.update.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tongban.kiosk.update.ArtifactKind;
import org.tongban.kiosk.update.ChannelClient;
import org.tongban.kiosk.update.Manifest;
import org.tongban.kiosk.update.OperatorKeys;

/**
 * What a terminal spends on an update: verifying the manifest's SM2 signature, hashing a 48 MiB
 * application release (the size of the spec's example), and downloading it over loopback into staging
 * with its size and SHA-256 checked. Run with {@code .ci/bench kiosk-app UpdateBench -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class UpdateBench {

    private static final int SIZE = 48 * 1024 * 1024;

    private Path home;
    private Path artifact;
    private Path staging;
    private HttpServer server;
    private ChannelClient client;
    private Manifest.Artifact declared;
    private OperatorKeys keys;
    private List<PublicKey> trusted;
    private byte[] manifest;
    private String signature;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        home = Files.createTempDirectory("tongban-update-bench-");
        keys = new OperatorKeys();
        keys.generate(home.resolve("keys"), new SecureRandom());
        PrivateKey key = keys.readPrivate(home.resolve("keys").resolve(OperatorKeys.PRIVATE_FILE));
        trusted = keys.readTrusted(List.of(home.resolve("keys").resolve(OperatorKeys.PUBLIC_FILE)));
        manifest = ("{\"schema\":1,\"version\":\"1.4.2\",\"sequence\":42,\"notes\":\"" + "x".repeat(500) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        signature = keys.sign(key, manifest);

        Path channel = Files.createDirectories(home.resolve("channel"));
        artifact = channel.resolve("app-1.4.2.zip");
        byte[] bytes = new byte[SIZE];
        new Random(42).nextBytes(bytes);
        Files.write(artifact, bytes);
        declared = new Manifest.Artifact("app-1.4.2.zip", ArtifactKind.APP, SIZE, ChannelClient.sha256(artifact));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", ex -> {
            try (ex) {
                ex.sendResponseHeaders(200, SIZE);
                Files.copy(artifact, ex.getResponseBody());
            }
        });
        server.start();
        client = new ChannelClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
                Duration.ofSeconds(30));
        staging = home.resolve("staging");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        server.stop(0);
        try (var s = Files.walk(home)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    public boolean verifyManifestSignature() {
        return keys.verify(trusted, manifest, signature);
    }

    @Benchmark
    public String sha256Of48MiB() throws IOException {
        return ChannelClient.sha256(artifact);
    }

    @Benchmark
    public Path download48MiBAndVerify() throws Exception {
        Files.deleteIfExists(staging.resolve(declared.name()));
        return client.download(declared, staging);
    }
}
