package org.tongban.fleet.db;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: a PostgreSQL cluster of Debian's binaries under {@code DATA_DIR/postgres}, on a loopback
 * port, password-protected. PostgreSQL refuses to run as root, so when we are root the cluster belongs to a
 * dedicated system user ({@value #SYSTEM_USER}, created on first use) and its programs run through
 * {@code runuser}. A second process on the same data folder (the CLI beside a running server) finds the
 * cluster running and uses it; only the process that started it stops it.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String SYSTEM_USER = "tongban-fleet";
    private static final String SUPERUSER = "fleet";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private final Path dataDir;
    private final Path binDir;
    private final Path cluster;
    private final String password;
    private final int port;
    private boolean startedByUs;

    private EmbeddedPostgres(Path dataDir, Path binDir, String password, int port) {
        this.dataDir = dataDir;
        this.binDir = binDir;
        this.cluster = dataDir.resolve("postgres");
        this.password = password;
        this.port = port;
    }

    /** Creates the cluster on first use, starts it unless it runs already. */
    public static EmbeddedPostgres open(Path dataDir) {
        try {
            Path dir = dataDir.toAbsolutePath().normalize();
            Files.createDirectories(dir);
            Path bin = findBinaries();
            Path passwordFile = dir.resolve("postgres.password");
            Path portFile = dir.resolve("postgres.port");
            boolean fresh = !Files.exists(dir.resolve("postgres").resolve("PG_VERSION"));
            String password;
            if (fresh) {
                password = HexFormat.of().formatHex(randomBytes(24));
                writePrivate(passwordFile, password);
            } else {
                password = Files.readString(passwordFile).strip();
            }
            EmbeddedPostgres pg = new EmbeddedPostgres(dir, bin, password, 0);
            if (fresh) {
                pg.initdb();
            }
            if (pg.running() && Files.exists(portFile)) {
                int port = Integer.parseInt(Files.readString(portFile).strip());
                return new EmbeddedPostgres(dir, bin, password, port);
            }
            int port = freePort();
            writePrivate(portFile, Integer.toString(port));
            EmbeddedPostgres started = new EmbeddedPostgres(dir, bin, password, port);
            started.start();
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("cannot set up PostgreSQL under " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of a database in this cluster (created when missing). */
    public String jdbcUrl(String database) {
        try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, password)) {
            try (var st = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                st.setString(1, database);
                if (!st.executeQuery().next()) {
                    c.createStatement().execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
        return url(database) + "?user=" + SUPERUSER + "&password=" + password;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** Stops the server now (tests use it to take the database away); {@link #restart()} brings it back. */
    public void stop() {
        run(List.of(binDir.resolve("pg_ctl").toString(), "-D", cluster.toString(), "-m", "fast", "-w", "stop"));
    }

    public void restart() {
        start();
    }

    @Override
    public void close() {
        if (startedByUs && running()) {
            stop();
        }
    }

    private void initdb() throws IOException {
        Files.createDirectories(cluster);
        Path pwfile = dataDir.resolve("initdb.pw");
        writePrivate(pwfile, password);
        try {
            handToServiceUser(cluster);
            handToServiceUser(pwfile);
            run(List.of(binDir.resolve("initdb").toString(), "-D", cluster.toString(), "-U", SUPERUSER,
                    "--pwfile=" + pwfile, "--auth=scram-sha-256", "-E", "UTF8", "--no-locale"));
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    private void start() {
        run(List.of(binDir.resolve("pg_ctl").toString(), "-D", cluster.toString(), "-w", "-t", "60",
                "-l", cluster.resolve("server.log").toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200",
                "start"));
        startedByUs = true;
        log.info("PostgreSQL started on 127.0.0.1:{} ({})", port, cluster);
    }

    private boolean running() {
        return Files.exists(cluster.resolve("postmaster.pid")) && exec(
                asServiceUser(List.of(binDir.resolve("pg_ctl").toString(), "-D", cluster.toString(), "status"))).exitCode == 0;
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** As root: the cluster's folder belongs to the service user, who must be able to reach it. */
    private void handToServiceUser(Path path) throws IOException {
        if (!root()) {
            return;
        }
        ensureServiceUser();
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx--x--x"));
        exec(List.of("chown", "-R", SYSTEM_USER, path.toString())).orFail("chown " + path);
        if (exec(List.of("runuser", "-u", SYSTEM_USER, "--", "test", "-w", path.toString())).exitCode != 0) {
            throw new IllegalStateException("user " + SYSTEM_USER + " cannot reach " + path
                    + ": make its parent folders searchable (chmod o+x) or choose another --data-dir");
        }
    }

    private static void ensureServiceUser() {
        if (exec(List.of("id", "-u", SYSTEM_USER)).exitCode != 0) {
            exec(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_USER))
                    .orFail("useradd " + SYSTEM_USER);
        }
    }

    private static List<String> asServiceUser(List<String> command) {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
        }
        full.addAll(command);
        return full;
    }

    private void run(List<String> command) {
        exec(asServiceUser(command)).orFail(Path.of(command.get(0)).getFileName() + " " + String.join(" ", command.subList(1, command.size())));
    }

    private static Path findBinaries() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            throw new IllegalStateException("PostgreSQL is not installed (no /usr/lib/postgresql): "
                    + "apt-get install postgresql, or give --database URL");
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql/*/bin"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private record Result(int exitCode, String output) {
        void orFail(String what) {
            if (exitCode != 0) {
                throw new IllegalStateException(what + " failed (exit " + exitCode + "): " + output.strip());
            }
        }
    }

    private static Result exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
