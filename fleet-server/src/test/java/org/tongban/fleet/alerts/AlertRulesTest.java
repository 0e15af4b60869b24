package org.tongban.fleet.alerts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Which alerts a heartbeat calls for. */
class AlertRulesTest {

    final AlertRules rules = new AlertRules(Duration.ofMinutes(30));
    final ObjectMapper json = new ObjectMapper();

    Map<AlertKind, String> wanted(String heartbeat) throws Exception {
        return rules.wanted(json.readTree(heartbeat));
    }

    @Test
    void eachReportedProblemCallsForItsAlert() throws Exception {
        Map<AlertKind, String> w = wanted("""
                {"devices":[{"name":"receipt","kind":"RECEIPT_PRINTER","state":"ERROR","detail":"PAPER_OUT"},
                            {"name":"a4","kind":"DOCUMENT_PRINTER","state":"ONLINE","detail":"PAPER_LOW"},
                            {"name":"cam","kind":"CAMERA","state":"OFFLINE"}],
                 "outboxDepth":3,"oldestPendingAgeSeconds":1801,"assistanceRequested":true,"screen":"review",
                 "update":{"lastRefusal":{"reason":"signature"},"lastRollback":{"from":"1.5","to":"1.4"}}}""");
        assertThat(w.get(AlertKind.PAPER_OUT), is("receipt"));
        assertThat(w.get(AlertKind.PAPER_LOW), is("a4"));
        assertThat(w.get(AlertKind.DEVICE_ERROR), is("cam OFFLINE"));
        assertThat(w.get(AlertKind.OUTBOX_STUCK), is("3 pending, oldest 1801 s"));
        assertThat(w.get(AlertKind.ASSISTANCE), is("review"));
        assertThat(w.containsKey(AlertKind.UPDATE_REFUSED), is(true));
        assertThat(w.containsKey(AlertKind.ROLLED_BACK), is(true));
    }

    @Test
    void aHealthyHeartbeatCallsForNone() throws Exception {
        assertThat(wanted("{\"devices\":[{\"name\":\"p\",\"kind\":\"K\",\"state\":\"ONLINE\"}],\"outboxDepth\":2,\"oldestPendingAgeSeconds\":60}")
                .isEmpty(), is(true));
        assertThat("an empty outbox is never stuck", wanted("{\"devices\":[],\"outboxDepth\":0,\"oldestPendingAgeSeconds\":99999}").isEmpty(), is(true));
    }
}
