package org.tongban.devices.scanner.sane;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code saned} on loopback serving only SANE's {@code test} backend: its own SANE_CONFIG_DIR (in a
 * folder of the test's) with {@code dll.conf} = test and {@code saned.conf} allowing 127.0.0.1.
 */
public final class Saned implements AutoCloseable {

    private final Process process;
    private final int port;

    private Saned(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Skips (or fails under TONGBAN_REQUIRE_REAL_PARTS) without sane-utils. */
    public static void require() {
        boolean there = Files.isExecutable(Path.of("/usr/sbin/saned")) && Files.isExecutable(Path.of("/usr/bin/scanimage"));
        if (!there && System.getenv("TONGBAN_REQUIRE_REAL_PARTS") != null) {
            Assertions.fail("saned/scanimage are not installed (sane-utils; .ci/test installs it)");
        }
        Assumptions.assumeTrue(there, "saned/scanimage are not installed (sane-utils; .ci/test installs it)");
    }

    public static Saned start(Path configDir) throws IOException, InterruptedException {
        require();
        Files.writeString(configDir.resolve("dll.conf"), "test\n");
        Files.writeString(configDir.resolve("saned.conf"), "127.0.0.1\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = configDir.resolve("saned.log");
        ProcessBuilder pb = new ProcessBuilder("/usr/sbin/saned", "-l", "-e", "-b", "127.0.0.1", "-p",
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SANE_CONFIG_DIR", configDir.toString());
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return new Saned(p, port);
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IOException("saned did not start: " + Files.readString(log));
                }
                Thread.sleep(20);
            }
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.waitFor(3, TimeUnit.SECONDS);
    }
}
