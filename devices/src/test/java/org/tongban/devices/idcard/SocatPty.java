package org.tongban.devices.idcard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real pseudo-terminal for the serial tests: socat creates it (with a symlink at a fixed path, as udev
 * gives a USB reader) and joins it to the emulator's TCP port. Killing socat is unplugging the reader: the
 * pty and its symlink disappear.
 */
public final class SocatPty implements AutoCloseable {

    private final Process process;
    private final Path link;

    private SocatPty(Process process, Path link) {
        this.process = process;
        this.link = link;
    }

    /** Whether socat is installed (.ci/test installs it); tests that need a pty are skipped without it. */
    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    /** Starts socat and waits until the pty's symlink is there. */
    public static SocatPty start(Path link, int tcpPort) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("socat", "PTY,link=" + link + ",rawer",
                "TCP:127.0.0.1:" + tcpPort))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.exists(link)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("socat did not create the pty " + link);
            }
            Thread.sleep(10);
        }
        return new SocatPty(p, link);
    }

    public Path link() {
        return link;
    }

    /** Unplugs: socat ends, the pty and its symlink go away. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (Files.exists(link) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
