package org.tongban.kiosk.shell;

import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The JVM's own account of its native memory (Native Memory Tracking, {@code -XX:NativeMemoryTracking=summary}):
 * the committed total and each category's committed part (Java Heap, Class, Thread, Code, GC, Symbol…), read
 * through the DiagnosticCommand MBean as {@code jcmd PID VM.native_memory summary} would. What the resident
 * memory holds beyond it is malloc'd by native code the JVM does not track (Prism's software buffers, glibc's
 * arenas, SQLite, OpenCV) or file-backed (jars, libraries, the class-data archive).
 */
record NativeMemory(long committedBytes, Map<String, Long> committedByCategory) {

    // "Total: reserved=7846311KB, committed=490871KB" and "-   Java Heap (reserved=6172672KB, committed=397312KB)"
    private static final Pattern TOTAL = Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB", Pattern.MULTILINE);
    private static final Pattern CATEGORY =
            Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)", Pattern.MULTILINE);

    /** This JVM's summary, or empty when it runs without Native Memory Tracking (the default). */
    static Optional<NativeMemory> ofThisJvm() {
        try {
            String summary = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary", "scale=KB"}}, new String[] {String[].class.getName()});
            return parse(summary);
        } catch (JMException e) {
            return Optional.empty();
        }
    }

    /** The summary's figures; empty when it has none ("Native memory tracking is not enabled"). */
    static Optional<NativeMemory> parse(String summary) {
        Matcher total = TOTAL.matcher(summary);
        if (!total.find()) {
            return Optional.empty();
        }
        Map<String, Long> categories = new LinkedHashMap<>();
        Matcher c = CATEGORY.matcher(summary);
        while (c.find()) {
            categories.put(c.group(1).strip(), Long.parseLong(c.group(2)) * 1024);
        }
        return Optional.of(new NativeMemory(Long.parseLong(total.group(1)) * 1024, Collections.unmodifiableMap(categories)));
    }

    /** A category's committed bytes, 0 when the summary left it out (under 1 KB). */
    long committed(String category) {
        return committedByCategory.getOrDefault(category, 0L);
    }
}
