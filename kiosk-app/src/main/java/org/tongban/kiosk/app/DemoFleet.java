package org.tongban.kiosk.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.fleet.app.FleetServer;
import org.tongban.fleet.audit.AuditLog;
import org.tongban.fleet.db.Database;
import org.tongban.fleet.db.EmbeddedPostgres;
import org.tongban.fleet.operators.Operators;
import org.tongban.fleet.operators.PasswordHasher;
import org.tongban.fleet.operators.Role;
import org.tongban.fleet.operators.Secrets;
import org.tongban.fleet.simulator.SimulatedTerminal;
import org.tongban.fleet.simulator.TerminalSimulator;
import org.tongban.fleet.terminals.Enrolment;
import org.tongban.kiosk.config.KioskConfig;

/**
 * The demo's fleet: the fleet server on loopback with its embedded PostgreSQL under the demo folder, the demo
 * terminal enrolled in the first hall with fifty simulated terminals around it in three halls (a few with
 * faults, one whose citizen is calling staff), and a console login made for the demo. What a newcomer sees in
 * the console is the whole product: the demo kiosk among its neighbours.
 */
public final class DemoFleet implements AutoCloseable {

    /** The demo's console login name; its password is new for every demo and printed. */
    public static final String LOGIN = "demo";
    /** The hall the demo kiosk stands in, with the simulated terminals of the first hall. */
    public static final String HALL = "五华区政务服务中心 24h";
    static final int SIMULATED = 50;
    static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final String REGION = "昆明市";
    private static final List<String> HALLS = List.of(HALL, "盘龙区政务服务中心 24h", "官渡区政务服务中心 24h");
    private static final Logger log = LoggerFactory.getLogger(DemoFleet.class);

    private final EmbeddedPostgres postgres;
    private final Database db;
    private final FleetServer server;
    private final TerminalSimulator simulator;
    private final ScheduledExecutorService beats;
    private final Path secrets;
    private final String password;
    private final String apiToken;

    private DemoFleet(EmbeddedPostgres postgres, Database db, FleetServer server, TerminalSimulator simulator,
                      ScheduledExecutorService beats, Path secrets, String password, String apiToken) {
        this.postgres = postgres;
        this.db = db;
        this.server = server;
        this.simulator = simulator;
        this.beats = beats;
        this.secrets = secrets;
        this.password = password;
        this.apiToken = apiToken;
    }

    /**
     * Starts it all under {@code dir}; the demo terminal {@code terminalId} is enrolled and its secret written.
     *
     * @throws IllegalStateException when it cannot start (no PostgreSQL on this machine, say), saying why
     */
    public static DemoFleet start(Path dir, String terminalId) throws Exception {
        Files.createDirectories(dir);
        // As root, PostgreSQL runs as its own user, who must be able to pass through the demo folder to its own.
        Files.setPosixFilePermissions(dir.getParent(), java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        EmbeddedPostgres pg = EmbeddedPostgres.open(dir);
        Database db = null;
        FleetServer server = null;
        TerminalSimulator sim = null;
        try {
            db = Database.open(pg.jdbcUrl("fleet"), 10);
            List<String> simulated = new ArrayList<>();
            StringBuilder csv = new StringBuilder(Enrolment.CSV_HEADER).append('\n')
                    .append(terminalId).append(',').append(REGION).append(',').append(HALL).append(",HALL_KIOSK\n");
            for (int i = 1; i <= SIMULATED; i++) {
                String id = String.format("YN-KM-SIM-%04d", i);
                simulated.add(id);
                csv.append(id).append(',').append(REGION).append(',').append(HALLS.get(i % HALLS.size()))
                        .append(i % 5 == 0 ? ",BANK_STM\n" : ",HALL_KIOSK\n");
            }
            Path file = dir.resolve("terminals.csv");
            Files.writeString(file, csv);
            Path secrets = dir.resolve("secrets");
            AuditLog audit = new AuditLog(db);
            new Enrolment(db, audit).importAll(file, Enrolment.parse(file), secrets, "demo");
            Operators operators = new Operators(db, audit, new PasswordHasher(), new Secrets());
            byte[] random = new byte[6];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            operators.addAccount(LOGIN, "演示管理员 Demo admin", Role.ADMIN, Set.of(), password.toCharArray(), "demo", null);
            String apiToken = operators.createToken("大厅值班 Hall duty (demo)", Role.OPERATOR, "demo", null);
            server = new FleetServer(db, FleetServer.Settings.defaults(0).withHeartbeatInterval(INTERVAL)).start();
            URI base = URI.create("http://127.0.0.1:" + server.port());
            sim = new TerminalSimulator(base, secrets, simulated, 2, new ObjectMapper());
            stage(sim);
            ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "demo-fleet-simulator");
                t.setDaemon(true);
                return t;
            });
            TerminalSimulator all = sim;
            beats.scheduleWithFixedDelay(() -> {
                try {
                    all.heartbeatAll(4);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.debug("simulated heartbeats: {}", e.getMessage());
                }
            }, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            log.info("demo fleet: console {}/console, {} simulated terminals", base, SIMULATED);
            return new DemoFleet(pg, db, server, sim, beats, secrets, password, apiToken);
        } catch (Exception | Error e) {
            if (sim != null) {
                sim.close();
            }
            if (server != null) {
                server.close();
            }
            if (db != null) {
                db.close();
            }
            pg.close();
            throw e;
        }
    }

    /** Some terminals with faults, one whose citizen is calling staff, as in a real hall on a busy day. */
    private static void stage(TerminalSimulator sim) {
        List<SimulatedTerminal> t = sim.terminals();
        t.get(3).device("receipt-printer", "DEGRADED", "PAPER_LOW");
        t.get(8).device("receipt-printer", "ERROR", "PAPER_OUT");
        t.get(14).device("id-card-reader", "ERROR", "NOT_RESPONDING");
        t.get(21).outbox(37, 3 * 3600);
        t.get(27).device("camera", "OFFLINE", null);
        t.get(33).device("receipt-printer", "DEGRADED", "COVER_OPEN");
        t.get(6).callStaff("ITEM");
    }

    /** The console's address. */
    public URI console() {
        return URI.create("http://127.0.0.1:" + server.port() + "/console");
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public String password() {
        return password;
    }

    /** An OPERATOR token of the demo, for scripts against the operator API (the end-to-end test acknowledges with it). */
    public String apiToken() {
        return apiToken;
    }

    /** The kiosk's {@code fleet:} settings for the demo terminal. */
    public KioskConfig.Fleet kioskSettings(String terminalId) {
        return new KioskConfig.Fleet(base().toString(), Enrolment.secretFile(secrets, terminalId).toString(), 5);
    }

    @Override
    public void close() {
        beats.shutdownNow();
        simulator.close();
        server.close();
        db.close();
        postgres.close();
    }
}
