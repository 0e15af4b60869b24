package org.tongban.fleet.cli;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

import org.tongban.fleet.app.FleetServer;
import org.tongban.fleet.audit.AuditLog;
import org.tongban.fleet.db.Database;
import org.tongban.fleet.db.EmbeddedPostgres;
import org.tongban.fleet.operators.Operators;
import org.tongban.fleet.operators.PasswordHasher;
import org.tongban.fleet.operators.Role;
import org.tongban.fleet.operators.Secrets;
import org.tongban.fleet.terminals.Enrolment;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./fleet}: the server and the operators' commands. Any problem: one line on stderr and exit 1 (2 for usage). */
@Command(name = "fleet", mixinStandardHelpOptions = true, subcommands = {FleetCli.Serve.class, FleetCli.Terminals.class,
        FleetCli.Token.class, FleetCli.User.class, FleetCli.Bench.class, RolloutCommands.class, SimulateCommand.class}, description = "The Tongban fleet server and its commands.")
public final class FleetCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line; returns the exit code (0 done, 1 a problem, 2 a usage error). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new FleetCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            System.err.println("fleet: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cli.execute(args);
    }

    /** Where the database is: the embedded cluster under a data folder, or a PostgreSQL URL. */
    static final class Where {
        @Option(names = "--data-dir", description = "folder of the embedded PostgreSQL (created on first use)")
        Path dataDir;
        @Option(names = "--database", description = "jdbc:postgresql://HOST:PORT/DB?user=...&password=...")
        String database;
    }

    /** The database of a command, with the embedded cluster it may have started; closing stops what it started. */
    record Opened(Database db, EmbeddedPostgres embedded) implements AutoCloseable {
        static Opened of(Where where, int connections) {
            if (where == null || (where.dataDir == null) == (where.database == null)) {
                throw new CommandLine.ParameterException(new CommandLine(new FleetCli()), "give --data-dir D or --database URL");
            }
            if (where.database != null) {
                return new Opened(Database.open(where.database, connections), null);
            }
            EmbeddedPostgres pg = EmbeddedPostgres.open(where.dataDir);
            try {
                return new Opened(Database.open(pg.jdbcUrl("fleet"), connections), pg);
            } catch (RuntimeException e) {
                pg.close();
                throw e;
            }
        }

        @Override
        public void close() {
            db.close();
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    static String actor() {
        return "cli:" + System.getProperty("user.name");
    }

    @Command(name = "serve", description = "Run the server (terminal API, operator API, console).")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "18090") int port;
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on") String host;
        @ArgGroup(exclusive = false) Where where = new Where();
        @Option(names = "--heartbeat-interval", defaultValue = "30", description = "seconds between heartbeats") int interval;
        @Option(names = "--offline-after", defaultValue = "3", description = "heartbeat intervals without one before OFFLINE") int offlineIntervals;
        @Option(names = "--outbox-stuck-after", defaultValue = "1800", description = "seconds the oldest pending transaction may wait") int stuck;
        @Option(names = "--webhook", description = "URL the alerts are posted to (JSON)") URI webhook;
        @Option(names = "--history-days", defaultValue = "7", description = "days the heartbeat history keeps (besides its last 50 per terminal)") int historyDays;

        @Override
        public Integer call() throws Exception {
            if (interval < 1) {
                throw new IllegalArgumentException("--heartbeat-interval must be at least 1 second");
            }
            CountDownLatch stop = new CountDownLatch(1);
            CountDownLatch stopped = new CountDownLatch(1);
            // On Ctrl-C or SIGTERM: stop serving, then stop the embedded PostgreSQL, before the JVM exits.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                try {
                    stopped.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            try (Opened o = Opened.of(where, 20);
                    FleetServer server = new FleetServer(o.db(), new FleetServer.Settings(host, port, Duration.ofSeconds(interval),
                            offlineIntervals, Duration.ofSeconds(stuck), webhook, FleetServer.Settings.CHINA, Duration.ofDays(historyDays))).start()) {
                System.out.println("fleet: serving on http://" + host + ":" + server.port() + "/console");
                stop.await();
            } finally {
                stopped.countDown();
            }
            return 0;
        }
    }

    @Command(name = "bench", description = "Measure: heartbeats/s and latency with N simulated terminals, staff call to staff view, overview load.")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--terminals", description = "simulated terminals (default 3000; 10000 with --scale)") Integer terminalsGiven;
        @Option(names = "--parallel", defaultValue = "32", description = "heartbeats in flight at once") int parallel;
        @Option(names = "--rounds", defaultValue = "3", description = "heartbeats of every terminal measured") int rounds;
        @ArgGroup(exclusive = false) Where where = new Where();
        @Option(names = "--scale", description = "two instances behind Debian's nginx, N simulated terminals at a 60 s interval (default 10000), a burst, a rollout, a simulated week") boolean scale;
        @Option(names = "--steady", defaultValue = "600", description = "--scale: seconds of the steady phase (default 600)") int steady;
        @Option(names = "--burst", defaultValue = "60", description = "--scale: seconds of the burst (default 60)") int burst;
        @Option(names = "--burst-rate", defaultValue = "1700", description = "--scale: heartbeats/s of the burst (100,000 terminals at 60 s)") int burstRate;
        @Option(names = "--no-rollout", description = "--scale: leave the rollout out") boolean noRollout;

        @Override
        public Integer call() throws Exception {
            int terminals = terminalsGiven != null ? terminalsGiven : scale ? 10_000 : 3_000;
            Path temp = null;
            if (where.dataDir == null && where.database == null) {
                temp = Files.createTempDirectory(Path.of("/tmp"), "fleet-bench");
                Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
                where.dataDir = temp.resolve("data");
            }
            EmbeddedPostgres pg = where.database == null ? EmbeddedPostgres.open(where.dataDir) : null;
            String url = pg == null ? where.database : pg.jdbcUrl("bench_" + System.currentTimeMillis());
            try {
                if (scale) {
                    Path work = Files.createTempDirectory(Path.of("/tmp"), "fleet-scale");
                    try {
                        new org.tongban.fleet.bench.ScaleBench(new org.tongban.fleet.bench.ScaleBench.Settings(terminals, Duration.ofSeconds(steady),
                                Duration.ofSeconds(burst), burstRate, !noRollout, work, url,
                                where.dataDir == null ? null : where.dataDir.toAbsolutePath().normalize().resolve("postgres"))).run();
                    } finally {
                        try (var walk = Files.walk(work)) {
                            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                        }
                    }
                } else {
                    try (Database db = Database.open(url, 20)) {
                        new org.tongban.fleet.bench.FleetBench(db, terminals, parallel, rounds).run();
                    }
                }
            } finally {
                if (pg != null) {
                    pg.close();
                }
                if (temp != null) {
                    try (var walk = Files.walk(temp)) {
                        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "terminals", description = "Enrol, revoke and rotate terminals.",
            subcommands = {Terminals.Import.class, Terminals.Revoke.class, Terminals.Rotate.class})
    static final class Terminals {
        @Command(name = "import", description = "Enrol the terminals of a CSV file (terminalId,region,hall,profile); all or nothing.")
        static final class Import implements Callable<Integer> {
            @Parameters(paramLabel = "FILE.csv") Path file;
            @Option(names = "--secrets-out", required = true) Path secretsOut;
            @ArgGroup(exclusive = false) Where where = new Where();

            @Override
            public Integer call() throws Exception {
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException(file + ": no such file");
                }
                List<Enrolment.Row> rows = Enrolment.parse(file);
                try (Opened o = Opened.of(where, 2)) {
                    new Enrolment(o.db(), new AuditLog(o.db())).importAll(file, rows, secretsOut, actor());
                }
                System.out.println("enrolled " + rows.size() + " terminals; secrets in " + secretsOut);
                return 0;
            }
        }

        @Command(name = "revoke", description = "Refuse a terminal from now on.")
        static final class Revoke implements Callable<Integer> {
            @Parameters(paramLabel = "ID") String id;
            @ArgGroup(exclusive = false) Where where = new Where();

            @Override
            public Integer call() throws Exception {
                try (Opened o = Opened.of(where, 2)) {
                    if (!new Enrolment(o.db(), new AuditLog(o.db())).revoke(id, actor())) {
                        throw new IllegalArgumentException(id + " is not enrolled or already revoked");
                    }
                }
                System.out.println("revoked " + id);
                return 0;
            }
        }

        @Command(name = "rotate", description = "Give a terminal a new secret (the old one stops working).")
        static final class Rotate implements Callable<Integer> {
            @Parameters(paramLabel = "ID") String id;
            @Option(names = "--secrets-out", required = true) Path secretsOut;
            @ArgGroup(exclusive = false) Where where = new Where();

            @Override
            public Integer call() throws Exception {
                try (Opened o = Opened.of(where, 2)) {
                    if (!new Enrolment(o.db(), new AuditLog(o.db())).rotate(id, secretsOut, actor())) {
                        throw new IllegalArgumentException(id + " is not enrolled");
                    }
                }
                System.out.println("new secret in " + Enrolment.secretFile(secretsOut, id));
                return 0;
            }
        }
    }

    private static Operators operators(Database db) {
        return new Operators(db, new AuditLog(db), new PasswordHasher(), new Secrets());
    }

    @Command(name = "token", description = "API tokens.", subcommands = Token.Create.class)
    static final class Token {
        @Command(name = "create", description = "A new bearer token, printed on the last line (stored hashed).")
        static final class Create implements Callable<Integer> {
            @Option(names = "--role", required = true) String role;
            @Option(names = "--name", required = true) String name;
            @ArgGroup(exclusive = false) Where where = new Where();

            @Override
            public Integer call() throws Exception {
                Role r = Role.parse(role);
                try (Opened o = Opened.of(where, 2)) {
                    String token = operators(o.db()).createToken(name, r, actor(), null);
                    System.out.println("token for " + name + " (" + r + "), shown once:");
                    System.out.println(token);
                }
                return 0;
            }
        }
    }

    @Command(name = "user", description = "Console accounts.", subcommands = User.Add.class)
    static final class User {
        @Command(name = "add", description = "A console account; the password comes from --password-file or standard input.")
        static final class Add implements Callable<Integer> {
            @Parameters(paramLabel = "NAME") String name;
            @Option(names = "--role", required = true) String role;
            @Option(names = "--halls", split = ",", description = "halls a STAFF account looks after") List<String> halls;
            @Option(names = "--display-name") String displayName;
            @Option(names = "--password-file") Path passwordFile;
            @ArgGroup(exclusive = false) Where where = new Where();

            @Override
            public Integer call() throws Exception {
                Role r = Role.parse(role);
                String password = passwordFile != null ? Files.readString(passwordFile, StandardCharsets.UTF_8)
                        : new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                password = password.lines().findFirst().orElse("");
                Set<String> hallSet = halls == null ? Set.of() : new LinkedHashSet<>(halls.stream().map(String::strip).toList());
                try (Opened o = Opened.of(where, 2)) {
                    operators(o.db()).addAccount(name, displayName, r, hallSet, password.toCharArray(), actor(), null);
                }
                System.out.println("added " + name + " (" + r + ")");
                return 0;
            }
        }
    }

}
