package org.tongban.kiosk.i18n;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void bothLanguagesHaveTheSameKeys() {
        Set<String> zh = new TreeSet<>(new Messages(Locale.SIMPLIFIED_CHINESE).keys());
        Set<String> en = new TreeSet<>(new Messages(Locale.ENGLISH).keys());
        assertThat(zh, equalTo(en));
    }

    @Test
    void chineseIsReadAsUtf8AndArgumentsAreFilledIn() {
        Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);
        assertThat(zh.get("flow.placeCard"), equalTo("请将身份证放在读卡区"));
        assertThat(zh.get("idle.countdown", 12), startsWith("12 秒后"));
        assertThat(new Messages(Locale.ENGLISH).get("idle.countdown", 12), startsWith("This session ends in 12 seconds"));
    }

    @Test
    void aMissingKeyShowsItselfInsteadOfCrashing() {
        assertThat(new Messages(Locale.ENGLISH).get("no.such.key"), equalTo("[no.such.key]"));
        assertThat(new Messages(Locale.ENGLISH).get("app.name"), not(startsWith("[")));
    }
}
