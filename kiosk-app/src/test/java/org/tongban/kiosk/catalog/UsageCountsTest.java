package org.tongban.kiosk.catalog;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local usage counts: kept across restarts, replaced atomically, a torn file is no counts. */
class UsageCountsTest {

    @TempDir
    Path dir;

    @Test
    void countsSurviveARestartAndLeaveNoTemporaryFile() {
        Path file = dir.resolve("data/usage-counts.json");
        UsageCounts counts = UsageCounts.open(file);
        assertThat(counts.count("SI-CERT-CONTRIB"), equalTo(0));
        counts.opened("SI-CERT-CONTRIB");
        counts.opened("SI-CERT-CONTRIB");
        counts.opened("HF-QUERY-ACCOUNT");

        UsageCounts again = UsageCounts.open(file);
        assertThat(again.count("SI-CERT-CONTRIB"), equalTo(2));
        assertThat(again.count("HF-QUERY-ACCOUNT"), equalTo(1));
        assertThat(Files.exists(dir.resolve("data/usage-counts.json.tmp")), is(false));
    }

    @Test
    void aTornOrGarbledFileIsTreatedAsNoCountsAndIsReplacedOnTheNextOpening() throws Exception {
        Path file = dir.resolve("usage-counts.json");
        for (String broken : List.of("{\"counts\":{\"SI-CERT-CONTRIB\":4", "", "\u0000\u0000\u0000",
                "{\"counts\":{\"A\":-3}}", "{\"counts\":[1,2]}", "[]")) {
            Files.writeString(file, broken);
            UsageCounts counts = UsageCounts.open(file);
            assertThat(broken, counts.count("SI-CERT-CONTRIB"), equalTo(0));
            assertThat(broken, counts.count("A"), equalTo(0));
        }
        UsageCounts counts = UsageCounts.open(file);
        counts.opened("A");
        assertThat(UsageCounts.open(file).count("A"), equalTo(1));
    }

    @Test
    void aFileThatCannotBeWrittenKeepsCountingInMemory() throws Exception {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        UsageCounts counts = UsageCounts.open(blocker.resolve("usage-counts.json"));
        counts.opened("A");
        counts.opened("A");
        assertThat(counts.count("A"), equalTo(2));
    }
}
