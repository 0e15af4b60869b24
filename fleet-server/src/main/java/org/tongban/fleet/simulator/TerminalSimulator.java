package org.tongban.fleet.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.tongban.fleet.terminals.Enrolment;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Plays many terminals against a fleet server: one HTTP client, a pool of threads, each terminal's secret read
 * from the folder {@code terminals import --secrets-out} wrote. Used by the tests and the bench.
 */
public final class TerminalSimulator implements AutoCloseable {

    private final List<SimulatedTerminal> terminals = new ArrayList<>();
    private final ExecutorService pool;
    private final HttpClient http;

    public TerminalSimulator(URI server, Path secretsDir, List<String> ids, int threads, ObjectMapper json) throws IOException {
        this.pool = Executors.newFixedThreadPool(threads);
        this.http = HttpClient.newBuilder().executor(pool).connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        for (String id : ids) {
            String hex = Files.readString(Enrolment.secretFile(secretsDir, id));
            terminals.add(new SimulatedTerminal(id, SimulatedTerminal.secretFromHex(hex), server, http, json));
        }
    }

    public List<SimulatedTerminal> terminals() {
        return terminals;
    }

    public SimulatedTerminal terminal(String id) {
        return terminals.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    /** Every terminal sends one heartbeat, {@code parallel} at a time; returns each one's latency in nanoseconds. */
    public long[] heartbeatAll(int parallel) throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (SimulatedTerminal t : terminals) {
                futures.add(senders.submit(() -> {
                    long start = System.nanoTime();
                    SimulatedTerminal.Exchange e = t.heartbeat();
                    if (e.status() != 200 || !e.signatureValid()) {
                        throw new IllegalStateException(t.id() + ": heartbeat answered " + e.status());
                    }
                    return System.nanoTime() - start;
                }));
            }
            long[] latencies = new long[futures.size()];
            for (int i = 0; i < latencies.length; i++) {
                try {
                    latencies[i] = futures.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            }
            return latencies;
        } finally {
            senders.shutdownNow();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
