package org.tongban.kiosk.outbox.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
import org.tongban.kiosk.outbox.StepRecord;
import org.tongban.kiosk.outbox.SyncSettings;
import org.tongban.kiosk.outbox.SyncWorker;
import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.Heartbeat;
import org.tongban.kiosk.platform.IdType;
import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.kiosk.platform.PlatformSettings;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platformsim.PlatformSimulator;

/**
 * Drains 10,000 pending transactions to a healthy simulator over loopback with the production sync worker:
 * one shot per iteration; transactions per second = 10,000 / the time. Run: {@code .ci/bench kiosk-app DrainBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DrainBench {

    public static final int TRANSACTIONS = 10_000;
    private static final String TERMINAL = "YN-KM-GD-0001";
    private static final byte[] SECRET = "bench-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final Applicant CITIZEN = new Applicant(IdType.RESIDENT_ID, "53010219900307123X", "张三");

    private Path dir;
    private PlatformSimulator platform;
    private Outbox outbox;
    private SyncWorker worker;

    @Setup(Level.Iteration)
    public void fill() throws Exception {
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "drain-bench-");
        platform = new PlatformSimulator(0, Map.of(TERMINAL, SECRET), "{}").start();
        outbox = Outbox.open(dir.resolve("outbox.db"), dir.resolve("outbox.key"), Clock.systemUTC());
        Instant t0 = Instant.now();
        for (int step = 0; step < TRANSACTIONS / 100; step++) {
            List<Transaction> txs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                txs.add(Transaction.submission(TERMINAL, "s" + step, t0.plusMillis(step * 100L + i), "EMP-REG-UNEMP",
                        CITIZEN, Map.of("phone", "13812345678", "reason", "本人辞职"), List.of()));
            }
            outbox.completeStep(new StepRecord("s" + step, "submit", t0, "{}"), txs);
        }
        PlatformClient client = new PlatformClient(new PlatformSettings(platform.baseUrl(), TERMINAL, SECRET,
                Duration.ofSeconds(10)));
        worker = new SyncWorker(outbox, client, Clock.systemUTC(), SyncSettings.defaults(),
                () -> new Heartbeat(TERMINAL, Heartbeat.Profile.HALL_KIOSK, "bench", null, 1, 0, null, List.of()));
    }

    @Benchmark
    public long drain() throws Exception {
        worker.start();
        while (outbox.status().pending() > 0) {
            Thread.sleep(1);
        }
        return platform.transactions().size();
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        if (platform.transactions().size() != TRANSACTIONS) {
            throw new IllegalStateException("the platform stored " + platform.transactions().size());
        }
        worker.stop();
        outbox.close();
        platform.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
