package org.tongban.fleet.console;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.tongban.fleet.alerts.AlertKind;
import org.tongban.fleet.commands.CommandType;
import org.tongban.fleet.terminals.TerminalState;

/** Both languages say everything, and every state, alert, command and status has its words. */
class MessagesTest {

    @Test
    void chineseAndEnglishHaveTheSameKeysAndCoverEveryValue() {
        Messages zh = Messages.of("zh");
        Messages en = Messages.of("en");
        Set<String> zhKeys = new TreeSet<>(zh.bundle().keySet());
        Set<String> enKeys = new TreeSet<>(en.bundle().keySet());
        assertThat(zhKeys, is(enKeys));
        List<String> missing = new ArrayList<>();
        for (TerminalState s : TerminalState.values()) {
            check(zhKeys, "state." + s, missing);
        }
        for (AlertKind k : AlertKind.values()) {
            check(zhKeys, "akind." + k, missing);
        }
        for (CommandType t : CommandType.values()) {
            check(zhKeys, "cmdtype." + t, missing);
        }
        for (String s : List.of("PENDING", "DELIVERED", "DONE", "FAILED", "REFUSED", "EXPIRED")) {
            check(zhKeys, "cmdstatus." + s, missing);
        }
        assertThat(missing, empty());
        assertThat(zh.t("state.OFFLINE"), is("离线"));
        assertThat(en.t("cmd.confirmText", "Lock", 6), is("Send Lock to 6 terminal(s)?"));
    }

    private static void check(Set<String> keys, String key, List<String> missing) {
        if (!keys.contains(key)) {
            missing.add(key);
        }
    }
}
