package org.tongban.kiosk.catalog;

import static org.tongban.kiosk.testing.Eventually.until;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.catalog.CatalogUpdater.Outcome;
import org.tongban.kiosk.platform.HeartbeatAnswer;

/** The platform's catalog over real HTTP (with ETag) replacing the local one: whole, valid, between visits. */
class CatalogUpdaterTest {

    private Demo demo;
    private Catalog local;

    @BeforeEach
    void start() throws Exception {
        demo = new Demo(0);
        until(() -> demo.terminal().sync().reachability().online());
        // The check made at start has taken the platform's copy of the same catalog (and its ETag).
        until(() -> demo.terminal().catalog().etag() != null);
        local = demo.terminal().catalog().current();
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    /** The local catalog under a new version, without its first item. */
    private Catalog newer(String version) {
        List<ServiceItem> items = new ArrayList<>(local.items());
        items.removeIf(i -> i.code().equals("HR-GUIDE-MOVE"));
        return new Catalog(version, local.categories(), local.departments(), items);
    }

    @Test
    void aNewerValidCatalogIsTakenAndTheSameOneIsNotFetchedAgain() throws Exception {
        CatalogUpdater updater = demo.terminal().catalogUpdater();
        demo.platform().setCatalog(CatalogJson.write(newer("2026.12.01-1")));
        assertThat(updater.check(), is(Outcome.APPLIED));
        assertThat(demo.terminal().catalog().current().version(), equalTo("2026.12.01-1"));
        assertThat(demo.terminal().navigator().catalog().item("HR-GUIDE-MOVE").isPresent(), is(false));
        assertThat(demo.terminal().catalog().search().search("户口迁移").isEmpty(), is(true));
        assertThat(updater.check(), is(Outcome.UNCHANGED));
    }

    @Test
    void anInvalidCatalogIsRefusedWholeAndTheRunningOneKept() throws Exception {
        String broken = CatalogJson.write(newer("2026.12.01-2")).replace("\"step\":\"print\"", "\"step\":\"fax\"");
        demo.platform().setCatalog(broken);
        assertThat(demo.terminal().catalogUpdater().check(), is(Outcome.REFUSED));
        assertThat(demo.terminal().catalog().current().version(), equalTo(local.version()));
        assertThat(demo.terminal().catalog().current().items().size(), equalTo(local.items().size()));
    }

    @Test
    void aNewCatalogWaitsForTheCitizenToFinish() throws Exception {
        demo.terminal().navigator().touch();
        demo.platform().setCatalog(CatalogJson.write(newer("2026.12.01-3")));
        assertThat(demo.terminal().catalogUpdater().check(), is(Outcome.WAITING_FOR_VISIT_TO_END));
        assertThat(demo.terminal().catalog().current().version(), equalTo(local.version()));
        demo.terminal().navigator().finish();
        assertThat(demo.terminal().catalog().current().version(), equalTo("2026.12.01-3"));
    }

    @Test
    void theHeartbeatCommandReloadCatalogFetchesIt() throws Exception {
        demo.platform().setCatalog(CatalogJson.write(newer("2026.12.01-4")));
        demo.platform().queueCommand(demo.terminal().config().kiosk().terminal().id(),
                HeartbeatAnswer.Command.of(HeartbeatAnswer.CommandType.RELOAD_CATALOG));
        until(() -> demo.terminal().catalog().current().version().equals("2026.12.01-4"));
        assertThat(demo.terminal().catalog().current().items().size(), equalTo(local.items().size() - 1));
    }
}
