package org.tongban.kiosk.outbox.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.tongban.kiosk.outbox.Outbox;
import org.tongban.kiosk.outbox.PayloadKey;
import org.tongban.kiosk.outbox.StepRecord;
import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.ContractJson;
import org.tongban.kiosk.platform.IdType;
import org.tongban.kiosk.platform.Transaction;

/**
 * Durable enqueue (a citizen's submit step: step record + SUBMISSION, sealed, WAL with synchronous=FULL) against
 * the floor it stands on: a raw SQLite insert of a row of the same size, in its own transaction, fsync'd the
 * same way, in the same folder. Sample time gives p50/p99. Where the rest goes: {@code contractJson} and
 * {@code sm4GcmSeal}, the two steps of a durable enqueue before SQLite, timed alone on the same transaction.
 * Run: {@code .ci/perf} (its outbox rows) or {@code .ci/bench kiosk-app EnqueueBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EnqueueBench {

    private static final Applicant CITIZEN = new Applicant(IdType.RESIDENT_ID, "53010219900307123X", "张三");

    private Path dir;
    private Outbox outbox;
    private Connection raw;
    private PreparedStatement rawInsert;
    private String rawPayload;
    private long n;
    private final ContractJson json = new ContractJson();
    private final PayloadKey key = PayloadKey.random();

    @Setup(Level.Trial)
    public void open() throws Exception {
        // The working folder's disk, not a tmpfs /tmp: the figure is about fsync on the kiosk's kind of disk.
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "enqueue-bench-");
        outbox = Outbox.open(dir.resolve("outbox.db"), dir.resolve("outbox.key"), Clock.systemUTC());
        rawPayload = new ContractJson().writeTransaction(submission());
        raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("raw.db"));
        try (Statement s = raw.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = FULL");
            s.execute("CREATE TABLE t (id TEXT PRIMARY KEY, payload BLOB NOT NULL)");
        }
        rawInsert = raw.prepareStatement("INSERT INTO t (id, payload) VALUES (?, ?)");
    }

    private static Transaction submission() {
        return Transaction.submission("YN-KM-GD-0001", UUID.randomUUID().toString(), Instant.now(), "EMP-REG-UNEMP",
                CITIZEN, Map.of("phone", "13812345678", "reason", "本人辞职"), List.of());
    }

    @Benchmark
    public boolean durableEnqueue() throws Exception {
        Transaction tx = submission();
        return outbox.completeStep(new StepRecord(tx.sessionId(), "EMP-REG-UNEMP/submit", tx.createdAt(),
                "{\"item\":\"EMP-REG-UNEMP\",\"step\":\"submit\"}"), List.of(tx));
    }

    @Benchmark
    public int rawFsyncedInsert() throws SQLException {
        rawInsert.setString(1, Long.toString(n++));
        rawInsert.setBytes(2, rawPayload.getBytes(StandardCharsets.UTF_8));
        return rawInsert.executeUpdate(); // autocommit: one transaction, one fsync of the WAL
    }

    @Benchmark
    public String contractJson() {
        return json.writeTransaction(submission());
    }

    @Benchmark
    public byte[] sm4GcmSeal() {
        return key.seal(rawPayload.getBytes(StandardCharsets.UTF_8),
                UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException, IOException {
        outbox.close();
        rawInsert.close();
        raw.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
