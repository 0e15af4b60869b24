package org.tongban.kiosk.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.tongban.kiosk.catalog.CatalogJson;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.platform.TerminalSecret;
import org.tongban.kiosk.platformsim.FaultRates;
import org.tongban.kiosk.platformsim.PlatformSimulator;
import org.tongban.kiosk.transport.CertificateAuthority;
import org.tongban.kiosk.transport.TlsTrust;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./kiosk platform-sim}: the provincial platform simulator on its own, for tests of real terminals. */
@Command(name = "platform-sim", mixinStandardHelpOptions = true,
        description = "Run the platform simulator (the terminal gateway of platform-api.yaml) on loopback.")
final class PlatformSimCommand extends Subcommand {

    @Option(names = "--tls", description = "serve HTTPS: with --tls-cert/--tls-key, or with a certificate for 127.0.0.1 "
            + "from a CA made for this run, written to --tls-ca-out for the terminal's platform.caBundle")
    boolean tls;

    @Option(names = "--tls-cert", paramLabel = "F", description = "PEM certificate chain of the simulator (with --tls)")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "F", description = "PEM private key of that certificate")
    Path tlsKey;

    @Option(names = "--tls-ca-out", paramLabel = "F", description = "where the generated CA's certificate goes "
            + "(default: platform-sim-ca.pem beside the secret file)")
    Path tlsCaOut;

    @Option(names = "--client-ca", paramLabel = "F", description = "with --tls: demand a terminal certificate issued "
            + "by this PEM CA (mutual TLS)")
    Path clientCa;

    @Option(names = "--port", description = "loopback port (default: ${DEFAULT-VALUE})")
    int port = 18080;

    @Option(names = "--secret-file", paramLabel = "F",
            description = "the terminals' HMAC-SM3 secret (its text, whitespace trimmed, as UTF-8); created (64 "
                    + "random hex characters, mode 600) when missing (default: a new one in a temporary folder, "
                    + "its path printed)")
    Path secretFile;

    @Option(names = "--terminal-id", paramLabel = "ID", description = "terminal ids to accept (default: YN-KM-GD-0001)")
    List<String> terminalIds = List.of("YN-KM-GD-0001");

    @Option(names = "--catalog", paramLabel = "DIR", description = "catalog folder served on GET /api/v1/catalog "
            + "(default: ${DEFAULT-VALUE})")
    Path catalog = Installation.current().catalog();

    @Option(names = "--fault-unavailable", paramLabel = "RATE",
            description = "chance per request of a 503 with Retry-After (0..1)")
    double unavailable;

    @Option(names = "--retry-after", paramLabel = "S", description = "Retry-After of those 503s (default: 1)")
    long retryAfterSeconds = 1;

    @Option(names = "--fault-drop-after-commit", paramLabel = "RATE",
            description = "chance per batch of filing it, then dropping the connection unanswered")
    double dropAfterCommit;

    @Option(names = "--fault-garbage", paramLabel = "RATE",
            description = "chance per request of a 200 whose body is not JSON (nothing filed)")
    double garbage;

    @Option(names = "--fault-truncate", paramLabel = "RATE",
            description = "chance per batch of filing it, then answering half of the JSON")
    double truncate;

    @Option(names = "--fault-slow", paramLabel = "RATE",
            description = "chance per batch of filing it, then waiting --slow-ms before answering")
    double slow;

    @Option(names = "--slow-ms", paramLabel = "MS", description = "how slow a slow answer is (default: 2000)")
    long slowMillis = 2000;

    @Option(names = "--fault-reject", paramLabel = "RATE",
            description = "chance per new transaction of refusing it for good (REJECTED)")
    double reject;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the random faults (default: random, printed)")
    Long seed;

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
            FaultRates rates = new FaultRates(unavailable, Duration.ofSeconds(retryAfterSeconds), dropAfterCommit,
                    garbage, truncate, slow, Duration.ofMillis(slowMillis), reject);
            long faultSeed = seed == null ? System.nanoTime() : seed;
            if (!rates.equals(FaultRates.NONE)) {
                sim.randomFaults(rates, faultSeed);
                out().println("platform-sim: random faults " + rates + ", seed " + faultSeed);
            }
            if (tls) {
                sim.useTls(tlsContext(), clientCa != null);
            }
            sim.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                sim.close();
                stopped.countDown();
            }));
            out().println("platform-sim: listening on " + sim.baseUrl() + " for " + terminalIds
                    + ", secret in " + secretFile.toAbsolutePath() + " (Ctrl-C to stop)");
            stopped.await();
        }
        return ExitCode.OK;
    }

    /** The given certificate and key, or one for 127.0.0.1 from a CA made now (its certificate written out). */
    private SSLContext tlsContext() throws Exception {
        List<X509Certificate> clients = clientCa == null ? List.of() : TlsTrust.readCertificates(clientCa);
        if (tlsCert != null || tlsKey != null) {
            if (tlsCert == null || tlsKey == null) {
                throw new IllegalArgumentException("--tls-cert and --tls-key go together");
            }
            return TlsTrust.server(TlsTrust.readCertificates(tlsCert), TlsTrust.readPrivateKey(tlsKey), clients);
        }
        CertificateAuthority ca = CertificateAuthority.create("Tongban platform simulator CA");
        Path caFile = tlsCaOut != null ? tlsCaOut : secretFile.toAbsolutePath().resolveSibling("platform-sim-ca.pem");
        TlsTrust.writePem(caFile, ca.certificate());
        out().println("platform-sim: TLS certificate from a CA made for this run; the terminal trusts it with "
                + "platform.caBundle: " + caFile);
        CertificateAuthority.Issued server = ca.issueServer("127.0.0.1", "localhost");
        return TlsTrust.server(server.chain(), server.key(), clients);
    }

    private byte[] secret() throws Exception {
        if (secretFile == null) {
            // Never beside the user's files (nor in a checkout, where it could be committed): a folder of its own.
            secretFile = Files.createTempDirectory("tongban-platform-sim-").resolve("platform-sim.secret");
        }
        if (Files.exists(secretFile)) {
            return new TerminalSecret(secretFile).read();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String s = HexFormat.of().formatHex(random);
        Files.writeString(secretFile, s + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing more to restrict.
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
