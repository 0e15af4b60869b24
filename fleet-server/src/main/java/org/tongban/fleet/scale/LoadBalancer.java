package org.tongban.fleet.scale;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's nginx on loopback in front of several fleet server instances, as a child process with a folder of its
 * own (configuration from {@code /scale/nginx.conf}, pid, logs, temporary files): what the two-instance test and
 * the scale bench put in front of the instances. Closing it stops nginx.
 */
public final class LoadBalancer implements AutoCloseable {

    public static final Path NGINX = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final Path prefix;
    private final int port;

    private LoadBalancer(Process process, Path prefix, int port) {
        this.process = process;
        this.prefix = prefix;
        this.port = port;
    }

    /** Starts nginx listening on 127.0.0.1:{@code port}, spreading requests over {@code upstreamPorts}. */
    public static LoadBalancer start(Path prefix, int port, List<Integer> upstreamPorts) throws IOException, InterruptedException {
        if (!Files.isExecutable(NGINX)) {
            throw new IllegalStateException(NGINX + " is missing: apt-get install nginx");
        }
        Files.createDirectories(prefix);
        String template;
        try (InputStream in = LoadBalancer.class.getResourceAsStream("/scale/nginx.conf")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String upstreams = upstreamPorts.stream().map(p -> "    server 127.0.0.1:" + p + " max_fails=3 fail_timeout=2s;")
                .collect(Collectors.joining("\n"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, template.replace("@PREFIX@", prefix.toString()).replace("@LISTEN@", "127.0.0.1:" + port)
                .replace("@UPSTREAMS@", upstreams));
        Process p = new ProcessBuilder(NGINX.toString(), "-p", prefix.toString(), "-e", prefix.resolve("error.log").toString(),
                "-c", conf.toString(), "-g", "daemon off;").redirectErrorStream(true)
                .redirectOutput(prefix.resolve("nginx.out").toFile()).start();
        LoadBalancer lb = new LoadBalancer(p, prefix, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(prefix.resolve("nginx.out")).strip()
                        + " " + readIfThere(prefix.resolve("error.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return lb;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        lb.close();
        throw new IllegalStateException("nginx did not listen on " + port + " within 10 s");
    }

    private static String readIfThere(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p).strip() : "";
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** The master and its workers (for CPU and memory figures). */
    public List<Long> pids() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.pid()),
                process.descendants().map(ProcessHandle::pid)).toList();
    }

    public String errorLog() throws IOException {
        return readIfThere(prefix.resolve("error.log"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: nginx's fast shutdown
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
