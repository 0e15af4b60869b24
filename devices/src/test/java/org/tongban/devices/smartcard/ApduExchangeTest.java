package org.tongban.devices.smartcard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tongban.devices.DeviceException;

/** 61xx and 6Cxx without any reader in between: what the driver does when the JDK's PC/SC layer has not. */
class ApduExchangeTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private final List<String> sent = new ArrayList<>();

    private ApduExchange card(String... answers) {
        int[] next = {0};
        return new ApduExchange(c -> {
            sent.add(HEX.formatHex(c));
            return ApduResponse.fromBytes(HEX.parseHex(answers[next[0]++]));
        });
    }

    @Test
    void moreDataIsFetchedWithGetResponseAndJoined() throws Exception {
        ApduResponse r = card("0102610A", "0304050661 02".replace(" ", ""), "07089000")
                .exchange(HEX.parseHex("00A4040002A00000"));
        assertThat(HEX.formatHex(r.data()), equalTo("0102030405060708"));
        assertThat(r.swHex(), equalTo("9000"));
        assertThat(sent, contains("00A4040002A00000", "00C000000A", "00C0000002"));
    }

    @Test
    void aWrongLeIsSentAgainWithTheLengthTheCardWants() throws Exception {
        ApduResponse r = card("6C12", "AABB9000").exchange(HEX.parseHex("00B2010C00"));
        assertThat(r.isSuccess(), is(true));
        assertThat(sent, contains("00B2010C00", "00B2010C12"));
        assertThat(HEX.formatHex(ApduExchange.withLe(HEX.parseHex("00B2010C"), 0x1D)), equalTo("00B2010C1D"));
        assertThat(HEX.formatHex(ApduExchange.withLe(HEX.parseHex("00A4040002A000"), 0x1D)), equalTo("00A4040002A0001D"));
    }

    @Test
    void aCardThatNeverStopsSayingMoreDataIsAnError() {
        ApduExchange endless = new ApduExchange(c -> ApduResponse.fromBytes(HEX.parseHex("016101")));
        DeviceException e = assertThrows(DeviceException.class, () -> endless.exchange(HEX.parseHex("00CA9F3600")));
        assertThat(e.getMessage(), containsString("keeps answering 61xx"));
    }

    @Test
    void malformedTlvIsAProtocolErrorNotACrash() {
        for (String bad : new String[] {"6F05840201", "9F", "5F2082", "6F8300", "70807000"}) {
            DeviceException e = assertThrows(DeviceException.class, () -> Tlv.parseAll(HEX.parseHex(bad)), bad);
            assertThat(e.reason(), is(DeviceException.Reason.PROTOCOL));
        }
    }
}
