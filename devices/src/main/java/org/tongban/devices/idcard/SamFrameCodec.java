package org.tongban.devices.idcard;

import java.util.Arrays;
import java.util.Optional;
import org.tongban.devices.DeviceException;

/**
 * Frames of the SAM reader protocol: {@code AA AA AA 96 69 | LEN_HI LEN_LO | BODY | CHK}, where LEN counts
 * BODY and CHK, and CHK is the XOR of LEN_HI up to the last BODY byte.
 *
 * <p>Decoding is incremental, as bytes come off a serial line in pieces: {@link #feed} what arrived,
 * then take frames with {@link #next()}. Noise before a preamble is skipped; a frame with an impossible
 * length or a bad checksum is a {@link DeviceException} ({@code PROTOCOL}) with a clear message, after
 * which decoding goes on with the bytes that follow that frame's preamble, so the next good frame is found.
 * Nothing but {@code DeviceException} comes out of it, whatever the input.
 */
public final class SamFrameCodec {

    static final byte[] PREAMBLE = {(byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0x96, (byte) 0x69};

    private enum Stage { HUNT, LENGTH, BODY }

    private final int minBody;
    private final int maxBody;
    private final String peer;

    // Bytes fed and not yet decoded, in [start, end).
    private byte[] pending = new byte[2048];
    private int start;
    private int end;

    private Stage stage = Stage.HUNT;
    private int matched;      // preamble bytes seen so far
    private int lengthHi = -1;
    private int length;       // LEN: body + CHK
    private byte[] frame;     // LEN_HI LEN_LO BODY CHK of the frame being collected
    private int collected;
    private long skipped;

    /**
     * @param minBody the shortest valid body (3 for reader answers: SW1..SW3; 2 for host commands: CMD PARA)
     * @param maxBody the longest body the peer may send, so a corrupt length cannot make us wait for megabytes
     * @param peer who sends the frames, for messages ("the reader")
     */
    public SamFrameCodec(int minBody, int maxBody, String peer) {
        if (minBody < 0 || maxBody < minBody || maxBody > 0xFFFE) {
            throw new IllegalArgumentException("body limits " + minBody + ".." + maxBody);
        }
        this.minBody = minBody;
        this.maxBody = maxBody;
        this.peer = peer;
    }

    /** A decoder for the answers a reader sends (the longest: text, photo and a fingerprint of up to 2 KiB). */
    public static SamFrameCodec forAnswers() {
        return new SamFrameCodec(3, 4096, "the reader");
    }

    /** A decoder for the commands a host sends, as the reader (and its emulator) reads them. */
    public static SamFrameCodec forCommands() {
        return new SamFrameCodec(2, 4096, "the host");
    }

    /** The complete frame around {@code body}. */
    public static byte[] encode(byte[] body) {
        int len = body.length + 1;
        if (len > 0xFFFF) {
            throw new IllegalArgumentException("a frame body has at most 65534 bytes, got " + body.length);
        }
        byte[] f = new byte[PREAMBLE.length + 2 + len];
        System.arraycopy(PREAMBLE, 0, f, 0, PREAMBLE.length);
        f[5] = (byte) (len >> 8);
        f[6] = (byte) len;
        System.arraycopy(body, 0, f, 7, body.length);
        f[f.length - 1] = (byte) xor(f, 5, f.length - 1);
        return f;
    }

    private static int xor(byte[] b, int from, int to) {
        int x = 0;
        for (int i = from; i < to; i++) {
            x ^= b[i];
        }
        return x & 0xFF;
    }

    /** Hands over bytes that arrived; they are decoded by {@link #next()}. */
    public void feed(byte[] src, int off, int len) {
        if (len <= 0) {
            return;
        }
        if (end + len > pending.length) {
            int live = end - start;
            if (live + len > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(pending.length * 2, live + len));
            }
            System.arraycopy(pending, start, pending, 0, live);
            start = 0;
            end = live;
        }
        System.arraycopy(src, off, pending, end, len);
        end += len;
    }

    public void feed(byte[] src) {
        feed(src, 0, src.length);
    }

    /**
     * The body of the next complete, valid frame, or empty when more bytes are needed.
     *
     * @throws DeviceException ({@code PROTOCOL}) for a frame with a bad length or checksum; call again for the
     *         frames after it
     */
    public Optional<byte[]> next() throws DeviceException {
        while (start < end) {
            byte b = pending[start++];
            switch (stage) {
                case HUNT -> hunt(b);
                case LENGTH -> {
                    if (lengthHi < 0) {
                        lengthHi = b & 0xFF;
                    } else {
                        startBody(b & 0xFF);
                    }
                }
                case BODY -> {
                    // Copy the rest of the frame in one go rather than byte by byte.
                    start--;
                    int n = Math.min(end - start, frame.length - collected);
                    System.arraycopy(pending, start, frame, collected, n);
                    start += n;
                    collected += n;
                    if (collected == frame.length) {
                        return Optional.of(finishFrame());
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        return Optional.empty();
    }

    private void hunt(byte b) {
        if (b == PREAMBLE[matched]) {
            matched++;
        } else {
            int before = matched;
            // Within AA AA AA 96 69 only a run of AA can start again: AA AA AA AA keeps three, a lone AA one.
            matched = b == PREAMBLE[0] ? (before == 3 ? 3 : 1) : 0;
            skipped += before + 1 - matched;
        }
        if (matched == PREAMBLE.length) {
            matched = 0;
            lengthHi = -1;
            stage = Stage.LENGTH;
        }
    }

    private void startBody(int lengthLo) throws DeviceException {
        length = (lengthHi << 8) | lengthLo;
        if (length < minBody + 1 || length > maxBody + 1) {
            int bad = length;
            resync();
            throw new DeviceException(DeviceException.Reason.PROTOCOL, String.format(
                    "bad frame length %d from %s (0x%04X; a frame has %d to %d bytes after the length)",
                    bad, peer, bad, minBody + 1, maxBody + 1));
        }
        frame = new byte[2 + length];
        frame[0] = (byte) lengthHi;
        frame[1] = (byte) lengthLo;
        collected = 2;
        stage = Stage.BODY;
    }

    private byte[] finishFrame() throws DeviceException {
        byte[] f = frame;
        int expected = xor(f, 0, f.length - 1);
        int actual = f[f.length - 1] & 0xFF;
        resync();
        if (expected != actual) {
            // Look for a preamble inside the rejected frame too: its length may be what was corrupted.
            requeue(f, 2, f.length);
            throw new DeviceException(DeviceException.Reason.PROTOCOL, String.format(
                    "checksum error in a frame from %s (%d bytes, computed %02X, frame says %02X)",
                    peer, f.length + PREAMBLE.length, expected, actual));
        }
        return Arrays.copyOfRange(f, 2, f.length - 1);
    }

    private void requeue(byte[] b, int from, int to) {
        int n = to - from;
        if (start >= n) {
            start -= n;
            System.arraycopy(b, from, pending, start, n);
        } else {
            byte[] rest = Arrays.copyOfRange(pending, start, end);
            pending = new byte[Math.max(pending.length, n + rest.length)];
            System.arraycopy(b, from, pending, 0, n);
            System.arraycopy(rest, 0, pending, n, rest.length);
            start = 0;
            end = n + rest.length;
        }
    }

    private void resync() {
        stage = Stage.HUNT;
        matched = 0;
        lengthHi = -1;
        frame = null;
        collected = 0;
    }

    /** Forgets everything fed and half-decoded, e.g. before a new command after a timeout. */
    public void reset() {
        start = 0;
        end = 0;
        resync();
    }

    /** Whether a frame has begun (preamble seen) and is not complete. */
    public boolean midFrame() {
        return stage != Stage.HUNT || matched > 0;
    }

    /** Bytes thrown away while looking for a preamble, since this decoder was built. */
    public long skippedBytes() {
        return skipped;
    }

    /**
     * What is missing when input ends now, for the error a caller reports: "the answer stopped after 812 of
     * 1295 bytes". Empty when no frame has begun.
     */
    public Optional<String> truncation() {
        return switch (stage) {
            case HUNT -> matched > 0
                    ? Optional.of("the frame stopped inside its preamble (" + matched + " of 5 bytes)")
                    : Optional.empty();
            case LENGTH -> Optional.of("the frame stopped after its preamble, before its length");
            case BODY -> Optional.of("the frame stopped after " + (PREAMBLE.length + collected) + " of "
                    + (PREAMBLE.length + 2 + length) + " bytes");
        };
    }

    /**
     * Decodes one complete frame held in {@code bytes} (noise before it is allowed), as a test or a tool
     * has it: a truncated frame or one without any preamble is an error here, not "wait for more".
     */
    public byte[] decodeComplete(byte[] bytes) throws DeviceException {
        reset();
        feed(bytes);
        Optional<byte[]> body = next();
        if (body.isPresent()) {
            return body.get();
        }
        String why = truncation().orElse("no frame preamble (AA AA AA 96 69) in " + bytes.length + " byte(s)");
        reset();
        throw new DeviceException(DeviceException.Reason.PROTOCOL, "incomplete frame from " + peer + ": " + why);
    }
}
