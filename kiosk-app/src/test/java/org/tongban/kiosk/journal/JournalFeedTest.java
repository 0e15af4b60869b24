package org.tongban.kiosk.journal;

import static org.tongban.kiosk.testing.Eventually.until;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.flow.Stage;

/** A whole demo terminal (no screen): a visit that prints leaves its trace in the journal, with no personal data. */
class JournalFeedTest {

    @Test
    void aVisitThatPrintsIsJournalledByIdsOnly() throws Exception {
        try (Demo demo = new Demo(0)) {
            until(() -> demo.terminal().sync().reachability().online());
            Navigator nav = demo.terminal().navigator();
            nav.touch();
            nav.openItem("SI-CERT-CONTRIB");
            ServiceFlow flow = nav.flow().orElseThrow();
            flow.proceed();
            until(() -> flow.state().stage() == Stage.WAIT_FOR_CARD);
            demo.idCardReader().present(Demo.sampleCard());
            until(() -> flow.state().stage() == Stage.RESULT);
            flow.proceed();
            until(() -> flow.state().stage() == Stage.PRINTED);
            flow.proceed();
            flow.review(5, List.of());
            until(() -> flow.state().stage() == Stage.DONE);
            nav.finish();

            Journal journal = demo.terminal().journal();
            List<JournalKind> kinds = journal.read(null, null).stream().map(JournalEntry::kind).toList();
            assertThat(kinds.subList(kinds.indexOf(JournalKind.SESSION_STARTED), kinds.size()),
                    contains(JournalKind.SESSION_STARTED, JournalKind.ITEM_STARTED, JournalKind.PRINT_DONE,
                            JournalKind.ITEM_FINISHED, JournalKind.SESSION_ENDED));
            assertThat(kinds, hasItem(JournalKind.TERMINAL_STARTED));
            assertThat(new JournalVerifier(journal).verify(null, null).ok(), is(true));
            for (Path f : Journal.files(journal.dir())) {
                String text = Files.readString(f);
                assertThat(text, not(containsString("11010519491231002X")));
                assertThat(text, not(containsString("张三")));
            }
        }
    }
}
