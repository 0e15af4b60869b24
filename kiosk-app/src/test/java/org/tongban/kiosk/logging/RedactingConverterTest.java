package org.tongban.kiosk.logging;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

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
}
