package org.tongban.kiosk.logging;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactingConverterTest {

    @Test
    void residentIdNumbersAreMasked() {
        String out = RedactingConverter.redact("card 11010519491231002X read, and 440524188001010014.");
        assertThat(out, equalTo("card 110105********002X read, and 440524********0014."));
    }

    @Test
    void permanentResidentNumbersAndMobilesAreMasked() {
        assertThat(RedactingConverter.redact("USA370012345678"), equalTo("USA************"));
        assertThat(RedactingConverter.redact("call 13812345678 now"), equalTo("call 138****5678 now"));
    }

    @Test
    void binaryBlobsAreDropped() {
        String blob = "QUJD".repeat(60);
        String out = RedactingConverter.redact("photo=" + blob);
        assertThat(out, not(containsString(blob)));
        assertThat(out, containsString("[binary data removed]"));
    }

    @Test
    void ordinaryTextAndUuidsAreLeftAlone() {
        String s = "transaction 2b1f6c0e-8f7a-4c1e-9d6f-0a1b2c3d4e5f delivered, receipt SB20261121000001, 503 after 12 s";
        assertThat(RedactingConverter.redact(s), equalTo(s));
    }

    @Test
    void oldFifteenDigitIdNumbersAreMasked() {
        assertThat(RedactingConverter.redact("id 110105491231002 read"), equalTo("id 110105******002 read"));
    }

    @Test
    void phoneNumbersWithCountryCodeOrSpacesAreMasked() {
        assertThat(RedactingConverter.redact("tel +8613812345678"), equalTo("tel +86138****5678"));
        assertThat(RedactingConverter.redact("tel 0086 138 1234 5678."), equalTo("tel 0086 138****5678."));
        assertThat(RedactingConverter.redact("tel 138-1234-5678"), equalTo("tel 138****5678"));
        assertThat(RedactingConverter.redact("tel +86-138 1234 5678"), equalTo("tel +86-138****5678"));
    }

    @Test
    void passportsAndTravelPermitsAreMasked() {
        assertThat(RedactingConverter.redact("passport E12345678"), equalTo("passport E******78"));
        assertThat(RedactingConverter.redact("passport EA1234567 ok"), equalTo("passport E******67 ok"));
        assertThat(RedactingConverter.redact("home-return permit H12345678"), equalTo("home-return permit H******78"));
        assertThat(RedactingConverter.redact("permit M1234567890"), equalTo("permit M******90"));
        assertThat(RedactingConverter.redact("Taiwan permit L12345678"), equalTo("Taiwan permit L******78"));
        assertThat(RedactingConverter.redact("台胞证 12345678"), equalTo("台胞证 ********"));
    }

    @Test
    void bankCardNumbersThatPassLuhnAreMaskedOthersAreNot() {
        // 6222 0212 3456 7894 passes the Luhn check; with its last digit changed it does not
        assertThat(RedactingConverter.redact("card 6222021234567894 paid"), equalTo("card 622202******7894 paid"));
        assertThat(RedactingConverter.redact("card 6222 0212 3456 7894"), equalTo("card 622202******7894"));
        assertThat(RedactingConverter.redact("card 6222-0212-3456-7894"), equalTo("card 622202******7894"));
        assertThat(RedactingConverter.redact("order 6222021234567895"), equalTo("order 6222021234567895"));
        assertThat(RedactingConverter.redact("card 6217000010001234569"), equalTo("card 621700*********4569"));
    }

    @Test
    void wrappedBase64IsDropped() {
        String line = "QUJD".repeat(19); // 76 columns, as MIME wraps
        String wrapped = line + "\n" + line + "\n" + "QUJDQQ==";
        String out = RedactingConverter.redact("photo:\n" + wrapped + "\nend");
        assertThat(out, not(containsString("QUJD")));
        String escaped = line + "\\n" + line + "\\n" + "QUJDQQ==";
        assertThat(RedactingConverter.redact("{\"photo\":\"" + escaped + "\"}"), not(containsString("QUJD")));
    }

    @Test
    void anExceptionsTextIsMaskedToo() {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("t"), Level.ERROR, "reading failed",
                new IllegalArgumentException("bad record for 11010519491231002X, tel 13812345678"), null);
        RedactingThrowableConverter converter = new RedactingThrowableConverter();
        converter.setContext(context);
        converter.setOptionList(List.of("short"));
        converter.start();
        String out = converter.convert(event);
        assertThat(out, containsString("IllegalArgumentException: bad record for 110105********002X, tel 138****5678"));
        assertThat(out, not(containsString("19491231")));
    }
}
