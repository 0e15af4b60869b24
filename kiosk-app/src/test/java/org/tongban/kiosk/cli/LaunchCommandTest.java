package org.tongban.kiosk.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the A/B launcher hands on to the application it starts, from the JVM options the package gave it. */
class LaunchCommandTest {

    @Test
    void theApplicationKeepsTheLaunchersMemorySettingsButNotItsClassArchive(@TempDir Path dir) throws Exception {
        List<String> memory = List.of("-Xms16m", "-Xmx64m", "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30");
        // the launcher's own archive (none there: the JVM starts without one), not the application's to use
        String archive = "-XX:SharedArchiveFile=" + dir.resolve("launcher.jsa");

        List<String> inherited = inheritedBy(memory, archive, "-Dtongban.logDir=" + dir);

        assertThat(inherited, hasItems(memory.toArray(String[]::new)));
        assertThat(inherited, hasItem("-Dtongban.logDir=" + dir));
        assertThat(inherited, not(hasItem(startsWith("-XX:SharedArchiveFile"))));
    }

    /** LaunchCommand.inherited() in a JVM started with these options, one a line. */
    private static List<String> inheritedBy(List<String> memory, String... more) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xlog:cds*=off", "-Xshare:auto"));
        cmd.addAll(memory);
        cmd.addAll(List.of(more));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), PrintInherited.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM printing its options ended");
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    /** Prints what the launcher would pass on. */
    static final class PrintInherited {
        public static void main(String[] args) {
            LaunchCommand.inherited().forEach(System.out::println);
        }
    }
}
