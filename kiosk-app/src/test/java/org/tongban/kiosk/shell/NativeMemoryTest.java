package org.tongban.kiosk.shell;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The soak's reading of Native Memory Tracking, on a real JVM's summary. */
class NativeMemoryTest {

    @Test
    void readsTheTotalAndEachCategoryOfAJvmThatTracks() throws Exception {
        NativeMemory nmt = NativeMemory.parse(summaryOfAJvm("-XX:NativeMemoryTracking=summary")).orElseThrow();

        assertThat(nmt.committedBytes(), greaterThan(0L));
        for (String category : List.of("Java Heap", "Class", "Thread", "Code", "GC", "Symbol")) {
            assertThat(nmt.committedByCategory(), hasKey(category));
        }
        // the categories are the total's parts (each rounded to a KB; those under 1 KB left out)
        double parts = nmt.committedByCategory().values().stream().mapToLong(Long::longValue).sum();
        assertThat(parts, closeTo(nmt.committedBytes(), 64 * 1024));
        assertEquals(0, nmt.committed("no such category"));
    }

    @Test
    void findsNothingWhereTrackingIsOff() throws Exception {
        assertEquals(Optional.empty(), NativeMemory.parse(summaryOfAJvm("-XX:NativeMemoryTracking=off")));
        boolean tracked = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.matches("-XX:NativeMemoryTracking=(summary|detail)"));
        assertEquals(tracked, NativeMemory.ofThisJvm().isPresent());
    }

    /** What {@code VM.native_memory summary} says in a fresh JVM started with these options. */
    private static String summaryOfAJvm(String option) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-Xmx32m", option, "-cp", System.getProperty("java.class.path"),
                PrintSummary.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM printing its summary ended");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** Prints this JVM's native memory summary, as the soak reads it. */
    static final class PrintSummary {
        public static void main(String[] args) throws Exception {
            System.out.println(ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary", "scale=KB"}}, new String[] {String[].class.getName()}));
        }
    }
}
