package org.tongban.kiosk.files;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderTreeTest {

    @TempDir
    Path dir;

    private Path tree() throws IOException {
        Path root = dir.resolve("tree");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("top.txt"), "1");
        Files.writeString(root.resolve("a/b/deep.txt"), "2");
        return root;
    }

    @Test
    void deletesAFolderWithEverythingInIt() throws Exception {
        Path root = tree();
        FolderTree.delete(root);
        assertThat(Files.exists(root), is(false));
    }

    @Test
    void aMissingFolderIsAlreadyDeleted() throws Exception {
        FolderTree.delete(dir.resolve("never-made"));
        assertThat(FolderTree.deleteBestEffort(dir.resolve("never-made"), "test folder"), is(true));
    }

    @Test
    void deletingTheContentsKeepsTheFolder() throws Exception {
        Path root = tree();
        FolderTree.deleteContents(root);
        assertThat(Files.isDirectory(root), is(true));
        try (var s = Files.list(root)) {
            assertThat(s.count(), is(0L));
        }
    }

    @Test
    void aLinkIsRemovedNotFollowed() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "mine");
        Path root = tree();
        Files.createSymbolicLink(root.resolve("link"), outside);
        FolderTree.delete(root);
        assertThat(Files.exists(root), is(false));
        assertThat(Files.readString(outside.resolve("keep.txt")), is("mine"));
    }

    @Test
    void failStopsWithAnErrorAndBestEffortRemovesWhatItCan() throws Exception {
        Path root = tree();
        Path locked = root.resolve("a/b");
        lock(locked, true);
        try {
            assertThrows(IOException.class, () -> FolderTree.delete(root));
            assertThat(Files.exists(locked.resolve("deep.txt")), is(true));

            assertThat(FolderTree.deleteBestEffort(root, "test folder"), is(false));
            assertThat(Files.exists(root.resolve("top.txt")), is(false));
            assertThat(Files.exists(locked.resolve("deep.txt")), is(true));
        } finally {
            lock(locked, false);
        }
    }

    /** A folder nothing can be removed from: read-only for a user, immutable (chattr) for root. */
    private static void lock(Path folder, boolean locked) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(locked ? "r-x------" : "rwx------"));
            return;
        }
        Process chattr = new ProcessBuilder("chattr", locked ? "+i" : "-i", folder.toString())
                .redirectErrorStream(true).start();
        chattr.getInputStream().readAllBytes();
        assumeTrue(chattr.waitFor() == 0, "root needs chattr on a file system with the immutable flag");
    }
}
