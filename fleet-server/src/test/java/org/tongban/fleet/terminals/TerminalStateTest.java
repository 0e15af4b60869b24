package org.tongban.fleet.terminals;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one rule that turns enrolment and the latest heartbeat into a state. */
class TerminalStateTest {

    final ObjectMapper json = new ObjectMapper();
    final Instant now = Instant.parse("2026-12-04T10:00:00Z");
    final Duration offlineAfter = Duration.ofSeconds(93);

    Terminal seen(Instant lastSeen, String heartbeat) throws Exception {
        return new Terminal("T1", "R", "H", "HALL_KIOSK", null, lastSeen, json.readTree(heartbeat), 0);
    }

    @Test
    void statesFollowTheContract() throws Exception {
        String fine = "{\"devices\":[{\"name\":\"p\",\"kind\":\"RECEIPT_PRINTER\",\"state\":\"ONLINE\"}]}";
        assertThat(new Terminal("T1", "R", "H", "P", null, null, null, 0).state(now, offlineAfter), is(TerminalState.NEVER_SEEN));
        assertThat(seen(now.minusSeconds(10), fine).state(now, offlineAfter), is(TerminalState.ONLINE));
        assertThat(seen(now.minusSeconds(94), fine).state(now, offlineAfter), is(TerminalState.OFFLINE));
        assertThat(seen(now.minusSeconds(92), fine).state(now, offlineAfter), is(TerminalState.ONLINE));
        assertThat(seen(now, "{\"locked\":true,\"devices\":[]}").state(now, offlineAfter), is(TerminalState.LOCKED));
        assertThat(seen(now, "{\"devices\":[{\"name\":\"p\",\"kind\":\"K\",\"state\":\"ONLINE\",\"detail\":\"PAPER_LOW\"}]}")
                .state(now, offlineAfter), is(TerminalState.DEGRADED));
        assertThat(seen(now, "{\"devices\":[{\"name\":\"c\",\"kind\":\"CAMERA\",\"state\":\"ERROR\"}]}").state(now, offlineAfter),
                is(TerminalState.DEGRADED));
        assertThat(new Terminal("T1", "R", "H", "P", now, now, json.readTree(fine), 0).state(now, offlineAfter), is(TerminalState.REVOKED));
    }
}
