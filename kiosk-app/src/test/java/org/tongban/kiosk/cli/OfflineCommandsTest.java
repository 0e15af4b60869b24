package org.tongban.kiosk.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import org.tongban.kiosk.outbox.PayloadKey;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platformsim.FaultRates;
import org.tongban.kiosk.platformsim.PlatformSimulator;

/** The headless commands as scripts outside the project run them: sessions simulate, sync, outbox. */
class OfflineCommandsTest {

    private static final String TERMINAL = "YN-KM-TEST-0042";
    private static final String SECRET = "test-secret-for-offline-commands";

    @TempDir
    Path dir;
    private Path secretFile;
    private Path data;
    private PlatformSimulator platform;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void setUp() throws Exception {
        secretFile = dir.resolve("terminal.secret");
        // Surrounding whitespace is not part of the key.
        Files.writeString(secretFile, "  " + SECRET + "\n\n", StandardCharsets.UTF_8);
        data = dir.resolve("data");
        platform = new PlatformSimulator(0, Map.of(TERMINAL, SECRET.getBytes(StandardCharsets.UTF_8)), "{}").start();
    }

    @AfterEach
    void tearDown() {
        platform.close();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = KioskCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** Runs a command and checks its exit code, showing what it said when the code is wrong. */
    private void assertRuns(int expected, String... args) {
        int code = run(args);
        assertThat("exit code; out: " + out + " err: " + err, code, is(expected));
    }

    private String[] terminal(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--platform", platform.baseUrl().toString(), "--terminal-id", TERMINAL, "--secret-file",
                secretFile.toString(), "--data-dir", data.toString()));
        return args.toArray(String[]::new);
    }

    private JsonNode list() throws Exception {
        assertRuns(0, "outbox", "list", "--json", "--data-dir", data.toString());
        return new ObjectMapper().readTree(out.toString());
    }

    private static Set<String> ids(JsonNode list, String state) {
        Set<String> ids = new HashSet<>();
        list.forEach(e -> {
            if (state == null || state.equals(e.get("state").asText())) {
                ids.add(e.get("id").asText());
            }
        });
        return ids;
    }

    private Set<String> stored() {
        return platform.transactions().stream().map(t -> t.id().toString()).collect(Collectors.toSet());
    }

    @Test
    void simulatedSessionsFillTheOutboxAndSyncDeliversEveryTransactionOnce() throws Exception {
        platform.stop(); // offline: the sessions must still finish
        assertRuns(0, terminal("sessions", "simulate", "--count", "3", "--seed", "7"));
        assertThat(out.toString(), containsString("session 3/3 finished"));

        JsonNode list = list();
        assertThat(list.size(), is(6));
        List<String> kinds = new ArrayList<>();
        list.forEach(e -> kinds.add(e.get("kind").asText()));
        assertThat(kinds.stream().filter("SUBMISSION"::equals).count(), is(3L));
        assertThat(kinds.stream().filter("EVALUATION"::equals).count(), is(3L));
        list.forEach(e -> {
            assertThat(e.get("state").asText(), equalTo("PENDING"));
            assertThat(e.get("createdAt").asText(), notNullValue());
            assertThat(e.has("attempts") && e.has("receiptNo"), is(true));
        });

        platform.start();
        assertRuns(0, terminal("sync", "--until-empty", "--timeout", "60"));
        assertThat(out.toString(), containsString("nothing pending"));

        JsonNode after = list();
        assertThat(ids(after, "DELIVERED"), equalTo(ids(list, null)));
        assertThat(stored(), equalTo(ids(list, null)));
        after.forEach(e -> assertThat(e.get("receiptNo").asText(), equalTo(
                platform.receiptOf(UUID.fromString(e.get("id").asText())))));

        assertThat(run("outbox", "status", "--json", "--data-dir", data.toString()), is(0));
        JsonNode status = new ObjectMapper().readTree(out.toString());
        assertThat(status.get("depth").asInt(), is(0));
        assertThat(status.get("delivered").asInt(), is(6));
    }

    @Test
    void aRejectedTransactionIsKeptShownAndRequeuedByATechnician() throws Exception {
        platform.randomFaults(new FaultRates(0, java.time.Duration.ZERO, 0, 0, 0, 0, java.time.Duration.ZERO, 1), 1);
        assertRuns(0, terminal("sessions", "simulate", "--count", "1"));
        assertRuns(0, terminal("sync", "--until-empty", "--timeout", "60"));
        JsonNode list = list();
        assertThat(ids(list, "REJECTED"), hasSize(2));
        assertThat(stored(), hasSize(0));

        assertThat(run("outbox", "status", "--data-dir", data.toString()), is(0));
        assertThat(out.toString(), containsString("SIMULATED_REJECTION"));

        String id = ids(list, "REJECTED").iterator().next();
        platform.clearFaults();
        assertThat(run("outbox", "retry", "not-a-uuid", "--data-dir", data.toString()), is(2));
        assertThat(run("outbox", "retry", UUID.randomUUID().toString(), "--data-dir", data.toString()), is(1));
        assertThat(run("outbox", "retry", id, "--data-dir", data.toString()), is(0));
        // The simulated platform keeps refusing an id it refused; a fixed transaction would now go.
        assertThat(ids(list(), "PENDING"), equalTo(Set.of(id)));
    }

    @Test
    void syncTimesOutSayingHowManyRemainAndWhy() throws Exception {
        platform.stop();
        assertThat(run(terminal("sessions", "simulate", "--count", "1")), is(0));
        assertThat(run(terminal("sync", "--until-empty", "--timeout", "2")), is(1));
        assertThat(err.toString(), containsString("2 transaction(s) still pending"));
        assertThat(err.toString(), containsString("OFFLINE"));
    }

    @Test
    void anExportHoldsThePendingTransactionsEncryptedWithAKeyFromTheSecret() throws Exception {
        platform.stop();
        assertThat(run(terminal("sessions", "simulate", "--count", "2")), is(0));
        Path export = dir.resolve("export.tbx");
        assertRuns(0, terminal("outbox", "export", "--out", export.toString()));

        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        assertThat(lines.get(0), equalTo(OutboxCommand.EXPORT_MAGIC));
        String text = Files.readString(export);
        assertThat(text.contains("13812345678"), is(false));
        byte[] sealed = Base64.getDecoder().decode(lines.get(2));
        byte[] plain = PayloadKey.derive(SECRET.getBytes(StandardCharsets.UTF_8), OutboxCommand.EXPORT_KEY_LABEL)
                .open(sealed, lines.get(1).getBytes(StandardCharsets.UTF_8));
        JsonNode txs = new ObjectMapper().readTree(plain).get("transactions");
        Set<String> exported = new HashSet<>();
        txs.forEach(t -> exported.add(t.get("id").asText()));
        assertThat(exported, equalTo(ids(list(), "PENDING")));
        assertThat(exported, hasSize(4));
        Transaction first = new org.tongban.kiosk.platform.ContractJson().mapper().treeToValue(txs.get(0),
                Transaction.class);
        assertThat(first.terminalId(), equalTo(TERMINAL));
        assertThat(List.of(first.applicant()), everyItem(notNullValue()));
    }

    @Test
    void listingAFolderWithoutAnOutboxCreatesNothing() throws Exception {
        assertThat(list().size(), is(0));
        assertThat(Files.exists(data), is(false));
    }
}
