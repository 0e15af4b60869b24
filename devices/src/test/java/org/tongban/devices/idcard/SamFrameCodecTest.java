package org.tongban.devices.idcard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tongban.devices.DeviceException;

class SamFrameCodecTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    @Test
    void commandFramesAreTheSpecsExamplesByteForByte() {
        assertThat(HEX.formatHex(SamCommand.STATUS.frame()), equalTo("AA AA AA 96 69 00 03 11 FF ED"));
        assertThat(HEX.formatHex(SamCommand.FIND_CARD.frame()), equalTo("AA AA AA 96 69 00 03 20 01 22"));
        assertThat(HEX.formatHex(SamCommand.SELECT_CARD.frame()), equalTo("AA AA AA 96 69 00 03 20 02 21"));
        assertThat(HEX.formatHex(SamCommand.READ_TEXT_PHOTO.frame()), equalTo("AA AA AA 96 69 00 03 30 01 32"));
        assertThat(HEX.formatHex(SamCommand.READ_TEXT_PHOTO_FINGERPRINT.frame()),
                equalTo("AA AA AA 96 69 00 03 30 10 23"));
        assertThat(HEX.formatHex(SamCommand.READ_SAM_ID.frame()), equalTo("AA AA AA 96 69 00 03 12 FF EE"));
        assertThat(HEX.formatHex(SamCommand.RESET_SAM.frame()), equalTo("AA AA AA 96 69 00 03 10 FF EC"));
    }

    @Test
    void aReadAnswerWithTextAndPhotoIs1295BytesWithLength0508() throws DeviceException {
        byte[] body = new byte[3 + 4 + 256 + 1024];
        body[2] = (byte) 0x90;
        byte[] frame = SamFrameCodec.encode(body);
        assertThat(frame.length, is(1295));
        assertThat(frame[5] & 0xFF, is(0x05));
        assertThat(frame[6] & 0xFF, is(0x08));
        assertArrayEquals(body, SamFrameCodec.forAnswers().decodeComplete(frame));
    }

    @Test
    void noiseBeforeThePreambleIsSkipped() throws DeviceException {
        SamFrameCodec codec = SamFrameCodec.forAnswers();
        codec.feed(hex("00 FF AA AA 96 AA 13 AA AA AA AA 96 69 00 04 00 00 90 94"));
        assertArrayEquals(hex("00 00 90"), codec.next().orElseThrow());
        assertThat(codec.skippedBytes(), is(8L));
    }

    @Test
    void anAnswerArrivingByteByByteIsReassembled() throws DeviceException {
        byte[] frame = SamFrameCodec.encode(hex("00 00 9F 00 00 00 00"));
        SamFrameCodec codec = SamFrameCodec.forAnswers();
        for (int i = 0; i < frame.length - 1; i++) {
            codec.feed(frame, i, 1);
            assertThat(codec.next(), is(Optional.empty()));
            assertThat(codec.midFrame(), is(true));
        }
        codec.feed(frame, frame.length - 1, 1);
        assertArrayEquals(hex("00 00 9F 00 00 00 00"), codec.next().orElseThrow());
        assertThat(codec.midFrame(), is(false));
    }

    @Test
    void aBadChecksumIsAClearErrorAndTheNextFrameIsStillFound() throws DeviceException {
        byte[] bad = SamFrameCodec.encode(hex("00 00 90"));
        bad[bad.length - 1] ^= 1;
        SamFrameCodec codec = SamFrameCodec.forAnswers();
        codec.feed(bad);
        codec.feed(SamFrameCodec.encode(hex("00 00 9F 00 00 00 00")));
        DeviceException e = assertThrows(DeviceException.class, codec::next);
        assertThat(e.reason(), is(DeviceException.Reason.PROTOCOL));
        assertThat(e.getMessage(), containsString("checksum error in a frame from the reader"));
        assertArrayEquals(hex("00 00 9F 00 00 00 00"), codec.next().orElseThrow());
    }

    @Test
    void aCorruptLengthThatSwallowsTheNextFrameIsFoundAgainAfterTheChecksumFails() throws DeviceException {
        // The first frame's length says 8 where it has 4: its checksum fails, and the frame hidden in
        // the bytes it swallowed is decoded from the requeued bytes.
        byte[] good = SamFrameCodec.encode(hex("00 00 90"));
        byte[] stream = new byte[7 + 8 + good.length];
        System.arraycopy(hex("AA AA AA 96 69 00 08"), 0, stream, 0, 7);
        System.arraycopy(hex("00 00 90 94"), 0, stream, 7, 4);
        System.arraycopy(good, 0, stream, 11, good.length);
        SamFrameCodec codec = SamFrameCodec.forAnswers();
        codec.feed(stream);
        assertThrows(DeviceException.class, codec::next);
        assertArrayEquals(hex("00 00 90"), codec.next().orElseThrow());
    }

    @Test
    void anImpossibleLengthIsRefusedAtOnceWithoutWaitingForItsBytes() {
        SamFrameCodec codec = SamFrameCodec.forAnswers();
        codec.feed(hex("AA AA AA 96 69 FF FF"));
        DeviceException e = assertThrows(DeviceException.class, codec::next);
        assertThat(e.getMessage(), containsString("bad frame length 65535 from the reader"));
        codec.feed(hex("AA AA AA 96 69 00 02 00 02"));
        e = assertThrows(DeviceException.class, codec::next);
        assertThat(e.getMessage(), containsString("bad frame length 2"));
    }

    @Test
    void aTruncatedFrameSaysHowFarItGot() {
        byte[] frame = SamFrameCodec.encode(new byte[1287]);
        byte[] cut = java.util.Arrays.copyOf(frame, 812);
        DeviceException e = assertThrows(DeviceException.class, () -> SamFrameCodec.forAnswers().decodeComplete(cut));
        assertThat(e.getMessage(), containsString("stopped after 812 of 1295 bytes"));
        e = assertThrows(DeviceException.class, () -> SamFrameCodec.forAnswers().decodeComplete(hex("01 02 03")));
        assertThat(e.getMessage(), containsString("no frame preamble"));
    }

    @Test
    void hostFramesNeedCmdAndPara() throws DeviceException {
        assertArrayEquals(hex("20 01"), SamFrameCodec.forCommands().decodeComplete(SamCommand.FIND_CARD.frame()));
        assertThrows(DeviceException.class,
                () -> SamFrameCodec.forCommands().decodeComplete(hex("AA AA AA 96 69 00 02 20 22")));
    }
}
