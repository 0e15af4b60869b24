package org.tongban.kiosk.update;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's class-data sharing archive (AppCDS, docs/adr/0015-start-time.md): the classes a start loads,
 * parsed and verified once and mapped at every later start (about a fifth of a cold start). One archive per
 * release and java: its name is a digest of the java executable and the class path's jars (names, sizes, times),
 * so a new release or runtime records its own. The first start of a release records it when that JVM exits
 * (a restart for an update, a stop, a shutdown); every start after maps it. A damaged or stale archive costs
 * nothing but the gain: the JVM checks it and starts without it.
 */
public final class ClassArchive {

    static final String DIR = "cds";
    private static final Logger log = LoggerFactory.getLogger(ClassArchive.class);

    private final Path dir;

    public ClassArchive(Path dataDir) {
        this.dir = dataDir.resolve(DIR);
    }

    /** The JVM options for a child started with this java and class path: map the archive, or record it. */
    public List<String> jvmOptions(String java, String classPath) {
        if (hasFolders(classPath)) {
            return List.of(); // the JVM archives classes from jars only, and refuses to record with folders
        }
        Path archive = dir.resolve(digest(java, classPath) + ".jsa");
        // the archive's own notes (classes of signed jars and old class files are left out) are not the log's
        String quiet = "-Xlog:cds*=off";
        try {
            if (Files.size(archive) > 0) {
                return List.of("-XX:SharedArchiveFile=" + archive, quiet);
            }
        } catch (IOException missing) {
            // not recorded yet: below
        }
        try {
            Files.createDirectories(dir);
            removeOthers(archive);
        } catch (IOException e) {
            log.warn("no class-data archive: {}", e.getMessage());
            return List.of();
        }
        log.info("this start records the class-data archive {} when it exits", archive.getFileName());
        return List.of("-XX:ArchiveClassesAtExit=" + archive, quiet);
    }

    /** Archives of earlier releases: a few tens of MB each, and never used again. */
    private void removeOthers(Path keep) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "*.jsa")) {
            for (Path p : old) {
                if (!p.equals(keep)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    static String digest(String java, String classPath) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(java.getBytes(StandardCharsets.UTF_8));
            for (String entry : classPath.split(File.pathSeparator)) {
                for (Path jar : jars(entry)) {
                    sha.update((jar + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis())
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException | IOException e) {
            return "unknown";
        }
    }

    private static boolean hasFolders(String classPath) {
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.endsWith(File.separator + "*") && Files.isDirectory(Path.of(entry))) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> jars(String entry) throws IOException {
        if (entry.endsWith(File.separator + "*")) {
            Path folder = Path.of(entry.substring(0, entry.length() - 2));
            if (!Files.isDirectory(folder)) {
                return List.of();
            }
            try (var s = Files.list(folder)) {
                return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            }
        }
        Path p = Path.of(entry);
        return Files.exists(p) ? List.of(p) : List.of();
    }
}
