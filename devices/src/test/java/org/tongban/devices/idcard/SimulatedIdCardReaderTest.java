package org.tongban.devices.idcard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceException.Reason;
import org.tongban.devices.DeviceState;
import org.tongban.devices.EventRecorder;
import org.tongban.devices.SampleCards;

class SimulatedIdCardReaderTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final SimulatedIdCardReader reader = new SimulatedIdCardReader("idcard");
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

    @Test
    void aCardPlacedOnTheReaderIsPublishedAndCounted() {
        IdCard card = SampleCards.residentId();
        reader.present(card);
        assertThat(recorder.data(IdCard.class), contains(card));
        assertThat(reader.reads(), is(1));
        assertThat(reader.checkHealth().text(), containsString("1 cards read"));
    }

    @Test
    void readWaitsForACard() throws Exception {
        Thread citizen = new Thread(() -> {
            try {
                recorder.awaitState(DeviceState.BUSY, Duration.ofSeconds(5));
                reader.present(SampleCards.residentId());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        citizen.start();
        IdCard card = reader.read(Duration.ofSeconds(5));
        citizen.join();
        assertThat(card.idNumber(), is("11010119900101003X"));
    }

    @Test
    void aRemovedCardIsNoLongerRead() {
        reader.present(SampleCards.residentId());
        reader.removeCard();
        DeviceException e = assertThrows(DeviceException.class, () -> reader.read(Duration.ofMillis(100)));
        assertThat(e.reason(), is(Reason.TIMEOUT));
    }

    @Test
    void resetClearsAScriptedFailure() throws Exception {
        reader.failNext(new DeviceException(Reason.HARDWARE, "SAM not answering"));
        reader.reset(SECOND);
        reader.present(SampleCards.residentId());
        assertThat(reader.read(SECOND).name(), is("张三"));
        assertThat(reader.samId(SECOND), is(SimulatedIdCardReader.SAM_ID));
    }

    @Test
    void aCardKeepsPersonalDataOutOfLogsAndCanBeWiped() {
        IdCard card = SampleCards.residentId();
        assertThat(card.maskedIdNumber(), is("110***********003X"));
        assertThat(card.maskedName(), is("张*"));
        assertThat(card.toString(), not(containsString("11010119900101003X")));
        assertThat(card.toString(), not(containsString("张三")));
        card.wipe();
        assertArrayEquals(new byte[4], card.photoWlt());
    }

    @Test
    void validityKnowsLongTermCards() {
        IdCard card = SampleCards.residentId();
        assertThat(card.longTerm(), is(false));
        assertThat(card.expiredOn(LocalDate.of(2039, 12, 31)), is(false));
        assertThat(card.expiredOn(LocalDate.of(2040, 1, 2)), is(true));
        IdCard longTerm = new IdCard(card.cardType(), card.name(), null, card.sex(), card.ethnicityCode(),
                card.birthDate(), card.address(), card.idNumber(), card.issuer(), card.validFrom(), null, null, null,
                null);
        assertThat(longTerm.longTerm(), is(true));
        assertThat(longTerm.expiredOn(LocalDate.of(2100, 1, 1)), is(false));
        assertThat(longTerm.validToDate().isPresent(), is(false));
    }
}
