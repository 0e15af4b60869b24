package org.tongban.devices.smartcard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceException.Reason;
import org.tongban.devices.DeviceState;
import org.tongban.devices.EventRecorder;
import org.tongban.devices.StatusEvent;

class SimulatedSmartCardReaderTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** T0 = 0xD5: TA1, TC1 and TD1 follow; TD1 = 0x81 offers T=1. */
    private static final byte[] T1_ATR = HEX.parseHex("3BD5180081313A7D8073C8211030");
    /** T0 = 0x68: TB1 and TC1 follow, no TD1, so T=0. */
    private static final byte[] T0_ATR = HEX.parseHex("3B6800000073C84000009000");
    private static final byte[] SELECT_SSSE = HEX.parseHex("00A404000F7378312E73682EC9E7BBE1B1A3D5CF");

    /** A social security card that knows one application and answers everything else with "file not found". */
    private static final Function<byte[], ApduResponse> SOCIAL_SECURITY_CARD = command ->
            Arrays.equals(command, SELECT_SSSE)
                    ? new ApduResponse(HEX.parseHex("6F0A8408A000000003869807"), ApduResponse.SW_SUCCESS)
                    : ApduResponse.status(0x6A82);

    private final SimulatedSmartCardReader reader = new SimulatedSmartCardReader("sscard");
    private final EventRecorder recorder = new EventRecorder();

    @BeforeEach
    void start() throws DeviceException {
        reader.addListener(recorder);
        reader.openClaimEnable(SECOND);
    }

    @AfterEach
    void stop() {
        reader.close();
    }

    private Reason reasonOf(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(DeviceException.class, call).reason();
    }

    @Test
    void insertingAndRemovingACardArePublished() throws Exception {
        reader.insert(T1_ATR, SOCIAL_SECURITY_CARD);
        assertThat(reader.cardPresent(), is(true));
        reader.removeCard();
        assertThat(reader.cardPresent(), is(false));
        assertThat(recorder.data(CardSlotChange.class), contains(
                new CardSlotChange(CardSlotChange.Change.INSERTED, HEX.formatHex(T1_ATR)),
                new CardSlotChange(CardSlotChange.Change.REMOVED, HEX.formatHex(T1_ATR))));
    }

    @Test
    void connectWaitsForACardAndReportsItsAtrAndProtocol() throws Exception {
        Thread citizen = new Thread(() -> {
            try {
                recorder.awaitState(DeviceState.BUSY, Duration.ofSeconds(5));
                reader.insert(T1_ATR, SOCIAL_SECURITY_CARD);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        citizen.start();
        SmartCard card = reader.connect(Duration.ofSeconds(5));
        citizen.join();
        assertArrayEquals(T1_ATR, card.atr());
        assertThat(card.protocol(), is(SmartCard.Protocol.T1));
        assertThat(card.toString(), containsString("3BD518"));
    }

    @Test
    void theProtocolComesFromTd1WhenThereIsOne() {
        assertThat(SimulatedSmartCardReader.protocolOf(T1_ATR), is(SmartCard.Protocol.T1));
        assertThat(SimulatedSmartCardReader.protocolOf(T0_ATR), is(SmartCard.Protocol.T0));
        assertThat(SimulatedSmartCardReader.protocolOf(HEX.parseHex("3B80")), is(SmartCard.Protocol.T0));
    }

    @Test
    void connectWithoutACardTimesOut() throws Exception {
        assertThat(reasonOf(() -> reader.connect(Duration.ofMillis(100))), is(Reason.TIMEOUT));
        // The worker gives up the wait when interrupted and the reader is ready again.
        recorder.await(e -> e instanceof StatusEvent s && s.previous() == DeviceState.BUSY
                && s.state() == DeviceState.ONLINE, SECOND);
        assertThat(reader.checkHealth().healthy(), is(true));
    }

    @Test
    void transmitGetsTheCardsAnswer() throws Exception {
        reader.insert(T0_ATR, SOCIAL_SECURITY_CARD);
        reader.connect(SECOND);
        ApduResponse selected = reader.transmit(SELECT_SSSE, SECOND);
        assertThat(selected.isSuccess(), is(true));
        assertThat(HEX.formatHex(selected.data()), is("6F0A8408A000000003869807"));
        ApduResponse missing = reader.transmit(HEX.parseHex("00B0950000"), SECOND);
        assertThat(missing.swHex(), is("6A82"));
        assertThat(missing.sw1(), is(0x6A));
        assertThat(missing.sw2(), is(0x82));
        assertThat(reader.apdusExchanged(), is(2));
    }

    @Test
    void transmitBeforeConnectOrAfterRemovalFailsWithoutHarmingTheReader() throws Exception {
        assertThat(reasonOf(() -> reader.transmit(SELECT_SSSE, SECOND)), is(Reason.NO_MEDIA));
        reader.insert(T0_ATR, SOCIAL_SECURITY_CARD);
        assertThat(reasonOf(() -> reader.transmit(SELECT_SSSE, SECOND)), is(Reason.ILLEGAL_STATE));
        reader.connect(SECOND);
        reader.removeCard();
        assertThat(reasonOf(() -> reader.transmit(SELECT_SSSE, SECOND)), is(Reason.NO_MEDIA));
        assertThat(reader.checkHealth().healthy(), is(true));
    }

    @Test
    void disconnectEndsTheSessionButLeavesTheCard() throws Exception {
        reader.insert(T0_ATR, SOCIAL_SECURITY_CARD);
        reader.connect(SECOND);
        reader.disconnect(SECOND);
        assertThat(reader.cardPresent(), is(true));
        assertThat(reasonOf(() -> reader.transmit(SELECT_SSSE, SECOND)), is(Reason.ILLEGAL_STATE));
    }

    @Test
    void aMuteCardIsAProtocolError() throws Exception {
        reader.insert(T0_ATR, command -> null);
        reader.connect(SECOND);
        assertThat(reasonOf(() -> reader.transmit(SELECT_SSSE, SECOND)), is(Reason.PROTOCOL));
    }

    @Test
    void aCommandShorterThanItsHeaderIsTheCallersMistake() {
        assertThrows(IllegalArgumentException.class, () -> reader.transmit(new byte[] {0, (byte) 0xA4}, SECOND));
    }

    @Test
    void aScriptedFaultFailsTheNextCallOnly() throws Exception {
        reader.insert(T0_ATR, SOCIAL_SECURITY_CARD);
        reader.failNext(new DeviceException(Reason.HARDWARE, "card contacts dirty"));
        assertThat(reasonOf(() -> reader.connect(SECOND)), is(Reason.HARDWARE));
        assertThat(reader.connect(SECOND).protocol(), is(SmartCard.Protocol.T0));
    }

    @Test
    void unpluggingEndsAWaitingConnectAndPlugInRecovers() throws Exception {
        Thread technician = new Thread(() -> {
            try {
                recorder.awaitState(DeviceState.BUSY, Duration.ofSeconds(5));
                reader.unplug();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        technician.start();
        long start = System.nanoTime();
        assertThat(reasonOf(() -> reader.connect(Duration.ofSeconds(20))), is(Reason.OFFLINE));
        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis(), lessThan(2000L));
        technician.join();
        assertThat(reader.state(), is(DeviceState.OFFLINE));
        assertThat(reader.checkHealth().text(), containsString("unplugged"));
        assertThat(reasonOf(() -> reader.connect(SECOND)), is(Reason.OFFLINE));

        reader.plugIn();
        reader.insert(T0_ATR, SOCIAL_SECURITY_CARD);
        assertThat(reader.connect(SECOND).protocol(), is(SmartCard.Protocol.T0));
        assertThat(reader.checkHealth().healthy(), is(true));
    }

    @Test
    void responsesKeepPersonalDataOutOfLogsAndCanBeWiped() {
        ApduResponse response = ApduResponse.fromBytes(HEX.parseHex("3130313031909000"));
        assertThat(response.sw(), is(0x9000));
        assertThat(HEX.formatHex(response.toBytes()), is("3130313031909000"));
        assertThat(response.toString(), is("ApduResponse[SW 9000, 6 data byte(s)]"));
        assertThat(response.toString(), not(containsString("313031")));
        response.wipe();
        assertArrayEquals(new byte[6], response.data());
    }
}
