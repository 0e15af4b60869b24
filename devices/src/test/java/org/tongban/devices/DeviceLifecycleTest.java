package org.tongban.devices;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tongban.devices.idcard.SimulatedIdCardReader;

/** The lifecycle rules every device shares, checked on the ID card reader simulator. */
class DeviceLifecycleTest {

    private static final Duration CLAIM = Duration.ofSeconds(1);

    private final SimulatedIdCardReader reader = new SimulatedIdCardReader("idcard");
    private final EventRecorder recorder = new EventRecorder();

    DeviceLifecycleTest() {
        reader.addListener(recorder);
    }

    @AfterEach
    void closeReader() {
        reader.close();
    }

    private static DeviceException.Reason reasonOf(Executable call) {
        return assertThrows(DeviceException.class, call::run).reason();
    }

    @FunctionalInterface
    interface Executable {
        void run() throws Exception;
    }

    @Test
    void stepsGoUpAndDownOneAtATime() throws Exception {
        reader.open();
        assertThat(reader.lifecycle(), is(Lifecycle.OPENED));
        reader.claim(CLAIM);
        assertThat(reader.lifecycle(), is(Lifecycle.CLAIMED));
        reader.enable();
        assertThat(reader.lifecycle(), is(Lifecycle.ENABLED));
        reader.disable();
        assertThat(reader.lifecycle(), is(Lifecycle.CLAIMED));
        reader.release();
        assertThat(reader.lifecycle(), is(Lifecycle.OPENED));
        reader.close();
        assertThat(reader.lifecycle(), is(Lifecycle.CLOSED));
        assertThat(reader.state(), is(DeviceState.OFFLINE));
    }

    @Test
    void callsOutOfOrderAreIllegalStateNotSilentNoOps() throws Exception {
        assertThat(reasonOf(() -> reader.claim(CLAIM)), is(DeviceException.Reason.ILLEGAL_STATE));
        assertThat(reasonOf(reader::enable), is(DeviceException.Reason.ILLEGAL_STATE));
        assertThat(reasonOf(reader::release), is(DeviceException.Reason.ILLEGAL_STATE));
        reader.open();
        assertThat(reasonOf(reader::open), is(DeviceException.Reason.ILLEGAL_STATE));
        assertThat(reasonOf(reader::enable), is(DeviceException.Reason.ILLEGAL_STATE));
        assertThat(reasonOf(reader::disable), is(DeviceException.Reason.ILLEGAL_STATE));
        reader.claim(CLAIM);
        assertThat(reasonOf(() -> reader.claim(CLAIM)), is(DeviceException.Reason.ILLEGAL_STATE));
        assertThat(reasonOf(() -> reader.read(Duration.ofMillis(50))), is(DeviceException.Reason.ILLEGAL_STATE));
        reader.enable();
        assertThat(reasonOf(reader::release), is(DeviceException.Reason.ILLEGAL_STATE));
        assertThat(reader.lifecycle(), is(Lifecycle.ENABLED));
    }

    @Test
    void anOperationBeforeEnableIsReportedAsAnErrorEvent() throws Exception {
        reader.open();
        reader.claim(CLAIM);
        assertThat(reasonOf(() -> reader.samId(Duration.ofSeconds(1))), is(DeviceException.Reason.ILLEGAL_STATE));
        assertThat(recorder.of(ErrorEvent.class).get(0).reason(), is(DeviceException.Reason.ILLEGAL_STATE));
    }

    @ParameterizedTest
    @EnumSource(Lifecycle.class)
    void closeWorksFromAnyStepAndTheDeviceCanBeOpenedAgain(Lifecycle step) throws Exception {
        bringTo(step);
        reader.close();
        assertThat(reader.lifecycle(), is(Lifecycle.CLOSED));
        assertThat(reader.state(), is(DeviceState.OFFLINE));
        reader.close(); // twice is harmless
        reader.openClaimEnable(CLAIM);
        assertThat(reader.samId(Duration.ofSeconds(1)), containsString("05.01"));
    }

    private void bringTo(Lifecycle step) throws DeviceException {
        if (step.atLeast(Lifecycle.OPENED)) {
            reader.open();
        }
        if (step.atLeast(Lifecycle.CLAIMED)) {
            reader.claim(CLAIM);
        }
        if (step.atLeast(Lifecycle.ENABLED)) {
            reader.enable();
        }
    }

    @Test
    void statusEventsFollowOpenOperationAndClose() throws Exception {
        reader.openClaimEnable(CLAIM);
        reader.samId(Duration.ofSeconds(1));
        recorder.awaitState(DeviceState.ONLINE, Duration.ofSeconds(1));
        reader.close();
        List<DeviceState> states = recorder.states();
        assertThat(states, contains(DeviceState.STARTING, DeviceState.ONLINE, DeviceState.BUSY, DeviceState.ONLINE,
                DeviceState.OFFLINE));
        StatusEvent first = recorder.of(StatusEvent.class).get(0);
        assertThat(first.previous(), is(DeviceState.OFFLINE));
        assertThat(first.device(), is("idcard"));
    }

    @Test
    void dataEventsOnlyWhileEnabled() throws Exception {
        reader.open();
        reader.claim(CLAIM);
        reader.present(SampleCards.residentId());
        assertThat(recorder.of(DataEvent.class), is(empty()));

        reader.removeCard();
        reader.enable();
        reader.present(SampleCards.residentId());
        DataEvent<?> event = recorder.of(DataEvent.class).get(0);
        assertThat(event.data(), equalTo(SampleCards.residentId()));
        assertThat(event.device(), is("idcard"));
    }

    @Test
    void aFailedOperationThrowsAndPublishesTheSameReason() throws Exception {
        reader.openClaimEnable(CLAIM);
        reader.failNext(new DeviceException(DeviceException.Reason.INVALID_DATA, "SAM rejected the card"));
        assertThat(reasonOf(() -> reader.read(Duration.ofSeconds(1))), is(DeviceException.Reason.INVALID_DATA));
        ErrorEvent error = recorder.of(ErrorEvent.class).get(0);
        assertThat(error.reason(), is(DeviceException.Reason.INVALID_DATA));
        assertThat(error.message(), containsString("SAM rejected"));
        // The failure was the card's, not the reader's: the next read works.
        reader.present(SampleCards.residentId());
        assertThat(reader.read(Duration.ofSeconds(1)).idNumber(), is("11010119900101003X"));
    }

    @Test
    void anOperationThatTakesTooLongTimesOutAndTheDeviceStaysUsable() throws Exception {
        reader.openClaimEnable(CLAIM);
        long start = System.nanoTime();
        assertThat(reasonOf(() -> reader.read(Duration.ofMillis(100))), is(DeviceException.Reason.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis(), lessThan(1000L));
        reader.present(SampleCards.residentId());
        assertThat(reader.read(Duration.ofSeconds(1)).name(), is("张三"));
    }

    @Test
    void aBlockedReadCancelledFromAnotherThreadEndsQuickly() throws Exception {
        reader.openClaimEnable(CLAIM);
        Thread canceller = new Thread(() -> {
            try {
                recorder.awaitState(DeviceState.BUSY, Duration.ofSeconds(5));
                reader.cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        canceller.start();
        long start = System.nanoTime();
        assertThat(reasonOf(() -> reader.read(Duration.ofSeconds(20))), is(DeviceException.Reason.CANCELLED));
        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis(), lessThan(2000L));
        canceller.join();
        assertThat(recorder.of(ErrorEvent.class).get(0).reason(), is(DeviceException.Reason.CANCELLED));
    }

    @Test
    void aFaultReportedDuringAnOperationOutlastsIt() throws Exception {
        reader.openClaimEnable(CLAIM);
        Thread technician = new Thread(() -> {
            try {
                recorder.awaitState(DeviceState.BUSY, Duration.ofSeconds(5));
                reader.unplug(); // the cable comes out while the read waits
                reader.present(SampleCards.residentId());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        technician.start();
        reader.read(Duration.ofSeconds(5));
        technician.join();
        assertThat("the end of the read must not report the reader ONLINE again",
                reader.state(), is(DeviceState.OFFLINE));
        assertThat(reader.stateDetail(), containsString("unplugged"));
    }

    @Test
    void cancelWithNothingInProgressDoesNothing() throws Exception {
        reader.openClaimEnable(CLAIM);
        reader.cancel();
        reader.present(SampleCards.residentId());
        assertThat(reader.read(Duration.ofSeconds(1)).name(), is("张三"));
    }

    @Test
    void closingDuringABlockedReadCancelsIt() throws Exception {
        reader.openClaimEnable(CLAIM);
        Thread closer = new Thread(() -> {
            try {
                recorder.awaitState(DeviceState.BUSY, Duration.ofSeconds(5));
                reader.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        closer.start();
        assertThat(reasonOf(() -> reader.read(Duration.ofSeconds(20))), is(DeviceException.Reason.CANCELLED));
        closer.join();
        assertThat(reader.lifecycle(), is(Lifecycle.CLOSED));
    }

    @Test
    void interruptingTheCallerCancelsTheOperation() throws Exception {
        reader.openClaimEnable(CLAIM);
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                recorder.awaitState(DeviceState.BUSY, Duration.ofSeconds(5));
                caller.interrupt();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        interrupter.start();
        try {
            assertThat(reasonOf(() -> reader.read(Duration.ofSeconds(20))), is(DeviceException.Reason.CANCELLED));
            assertThat("the interrupt is kept for the caller", Thread.interrupted(), is(true));
        } finally {
            interrupter.join();
            Thread.interrupted();
        }
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() throws Exception {
        SimulatedIdCardReader other = new SimulatedIdCardReader("idcard2");
        EventRecorder second = new EventRecorder();
        other.addListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        other.addListener(second);
        try {
            other.openClaimEnable(CLAIM);
            assertThat(second.states(), hasItem(DeviceState.ONLINE));
        } finally {
            other.close();
        }
    }

    @Test
    void aRemovedListenerHearsNothingMore() throws Exception {
        reader.removeListener(recorder);
        reader.openClaimEnable(CLAIM);
        assertThat(recorder.events(), is(empty()));
    }

    @Test
    void anUnpluggedReaderCannotBeOpenedAndSaysWhy() {
        reader.unplug();
        assertThat(reasonOf(reader::open), is(DeviceException.Reason.OFFLINE));
        assertThat(reader.lifecycle(), is(Lifecycle.CLOSED));
        assertThat(reader.stateDetail(), containsString("open failed"));
    }

    @Test
    void healthSaysWhetherTheDeviceCanServe() throws Exception {
        HealthReport closed = reader.checkHealth();
        assertThat(closed.healthy(), is(false));
        assertThat(closed.text(), is("closed"));

        reader.openClaimEnable(CLAIM);
        HealthReport up = reader.checkHealth();
        assertThat(up.healthy(), is(true));
        assertThat(up.deviceClass(), is(DeviceClass.ID_CARD_READER));
        assertThat(up.text(), containsString("SAM"));

        reader.unplug();
        HealthReport unplugged = reader.checkHealth();
        assertThat(unplugged.healthy(), is(false));
        assertThat(unplugged.state(), is(DeviceState.OFFLINE));
        assertThat(unplugged.text(), containsString("unplugged"));
        assertThat(reasonOf(() -> reader.read(Duration.ofSeconds(1))), is(DeviceException.Reason.OFFLINE));

        reader.plugIn();
        assertThat(reader.checkHealth().healthy(), is(true));
    }
}
