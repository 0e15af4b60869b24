package org.tongban.printing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cups-pdf queue that {@code .ci/cups-pdf-queue} sets up. Tests that need it skip, naming
 * what is missing, when CUPS is not there; with {@code TONGBAN_REQUIRE_REAL_PARTS} set (as .ci/test
 * does) a missing CUPS fails them instead, so CI never passes without printing.
 */
final class RealCups {

    static final String QUEUE = "tongban-pdf";
    static final Path OUTPUT = Path.of("/var/spool/cups-pdf/tongban");

    private RealCups() {
    }

    static void require() {
        String missing = missing();
        if (missing == null) {
            return;
        }
        String why = missing + "; run .ci/cups-pdf-queue (as root) to set it up";
        if (System.getenv("TONGBAN_REQUIRE_REAL_PARTS") != null) {
            fail(why);
        }
        assumeTrue(false, why);
    }

    private static String missing() {
        for (String tool : List.of("/usr/bin/lpstat", "/usr/bin/lpr", "/usr/bin/pdftotext", "/usr/bin/pdfinfo")) {
            if (!Files.isExecutable(Path.of(tool))) {
                return tool + " is not installed";
            }
        }
        try {
            String printers = run("lpstat", "-p", QUEUE);
            if (!printers.contains(QUEUE)) {
                return "no CUPS queue " + QUEUE;
            }
        } catch (IOException e) {
            return "CUPS does not answer (" + e.getMessage() + ")";
        }
        if (!Files.isDirectory(OUTPUT)) {
            return "the cups-pdf output folder " + OUTPUT + " is missing";
        }
        return null;
    }

    /** The PDF cups-pdf wrote for CUPS job {@code jobId}, waiting a little for it to appear. */
    static Path output(int jobId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(OUTPUT)) {
                List<Path> found = files.filter(p -> p.getFileName().toString().startsWith("job_" + jobId + "-"))
                        .toList();
                if (!found.isEmpty()) {
                    return found.get(0);
                }
            }
            Thread.sleep(100);
        }
        throw new IOException("cups-pdf wrote nothing for job " + jobId + " into " + OUTPUT);
    }

    static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
