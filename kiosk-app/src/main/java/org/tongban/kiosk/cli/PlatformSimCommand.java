package org.tongban.kiosk.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.tongban.kiosk.catalog.CatalogJson;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.platformsim.PlatformSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./kiosk platform-sim}: the provincial platform simulator on its own, for tests of real terminals. */
@Command(name = "platform-sim", mixinStandardHelpOptions = true,
        description = "Run the platform simulator (the terminal gateway of platform-api.yaml) on loopback.")
final class PlatformSimCommand implements Callable<Integer> {

    @Option(names = "--port", description = "loopback port (default: ${DEFAULT-VALUE})")
    int port = 18080;

    @Option(names = "--secret-file", paramLabel = "F",
            description = "the terminals' HMAC-SM3 secret; created (32 random bytes, mode 600) when missing "
                    + "(default: ${DEFAULT-VALUE})")
    Path secretFile = Path.of("platform-sim.secret");

    @Option(names = "--terminal-id", paramLabel = "ID", description = "terminal ids to accept (default: YN-KM-GD-0001)")
    List<String> terminalIds = List.of("YN-KM-GD-0001");

    @Option(names = "--catalog", paramLabel = "DIR", description = "catalog folder served on GET /api/v1/catalog "
            + "(default: ${DEFAULT-VALUE})")
    Path catalog = Path.of("config/catalog");

    @Override
    public Integer call() throws Exception {
        byte[] secret = secret();
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        terminalIds.forEach(id -> secrets.put(id, secret));
        String catalogJson = Files.isDirectory(catalog)
                ? CatalogJson.write(new CatalogLoader().load(catalog))
                : "{\"version\":\"empty\",\"categories\":[],\"items\":[]}";
        CountDownLatch stopped = new CountDownLatch(1);
        try (PlatformSimulator sim = new PlatformSimulator(port, secrets, catalogJson)) {
            sim.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                sim.close();
                stopped.countDown();
            }));
            System.out.println("platform-sim: listening on " + sim.baseUrl() + " for " + terminalIds
                    + ", secret in " + secretFile.toAbsolutePath() + " (Ctrl-C to stop)");
            stopped.await();
        }
        return 0;
    }

    private byte[] secret() throws Exception {
        if (Files.exists(secretFile)) {
            return Files.readAllBytes(secretFile);
        }
        byte[] s = new byte[32];
        new SecureRandom().nextBytes(s);
        Files.write(secretFile, s);
        try {
            Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing more to restrict.
        }
        return s;
    }
}
