package org.tongban.kiosk;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command run as root never leaves root-owned files in the kiosk's data folder: it is refused. */
class RootInDataFolderTest {

    @TempDir
    Path dir;

    @Test
    void rootIsSentToTheDataFoldersOwner() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        assumeTrue("root".equals(System.getProperty("user.name")), "giving a folder away needs root");
        UserPrincipal nobody = data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(data, nobody);

        List<String> args = List.of("outbox", "status", "--data-dir", data.toString());
        String refused = Main.rootInAnotherUsersDataFolder(args, "root").orElseThrow();
        assertThat(refused, containsString("not run as root in " + data + ", the data folder of 'nobody'"));
        assertThat(refused, containsString("sudo -u nobody tongban outbox status --data-dir " + data));
        assertThat(Main.rootInAnotherUsersDataFolder(List.of("outbox", "status", "--data-dir=" + data), "root")
                .isPresent(), is(true));
        try (var files = Files.list(data)) {
            assertThat(files.count(), is(0L));
        }
    }

    @Test
    void theOwnerAndFoldersOfRootAreLeftAlone() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        String me = Files.getOwner(data).getName();
        assertThat(Main.rootInAnotherUsersDataFolder(List.of("sync", "--data-dir", data.toString()), "kiosk")
                .isPresent(), is(false));
        assertThat(Main.rootInAnotherUsersDataFolder(List.of("sync", "--data-dir", data.toString()), me)
                .isPresent(), is(false));
        assertThat(Main.rootInAnotherUsersDataFolder(List.of("--version"), "root").isPresent(), is(false));
    }
}
