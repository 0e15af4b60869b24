package org.tongban.kiosk;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import org.tongban.kiosk.cli.KioskCommand;
import org.tongban.kiosk.platformsim.FaultRates;
import org.tongban.kiosk.platformsim.PlatformSimulator;

/**
 * Exactly once, proven the hard way: the kiosk runs as a separate process ({@code sessions simulate}, the real
 * flows, outbox and sync worker) and is killed with SIGKILL at random moments, again and again, while the
 * platform simulator answers with random faults (503 + Retry-After, connection dropped after commit, garbage,
 * truncated answers, slow answers that widen the window between the platform's commit and our ack, and
 * rejections). Afterwards the real {@code sync --until-empty} drains the outbox, and the set of ids the platform
 * stored must equal the set the kiosk delivered, with no id stored twice and nothing left pending.
 *
 * <p>The CI run takes about a minute. The longer run for figures: {@code -Dtongban.crash.rounds=60}; repeat a
 * run with {@code -Dtongban.crash.seed=N} (the seed is printed).
 */
class KioskCrashTest {

    private static final String TERMINAL = "YN-KM-CRASH-01";
    private static final String SECRET = "crash-test-secret-0123456789";
    private static final int SESSIONS_PER_RUN = 400;

    @TempDir
    Path dir;

    @Test
    void everyTransactionReachesThePlatformExactlyOnceThroughKillsAndFaults() throws Exception {
        long seed = Long.getLong("tongban.crash.seed", System.nanoTime());
        int rounds = Integer.getInteger("tongban.crash.rounds", 12);
        System.out.printf("crash test: seed %d, %d rounds (-Dtongban.crash.seed=%d to repeat)%n", seed, rounds, seed);
        Random random = new Random(seed);
        Path secretFile = dir.resolve("terminal.secret");
        Files.writeString(secretFile, SECRET + "\n");
        Path data = dir.resolve("data");
        long started = System.nanoTime();

        FaultRates faults = new FaultRates(0.05, Duration.ofSeconds(1), 0.08, 0.05, 0.08, 0.15,
                Duration.ofMillis(400), 0.02);
        try (PlatformSimulator platform = new PlatformSimulator(0, Map.of(TERMINAL,
                SECRET.getBytes(StandardCharsets.UTF_8)), "{}")) {
            platform.randomFaults(faults, seed);
            platform.start();
            String url = platform.baseUrl().toString();

            int sessions = 0;
            int kills = 0;
            int completedRuns = 0;
            for (int round = 0; round < rounds; round++) {
                Path log = dir.resolve("round-" + round + ".out");
                // A bounded run keeps the backlog (and so the CI time) small; most runs are killed before the end.
                Process kiosk = kiosk(log, "sessions", "simulate", "--count", Integer.toString(SESSIONS_PER_RUN), "--seed",
                        Long.toString(random.nextLong()), "--platform", url, "--terminal-id", TERMINAL,
                        "--secret-file", secretFile.toString(), "--data-dir", data.toString());
                long lifeMillis = 800 + random.nextInt(3_000);
                // The life is counted from the moment the command is under way, not from the JVM's launch: on a
                // busy machine the launch alone can take longer than a whole life.
                awaitUnderWay(kiosk, log);
                if (kiosk.waitFor(lifeMillis, TimeUnit.MILLISECONDS)) {
                    assertThat("a run that ended by itself: " + Files.readString(log), kiosk.exitValue(), is(0));
                    completedRuns++;
                } else {
                    kiosk.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close, no flush
                    assertThat(kiosk.waitFor(30, TimeUnit.SECONDS), is(true));
                    kills++;
                }
                sessions += (int) Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.matches("session \\d+/\\d+ finished")).count();
            }

            // Drain with the real command, faults still on.
            int drained = run("sync", "--until-empty", "--timeout", "120", "--platform", url, "--terminal-id",
                    TERMINAL, "--secret-file", secretFile.toString(), "--data-dir", data.toString());
            assertThat("sync --until-empty", drained, is(0));
            StringWriter listing = new StringWriter();
            assertThat(run(listing, "outbox", "list", "--json", "--data-dir", data.toString()), is(0));
            JsonNode list = new ObjectMapper().readTree(listing.toString());

            Set<UUID> created = new HashSet<>();
            Set<UUID> delivered = new HashSet<>();
            Set<UUID> rejected = new HashSet<>();
            List<String> pending = new ArrayList<>();
            for (JsonNode e : list) {
                UUID id = UUID.fromString(e.get("id").asText());
                created.add(id);
                switch (e.get("state").asText()) {
                    case "DELIVERED" -> delivered.add(id);
                    case "REJECTED" -> rejected.add(id);
                    default -> pending.add(id.toString());
                }
            }
            Set<UUID> stored = new HashSet<>();
            int storedTwice = 0;
            for (var t : platform.transactions()) {
                if (!stored.add(t.id())) {
                    storedTwice++;
                }
            }
            Map<String, Long> injected = platform.faultsInjected();
            System.out.printf("crash test figures: %d sessions finished, %d SIGKILLs (%d runs ended by themselves), "
                    + "%d transactions created "
                    + "(%d delivered, %d rejected), %d stored by the platform, faults injected %s (%d in all), "
                    + "%d replays answered DUPLICATE, %.1f s%n", sessions, kills, completedRuns, created.size(), delivered.size(),
                    rejected.size(), stored.size(), injected, injected.values().stream().mapToLong(Long::longValue)
                            .sum(), platform.duplicatesAnswered(), (System.nanoTime() - started) / 1e9);

            assertThat("runs", kills + completedRuns, is(rounds));
            assertThat("SIGKILLs", kills, greaterThan(0));
            assertThat("sessions finished between kills", sessions, greaterThan(0));
            assertThat("nothing left pending", pending, equalTo(List.of()));
            assertThat("no id stored twice", storedTwice, is(0));
            assertThat("the platform stored exactly what the kiosk delivered", stored, equalTo(delivered));
            Set<UUID> both = new HashSet<>(stored);
            both.retainAll(rejected);
            assertThat("nothing both stored and rejected", both, equalTo(Set.of()));
            assertThat("every stored id was created by the kiosk", created.containsAll(stored), is(true));
            for (UUID id : stored) {
                assertThat(platform.countById(id), is(1));
            }
        }
    }

    /** Starts the kiosk as its own JVM on this test's class path, output to {@code log}. */
    private Process kiosk(Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8",
                "-Djava.awt.headless=true", "-Dtongban.logDir=" + dir.resolve("logs"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int run(String... args) {
        return run(new StringWriter(), args);
    }

    private static int run(StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = KioskCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        if (code != 0) {
            System.out.println("kiosk " + String.join(" ", args) + " -> " + code + "\n" + out + err);
        }
        return code;
    }

    /** Waits (at most a minute) until the kiosk said which sessions it runs (before it starts the terminal) or ended. */
    private static void awaitUnderWay(Process kiosk, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (kiosk.isAlive() && System.nanoTime() < deadline
                && !(Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("sessions: "))) {
            Thread.sleep(20);
        }
    }
}
