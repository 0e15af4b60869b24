package org.tongban.fleet.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tongban.fleet.app.FleetServer;
import org.tongban.fleet.audit.AuditLog;
import org.tongban.fleet.db.Database;
import org.tongban.fleet.operators.Operators;
import org.tongban.fleet.operators.PasswordHasher;
import org.tongban.fleet.operators.Role;
import org.tongban.fleet.operators.Secrets;
import org.tongban.fleet.simulator.TerminalSimulator;
import org.tongban.fleet.terminals.Enrolment;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A fleet server on a loopback port over a fresh database, with terminals enrolled through the same code as
 * {@code ./fleet terminals import}, and tokens/accounts made as {@code ./fleet token create} makes them.
 */
public final class FleetFixture implements AutoCloseable {

    public final Database db;
    /** The database's JDBC URL, as an operator passes it to {@code ./fleet ... --database}. */
    public final String url;
    public final FleetServer server;
    public final URI base;
    public final Path secrets;
    public final ObjectMapper json = new ObjectMapper();
    public final HttpClient http = HttpClient.newHttpClient();
    private final Path dir;

    public FleetFixture(TestPostgres postgres, String name, FleetServer.Settings settings, String csv) throws Exception {
        this.url = postgres.freshUrl(name);
        this.db = Database.open(url, 20);
        this.dir = Files.createTempDirectory("fleet-fixture");
        this.secrets = dir.resolve("secrets");
        Path file = dir.resolve("terminals.csv");
        Files.writeString(file, csv);
        new Enrolment(db, new AuditLog(db)).importAll(file, Enrolment.parse(file), secrets, "test");
        this.server = new FleetServer(db, settings).start();
        this.base = URI.create("http://127.0.0.1:" + server.port());
    }

    public static String csv(String... rows) {
        return Enrolment.CSV_HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    public Operators operators() {
        return new Operators(db, new AuditLog(db), new PasswordHasher(), new Secrets());
    }

    public String token(Role role) throws Exception {
        return operators().createToken(role.name().toLowerCase() + "-token", role, "test", null);
    }

    public void account(String name, Role role, String password, String... halls) throws Exception {
        operators().addAccount(name, name + " (display)", role, Set.of(halls), password.toCharArray(), "test", null);
    }

    public TerminalSimulator simulator(String... ids) throws IOException {
        return new TerminalSimulator(base, secrets, List.of(ids), 4, json);
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public long count(String sql) throws Exception {
        try (var c = db.connection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static List<String> ids(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(String.format("%s-%04d", prefix, i));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        server.close();
        db.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
