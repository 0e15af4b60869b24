package org.tongban.devices.idcard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceException.Reason;
import org.tongban.devices.DeviceState;
import org.tongban.devices.ErrorEvent;
import org.tongban.devices.EventRecorder;

/** The real driver over jSerialComm, on a real pseudo-terminal, with the reader emulator on the other end. */
class SamIdCardReaderPtyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private ReaderEmulator emulator;
    private SocatPty pty;
    private SamIdCardReader reader;
    private final EventRecorder recorder = new EventRecorder();

    @BeforeEach
    void plugIn() throws Exception {
        Assumptions.assumeTrue(SocatPty.available(), "socat is not installed (.ci/test installs it)");
        emulator = new ReaderEmulator(115200);
        pty = SocatPty.start(dir.resolve("ttyIDCARD"), emulator.tcpPort());
    }

    private SamIdCardReader open(SamIdCardReader.Settings settings) throws DeviceException {
        reader = new SamIdCardReader("idcard", settings);
        reader.addListener(recorder);
        reader.openClaimEnable(TIMEOUT);
        return reader;
    }

    private SamIdCardReader open() throws DeviceException {
        return open(SamIdCardReader.Settings.defaults(pty.link().toString())
                .withAnswerTimeout(Duration.ofMillis(400)).withPollInterval(Duration.ZERO));
    }

    @AfterEach
    void unplug() throws Exception {
        if (reader != null) {
            reader.close();
        }
        if (pty != null) {
            pty.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void readsAllThreeCardTypes() throws Exception {
        open();
        emulator.place(CardText.resident().bytes(), CardText.photo());
        IdCard resident = reader.read(TIMEOUT);
        assertThat(resident.cardType(), is(IdCard.CardType.RESIDENT_ID));
        assertThat(resident.idNumber(), equalTo("11010519491231002X"));
        assertThat(resident.ethnicity().orElseThrow().chineseName(), equalTo("汉"));
        assertArrayEquals(CardText.photo(), resident.photoWlt());

        emulator.place(CardText.foreign().bytes(), CardText.photo());
        IdCard foreign = reader.read(TIMEOUT);
        assertThat(foreign.cardType(), is(IdCard.CardType.FOREIGN_PERMANENT_RESIDENT));
        assertThat(foreign.nationality(), equalTo("USA"));

        emulator.place(CardText.hmt().bytes(), CardText.photo());
        IdCard hmt = reader.read(TIMEOUT);
        assertThat(hmt.cardType(), is(IdCard.CardType.HMT_RESIDENCE_PERMIT));
        assertThat(hmt.passNumber(), equalTo("H12345678"));
        assertThat(reader.checkHealth().text(), containsString("3 cards read"));
    }

    @Test
    void readsTheFingerprintWhenConfigured() throws Exception {
        open(SamIdCardReader.Settings.defaults(pty.link().toString()).withFingerprint(true)
                .withPollInterval(Duration.ZERO));
        byte[] fp = new byte[1024];
        fp[0] = 0x43;
        emulator.place(CardText.resident().bytes(), CardText.photo(), fp);
        assertArrayEquals(fp, reader.read(TIMEOUT).fingerprint());
    }

    @Test
    void samIdResetAndStatus() throws Exception {
        open();
        assertThat(reader.samId(TIMEOUT), equalTo(ReaderEmulator.SAM_ID_TEXT));
        reader.reset(TIMEOUT);
        assertThat(reader.status(TIMEOUT), is(SamStatus.SUCCESS));
        assertThat(reader.appendedAddress(TIMEOUT), is(Optional.empty()));
        assertThat(reader.checkHealth().text(), containsString("SAM " + ReaderEmulator.SAM_ID_TEXT));
    }

    @Test
    void noCardIsSaidInWords() throws Exception {
        open();
        DeviceException e = assertThrows(DeviceException.class, () -> reader.read(Duration.ofMillis(600)));
        assertThat(e.reason(), is(Reason.NO_MEDIA));
        assertThat(e.getMessage(), containsString("no card on the reader"));
    }

    @Test
    void noiseAndFragmentsOnTheLineDoNotMatter() throws Exception {
        open();
        emulator.place(CardText.resident().bytes(), CardText.photo());
        emulator.nextAnswer(new ReaderEmulator.Fault.Noise(new byte[] {0x00, (byte) 0xAA, (byte) 0xAA, 0x13, (byte) 0xFF}));
        emulator.nextAnswer(new ReaderEmulator.Fault.Fragmented(5, 30));
        emulator.nextAnswer(new ReaderEmulator.Fault.Fragmented(40, 2));
        assertThat(reader.read(TIMEOUT).name(), equalTo("张三"));
    }

    @Test
    void aBadChecksumIsAProtocolErrorAndTheNextReadWorks() throws Exception {
        open();
        emulator.place(CardText.resident().bytes(), CardText.photo());
        emulator.nextAnswer(new ReaderEmulator.Fault.None());
        emulator.nextAnswer(new ReaderEmulator.Fault.BadChecksum());
        DeviceException e = assertThrows(DeviceException.class, () -> reader.read(TIMEOUT));
        assertThat(e.reason(), is(Reason.PROTOCOL));
        assertThat(e.getMessage(), containsString("checksum error"));
        assertThat(reader.read(TIMEOUT).name(), equalTo("张三"));
    }

    @Test
    void aTruncatedAnswerTimesOutSayingHowMuchCame() throws Exception {
        open();
        emulator.place(CardText.resident().bytes(), CardText.photo());
        emulator.nextAnswer(new ReaderEmulator.Fault.None());
        emulator.nextAnswer(new ReaderEmulator.Fault.None());
        emulator.nextAnswer(new ReaderEmulator.Fault.Truncated(812));
        DeviceException e = assertThrows(DeviceException.class, () -> reader.read(TIMEOUT));
        assertThat(e.reason(), is(Reason.TIMEOUT));
        assertThat(e.getMessage(), containsString("did not answer 'read card'"));
        assertThat(e.getMessage(), containsString("stopped after 812 of 1295 bytes"));
        assertThat(reader.read(TIMEOUT).name(), equalTo("张三"));
    }

    @Test
    void aSilentReaderTimesOutCleanly() throws Exception {
        open();
        emulator.nextAnswer(new ReaderEmulator.Fault.Silent());
        long start = System.nanoTime();
        DeviceException e = assertThrows(DeviceException.class, () -> reader.read(TIMEOUT));
        assertThat(e.reason(), is(Reason.TIMEOUT));
        assertThat(e.getMessage(), containsString("did not answer 'find card' within"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2000, is(true));
        assertThat(reader.state(), is(DeviceState.ONLINE));
    }

    @Test
    void aCardTheSamRejectsAndAFailedReadAreSaidInWords() throws Exception {
        open();
        emulator.place(CardText.resident().bytes(), CardText.photo());
        emulator.nextAnswer(new ReaderEmulator.Fault.None());
        emulator.nextAnswer(new ReaderEmulator.Fault.Status(0x32));
        DeviceException e = assertThrows(DeviceException.class, () -> reader.read(TIMEOUT));
        assertThat(e.reason(), is(Reason.INVALID_DATA));
        assertThat(e.getMessage(), containsString("the SAM failed to authenticate the card"));

        emulator.nextAnswer(new ReaderEmulator.Fault.None());
        emulator.nextAnswer(new ReaderEmulator.Fault.None());
        emulator.nextAnswer(new ReaderEmulator.Fault.Status(0x41));
        e = assertThrows(DeviceException.class, () -> reader.read(TIMEOUT));
        assertThat(e.reason(), is(Reason.NO_MEDIA));
        assertThat(e.getMessage(), containsString("reading the card failed (move it and try again) (SW3 41)"));
    }

    @Test
    void aCardWithABadCheckDigitIsRefused() throws Exception {
        open();
        emulator.place(CardText.resident().put(122, 36, "110105194912310021").bytes(), CardText.photo());
        DeviceException e = assertThrows(DeviceException.class, () -> reader.read(TIMEOUT));
        assertThat(e.reason(), is(Reason.INVALID_DATA));
        assertThat(e.getMessage(), containsString("check digit"));
    }

    @Test
    void aFrameWithBadSw1Sw2IsAProtocolError() throws Exception {
        open();
        emulator.nextAnswer(new ReaderEmulator.Fault.Raw(SamFrameCodec.encode(new byte[] {0x6A, (byte) 0x82, (byte) 0x90})));
        DeviceException e = assertThrows(DeviceException.class, () -> reader.status(TIMEOUT));
        assertThat(e.reason(), is(Reason.PROTOCOL));
        assertThat(e.getMessage(), containsString("SW1 SW2 = 6A 82"));
    }

    @Test
    void aMissingPortIsOfflineInWords() {
        reader = new SamIdCardReader("idcard", SamIdCardReader.Settings.defaults(dir.resolve("nothing").toString()));
        DeviceException e = assertThrows(DeviceException.class, reader::open);
        assertThat(e.reason(), is(Reason.OFFLINE));
        assertThat(e.getMessage(), containsString("does not exist (reader unplugged or wrong port?)"));
    }

    @Test
    void aCardPlacedIsPublishedOnceAndAgainWhenPlacedAnew() throws Exception {
        open(SamIdCardReader.Settings.defaults(pty.link().toString()).withPollInterval(Duration.ofMillis(50)));
        emulator.place(CardText.resident().bytes(), CardText.photo());
        recorder.awaitData(IdCard.class, 1, TIMEOUT);
        Thread.sleep(400); // several polls with the card still there
        assertThat(recorder.data(IdCard.class), hasSize(1));
        emulator.removeCard();
        Thread.sleep(300);
        emulator.place(CardText.hmt().bytes(), CardText.photo());
        recorder.awaitData(IdCard.class, 2, TIMEOUT);
        assertThat(recorder.data(IdCard.class).get(1).cardType(), is(IdCard.CardType.HMT_RESIDENCE_PERMIT));
    }

    @Test
    void aBadCardPlacedIsReportedOnceAsAnErrorEvent() throws Exception {
        open(SamIdCardReader.Settings.defaults(pty.link().toString()).withPollInterval(Duration.ofMillis(50)));
        emulator.place(CardText.resident().put(248, 2, "Y").bytes(), CardText.photo());
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (recorder.of(ErrorEvent.class).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertThat(recorder.of(ErrorEvent.class), hasSize(1));
        assertThat(recorder.of(ErrorEvent.class).get(0).message(), containsString("unsupported card type 'Y'"));
    }

    @Test
    void anUnpluggedReaderGoesOfflineAndComesBackWhenPluggedIn() throws Exception {
        open(SamIdCardReader.Settings.defaults(pty.link().toString()).withPollInterval(Duration.ofMillis(50))
                .withAnswerTimeout(Duration.ofMillis(300)));
        pty.close();
        recorder.awaitState(DeviceState.OFFLINE, TIMEOUT);
        DeviceException e = assertThrows(DeviceException.class, () -> reader.read(TIMEOUT));
        assertThat(e.reason(), is(Reason.OFFLINE));

        pty = SocatPty.start(dir.resolve("ttyIDCARD"), emulator.tcpPort());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (reader.state() != DeviceState.ONLINE && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(reader.state(), is(DeviceState.ONLINE));
        emulator.place(CardText.foreign().bytes(), CardText.photo());
        recorder.awaitData(IdCard.class, 1, TIMEOUT);
        assertThat(reader.read(TIMEOUT).expiredOn(LocalDate.of(2026, 1, 1)), is(false));
    }
}
