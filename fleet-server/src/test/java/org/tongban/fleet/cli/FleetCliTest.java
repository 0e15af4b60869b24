package org.tongban.fleet.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.fleet.audit.AuditLog;
import org.tongban.fleet.db.Database;
import org.tongban.fleet.operators.Operators;
import org.tongban.fleet.operators.PasswordHasher;
import org.tongban.fleet.operators.Role;
import org.tongban.fleet.operators.Secrets;
import org.tongban.fleet.support.TestPostgres;
import org.tongban.fleet.support.WithPostgres;

/** The operators' commands against a real PostgreSQL given by --database, as a province would run them. */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetCliTest {

    String url;
    @TempDir
    Path dir;

    @BeforeAll
    void database(TestPostgres postgres) {
        url = postgres.freshUrl("cli");
    }

    record Run(int exit, String out, String err) {
    }

    Run fleet(String stdin, String... args) {
        PrintStream out = System.out, err = System.err;
        InputStream in = System.in;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int exit = FleetCli.run(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        }
    }

    long count(String sql) throws Exception {
        try (Database db = Database.open(url, 2); var c = db.connection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void importWritesOneSecretPerTerminalAndABadRowStoresNothing() throws Exception {
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "terminalId,region,hall,profile\nCLI-0001,Kunming,Wuhua,HALL_KIOSK\nCLI-0002,Kunming,Wuhua,BANK_STM\n");
        Path secrets = dir.resolve("secrets");
        Run r = fleet("", "terminals", "import", good.toString(), "--secrets-out", secrets.toString(), "--database", url);
        assertThat(r.err(), r.exit(), is(0));
        Path secret = secrets.resolve("CLI-0001.secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)), is("rw-------"));
        assertThat(Files.readAllLines(secret).size(), is(1));
        assertThat(Files.readString(secret).strip().matches("[0-9a-f]{64}"), is(true));

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "terminalId,region,hall,profile\nCLI-0003,Dali,Xiaguan,HALL_KIOSK\nCLI-0004,Dali,,HALL_KIOSK\n");
        Run refused = fleet("", "terminals", "import", bad.toString(), "--secrets-out", secrets.toString(), "--database", url);
        assertThat(refused.exit(), is(1));
        assertThat(refused.err(), containsString(bad + ":3: region and hall must not be empty"));
        Path again = dir.resolve("again.csv");
        Files.writeString(again, "terminalId,region,hall,profile\nCLI-0005,Dali,Xiaguan,HALL_KIOSK\nCLI-0001,Dali,Xiaguan,HALL_KIOSK\n");
        Run duplicate = fleet("", "terminals", "import", again.toString(), "--secrets-out", dir.resolve("s2").toString(), "--database", url);
        assertThat(duplicate.exit(), is(1));
        assertThat(duplicate.err(), containsString(again + ":3: CLI-0001 is already enrolled"));
        assertThat("all or nothing", count("SELECT count(*) FROM terminal"), is(2L));
        assertThat("no secret left behind", Files.exists(dir.resolve("s2").resolve("CLI-0005.secret")), is(false));

        String before = Files.readString(secret);
        assertThat(fleet("", "terminals", "rotate", "CLI-0001", "--secrets-out", secrets.toString(), "--database", url).exit(), is(0));
        assertThat(Files.readString(secret), not(before));
        assertThat(fleet("", "terminals", "revoke", "CLI-0002", "--database", url).exit(), is(0));
        Run unknown = fleet("", "terminals", "revoke", "NOBODY", "--database", url);
        assertThat(unknown.exit(), is(1));
        assertThat(unknown.err(), containsString("NOBODY is not enrolled"));
        assertThat(count("SELECT count(*) FROM audit WHERE action IN ('terminals.import', 'terminals.rotate', 'terminals.revoke')"), is(3L));
    }

    @Test
    void tokenCreatePrintsTheTokenOnTheLastLineAndStoresOnlyItsHash() throws Exception {
        Run r = fleet("", "token", "create", "--role", "OPERATOR", "--name", "province-noc", "--database", url);
        assertThat(r.err(), r.exit(), is(0));
        List<String> lines = r.out().lines().toList();
        String token = lines.get(lines.size() - 1);
        assertThat(count("SELECT count(*) FROM api_token WHERE token_hash = '" + Secrets.digest(token) + "'"), is(1L));
        assertThat(count("SELECT count(*) FROM api_token WHERE token_hash = '" + token + "'"), is(0L));
        try (Database db = Database.open(url, 2)) {
            var who = new Operators(db, new AuditLog(db), new PasswordHasher(), new Secrets()).byToken(token).orElseThrow();
            assertThat(who.role(), is(Role.OPERATOR));
        }
        Run bad = fleet("", "token", "create", "--role", "KING", "--name", "x", "--database", url);
        assertThat(bad.exit(), is(1));
        assertThat(bad.err(), containsString("role must be VIEWER, STAFF, OPERATOR or ADMIN"));
        Run nowhere = fleet("", "token", "create", "--role", "VIEWER", "--name", "x");
        assertThat(nowhere.exit(), is(2));
        assertThat(nowhere.err(), containsString("--data-dir D or --database URL"));
    }

    @Test
    void userAddTakesThePasswordFromStandardInputOrAFile() throws Exception {
        assertThat(fleet("a-long-password\n", "user", "add", "li", "--role", "STAFF", "--halls", "Wuhua,Panlong", "--database", url).exit(), is(0));
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "another-password\n");
        assertThat(fleet("", "user", "add", "chen", "--role", "ADMIN", "--password-file", pw.toString(), "--database", url).exit(), is(0));
        assertThat(count("SELECT count(*) FROM account WHERE name = 'li' AND halls = '{Wuhua,Panlong}'"), is(1L));
        Run shortPw = fleet("short\n", "user", "add", "zhou", "--role", "VIEWER", "--database", url);
        assertThat(shortPw.exit(), is(1));
        assertThat(shortPw.err(), containsString("at least 8 characters"));
        Run noHalls = fleet("a-long-password\n", "user", "add", "sun", "--role", "STAFF", "--database", url);
        assertThat(noHalls.err(), containsString("STAFF account needs --halls"));
    }
}
