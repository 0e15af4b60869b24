package org.tongban.kiosk.update;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartOfAReleaseRecordsItsArchiveAndLaterStartsMapIt() throws Exception {
        Path data = dir.resolve("data");
        Path lib = Files.createDirectories(dir.resolve("release/lib"));
        Files.write(lib.resolve("a.jar"), new byte[] {1, 2, 3});
        String classPath = dir.resolve("release/app.jar") + File.pathSeparator + lib + File.separator + "*";
        ClassArchive archive = new ClassArchive(data);
        Path earlier = Files.createDirectories(data.resolve(ClassArchive.DIR)).resolve("earlier-release.jsa");
        Files.write(earlier, new byte[] {9});

        List<String> first = archive.jvmOptions("/opt/java", classPath);
        Path file = data.resolve(ClassArchive.DIR).resolve(ClassArchive.digest("/opt/java", classPath) + ".jsa");
        assertThat(first, contains("-XX:ArchiveClassesAtExit=" + file, "-Xlog:cds*=off"));
        assertThat("an earlier release's archive is removed", Files.exists(earlier), is(false));

        Files.write(file, new byte[] {42}); // what the JVM writes at its exit
        assertThat(archive.jvmOptions("/opt/java", classPath), contains("-XX:SharedArchiveFile=" + file,
                "-Xlog:cds*=off"));

        Files.write(lib.resolve("a.jar"), new byte[] {1, 2, 3, 4}); // a new release in the same slot
        assertThat(ClassArchive.digest("/opt/java", classPath), not(is(file.getFileName().toString()
                .replace(".jsa", ""))));
        assertThat(ClassArchive.digest("/other/java", classPath), not(is(ClassArchive.digest("/opt/java",
                classPath))));
    }

    @Test
    void aClassPathWithFoldersGetsNoArchive() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertThat(new ClassArchive(dir.resolve("data")).jvmOptions("/opt/java", classes.toString()), is(List.of()));
    }
}
