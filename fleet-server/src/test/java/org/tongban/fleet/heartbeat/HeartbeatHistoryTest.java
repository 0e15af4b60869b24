package org.tongban.fleet.heartbeat;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tongban.fleet.app.FleetServer;
import org.tongban.fleet.simulator.SimulatedTerminal;
import org.tongban.fleet.simulator.TerminalSimulator;
import org.tongban.fleet.support.FleetFixture;
import org.tongban.fleet.support.TestPostgres;
import org.tongban.fleet.support.WithPostgres;

/** The history stays bounded: at most 50 heartbeats per terminal however many it sends, and nothing older than kept. */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeartbeatHistoryTest {

    private FleetFixture fleet;

    @BeforeAll
    void start(TestPostgres postgres) throws Exception {
        fleet = new FleetFixture(postgres, "history", FleetServer.Settings.defaults(0), FleetFixture.csv(
                "YN-1-0001,Kunming,Wuhua Hall,HALL_KIOSK", "YN-1-0002,Kunming,Wuhua Hall,HALL_KIOSK"));
    }

    @AfterAll
    void stop() throws Exception {
        fleet.close();
    }

    @Test
    void theHistoryKeepsTheLast50PerTerminalAndNothingOlderThanKept() throws Exception {
        try (TerminalSimulator sim = fleet.simulator("YN-1-0001", "YN-1-0002")) {
            SimulatedTerminal busy = sim.terminal("YN-1-0001");
            for (int i = 0; i < 120; i++) {
                assertThat(busy.heartbeat().status(), is(200));
            }
            assertThat(sim.terminal("YN-1-0002").heartbeat().status(), is(200));
        }
        assertThat(fleet.count("SELECT count(*) FROM heartbeat_history WHERE terminal_id = 'YN-1-0001'"), is(50L));
        assertThat(fleet.count("SELECT heartbeat_count FROM terminal WHERE id = 'YN-1-0001'"), is(120L));
        // the quiet terminal's heartbeat is eight days old
        try (var c = fleet.db.connection(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE heartbeat_history SET received_at = now() - interval '8 days' WHERE terminal_id = 'YN-1-0002'");
        }
        assertThat(new HeartbeatHistory(fleet.db).prune(Duration.ofDays(7)), is(1));
        assertThat(fleet.count("SELECT count(*) FROM heartbeat_history WHERE terminal_id = 'YN-1-0002'"), is(0L));
        assertThat(fleet.count("SELECT count(*) FROM heartbeat_history WHERE terminal_id = 'YN-1-0001'"), is(50L));
    }
}
