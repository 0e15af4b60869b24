package org.tongban.devices.smartcard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceException.Reason;
import org.tongban.devices.EventRecorder;

/**
 * The PC/SC driver against the real stack: pcscd with vsmartcard's virtual reader (vpcd), and our card
 * emulators in vpcd's slot. .ci/test installs and starts both.
 */
class PcscSmartCardReaderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String VPCD = "Virtual PCD";

    private PcscSmartCardReader reader;
    private VpcdCard card;
    private final EventRecorder recorder = new EventRecorder();

    @BeforeEach
    void needTheStack() throws DeviceException {
        Assumptions.assumeTrue(VpcdCard.stackAvailable(),
                "pcscd is not running or vsmartcard-vpcd is not installed (.ci/test sets both up)");
        assertThat(PcscSmartCardReader.readerNames(), hasItem(startsWith(VPCD)));
    }

    @AfterEach
    void tidy() throws Exception {
        if (reader != null) {
            reader.close();
        }
        if (card != null) {
            card.close();
            waitUntilPcscSeesNoCard();
        }
    }

    /** pcscd notices a removal on its next poll; the next test's card must not meet the old one's ATR. */
    private static void waitUntilPcscSeesNoCard() throws Exception {
        for (javax.smartcardio.CardTerminal t : javax.smartcardio.TerminalFactory.getInstance("PC/SC", null)
                .terminals().list()) {
            if (t.getName().startsWith(VPCD)) {
                t.waitForCardAbsent(3000);
            }
        }
    }

    private PcscSmartCardReader open(Duration poll) throws DeviceException {
        reader = new PcscSmartCardReader("smartcard", VPCD, poll);
        reader.addListener(recorder);
        reader.openClaimEnable(TIMEOUT);
        return reader;
    }

    @Test
    void aBankCardGivesItsMaskedNumberExpiryAndHolder() throws Exception {
        card = new VpcdCard(VpcdCard.SLOT_0, EmulatedCards.ATR_T1, EmulatedCards.bankCard()).insert();
        open(Duration.ZERO);
        SmartCard connected = reader.connect(TIMEOUT);
        assertThat(connected.protocol(), is(SmartCard.Protocol.T1));
        assertThat(connected.atrHex(), equalTo("3B800181"));
        BankCard bank = new BankCardApplication(reader, TIMEOUT).read().orElseThrow();
        assertThat(bank.aid(), equalTo("A000000333010101"));
        assertThat(bank.label(), equalTo("PBOC DEBIT"));
        assertThat(bank.pan(), equalTo(EmulatedCards.PAN));
        assertThat(bank.maskedPan(), equalTo("622848******1234"));
        assertThat(bank.expiry(), equalTo(YearMonth.of(2030, 12)));
        assertThat(bank.holderName(), equalTo("ZHANG SAN/MR"));
        assertThat(bank.toString(), containsString("622848******1234"));
    }

    @Test
    void aSocialSecurityCardGivesItsCardFaceAndSaysWhatNeedsThePsam() throws Exception {
        card = new VpcdCard(VpcdCard.SLOT_0, EmulatedCards.ATR_T0, EmulatedCards.socialSecurityCard()).insert();
        open(Duration.ZERO);
        // A T=0-only ATR; vpcd's driver still transports T=1 (it has no T=0), which is what PC/SC reports.
        assertThat(reader.connect(TIMEOUT).atrHex(), equalTo("3B021450"));
        assertThat(new BankCardApplication(reader, TIMEOUT).read().isPresent(), is(false));
        SocialSecurityCard ssc = new SocialSecurityCardApplication(reader, TIMEOUT).read().orElseThrow();
        assertThat(ssc.cardNumber(), equalTo("A12345678"));
        assertThat(ssc.issuingRegion(), equalTo("530100"));
        assertThat(ssc.specVersion(), equalTo("3.00"));
        assertThat(ssc.issueDate(), equalTo(LocalDate.of(2020, 1, 15)));
        assertThat(ssc.validTo(), equalTo(LocalDate.of(2030, 1, 15)));
        assertThat(ssc.needsPsam(), hasItem("socialSecurityNumber"));
    }

    @Test
    void statusWords61And6CAreFollowedUp() throws Exception {
        card = new VpcdCard(VpcdCard.SLOT_0, EmulatedCards.ATR_T1, EmulatedCards.bankCard()).insert();
        open(Duration.ZERO);
        reader.connect(TIMEOUT);
        // SELECT answered 61xx: the FCI comes back whole
        ApduResponse select = reader.transmit(EmulatedCards.HEX.parseHex("00A4040008A00000033301010100"), TIMEOUT);
        assertThat(select.swHex(), equalTo("9000"));
        assertThat(Tlv.find(Tlv.parseAll(select.data()), 0x84).orElseThrow().value().length, is(8));
        // READ RECORD with Le 00 answered 6Cxx: sent again with the right Le
        ApduResponse rec = reader.transmit(EmulatedCards.HEX.parseHex("00B2020C00"), TIMEOUT);
        assertThat(rec.swHex(), equalTo("9000"));
        assertThat(Tlv.find(Tlv.parseAll(rec.data()), 0x5A).isPresent(), is(true));
    }

    @Test
    void insertedAndRemovedAreEvents() throws Exception {
        open(Duration.ofMillis(50));
        card = new VpcdCard(VpcdCard.SLOT_0, EmulatedCards.ATR_T1, EmulatedCards.blankCard()).insert();
        recorder.await(e -> e instanceof org.tongban.devices.DataEvent<?> d
                && d.data() instanceof CardSlotChange c && c.change() == CardSlotChange.Change.INSERTED, TIMEOUT);
        CardSlotChange in = recorder.data(CardSlotChange.class).get(0);
        assertThat(in.atrHex(), equalTo("3B800181"));
        assertThat(reader.cardPresent(), is(true));
        card.remove();
        recorder.await(e -> e instanceof org.tongban.devices.DataEvent<?> d
                && d.data() instanceof CardSlotChange c && c.change() == CardSlotChange.Change.REMOVED, TIMEOUT);
        List<CardSlotChange> changes = recorder.data(CardSlotChange.class);
        assertThat(changes.get(changes.size() - 1).change(), is(CardSlotChange.Change.REMOVED));
        assertThat(reader.cardPresent(), is(false));
    }

    @Test
    void noCardIsSaidInWords() throws Exception {
        open(Duration.ZERO);
        DeviceException e = assertThrows(DeviceException.class, () -> reader.connect(Duration.ofMillis(500)));
        assertThat(e.reason(), is(Reason.NO_MEDIA));
        assertThat(e.getMessage(), containsString("no card in the reader"));
    }

    @Test
    void aCardTakenOutMidSessionIsNoMedia() throws Exception {
        card = new VpcdCard(VpcdCard.SLOT_0, EmulatedCards.ATR_T1, EmulatedCards.bankCard()).insert();
        open(Duration.ZERO);
        reader.connect(TIMEOUT);
        card.remove();
        waitUntilPcscSeesNoCard();
        DeviceException e = assertThrows(DeviceException.class,
                () -> reader.transmit(EmulatedCards.HEX.parseHex("00A404000E325041592E5359532E444446303100"), TIMEOUT));
        assertThat(e.getMessage(), e.reason(), is(Reason.NO_MEDIA));
    }

    @Test
    void anUnknownReaderNameListsTheAttachedOnes() {
        reader = new PcscSmartCardReader("smartcard", "No Such Reader", Duration.ZERO);
        DeviceException e = assertThrows(DeviceException.class, reader::open);
        assertThat(e.reason(), is(Reason.OFFLINE));
        assertThat(e.getMessage(), containsString("no smart card reader named 'No Such Reader' (attached: [" + VPCD));
    }
}
