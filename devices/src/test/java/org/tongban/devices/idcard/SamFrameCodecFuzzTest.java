package org.tongban.devices.idcard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tongban.devices.DeviceException;

/**
 * Random and mutated frames through the decoder: whatever comes off the line, the decoder either hands out a
 * body whose checksum holds or throws {@link DeviceException}; nothing else escapes and it never loops.
 */
class SamFrameCodecFuzzTest {

    private static final int CASES = 120_000;

    @Test
    void nothingButDeviceExceptionEscapesTheDecoder() {
        SplittableRandom random = new SplittableRandom(20260101L);
        byte[][] seeds = seedFrames();
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = i % 4 == 0 ? randomBytes(random) : mutate(seeds[random.nextInt(seeds.length)], random);
            SamFrameCodec codec = SamFrameCodec.forAnswers();
            try {
                // Fed in random pieces, as a serial line delivers them.
                int at = 0;
                int guard = 0;
                while (at < input.length) {
                    int n = Math.min(input.length - at, 1 + random.nextInt(64));
                    codec.feed(input, at, n);
                    at += n;
                    while (true) {
                        try {
                            Optional<byte[]> body = codec.next();
                            if (body.isEmpty()) {
                                break;
                            }
                            assertThat(body.get().length, greaterThan(2));
                            decoded++;
                        } catch (DeviceException e) {
                            assertThat(e.reason(), is(DeviceException.Reason.PROTOCOL));
                            rejected++;
                        }
                        if (++guard > 10 * input.length + 10) {
                            fail("the decoder loops on case " + i);
                        }
                    }
                }
                codec.truncation();
                new SamFrameCodec(3, 4096, "the reader").decodeComplete(input);
            } catch (DeviceException expected) {
                rejected++;
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("case " + i + " (" + input.length + " bytes) escaped: " + e, e);
            }
        }
        assertThat(decoded, greaterThan(CASES / 10));
        assertThat(rejected, greaterThan(CASES / 10));
    }

    @Test
    void aValidFrameAfterAnyNoiseIsDecodedIntact() throws DeviceException {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] body = new byte[3 + random.nextInt(300)];
            random.nextBytes(body);
            byte[] noise = new byte[random.nextInt(40)];
            random.nextBytes(noise);
            // Noise must not hold a preamble of its own followed by a plausible frame; 0xAA-free noise cannot.
            for (int k = 0; k < noise.length; k++) {
                if (noise[k] == (byte) 0xAA) {
                    noise[k] = 0x55;
                }
            }
            byte[] frame = SamFrameCodec.encode(body);
            byte[] stream = new byte[noise.length + frame.length];
            System.arraycopy(noise, 0, stream, 0, noise.length);
            System.arraycopy(frame, 0, stream, noise.length, frame.length);
            assertArrayEquals(body, SamFrameCodec.forAnswers().decodeComplete(stream));
        }
    }

    private static byte[][] seedFrames() {
        byte[] read = new byte[3 + 4 + 256 + 1024];
        read[2] = (byte) 0x90;
        read[3] = 1;
        read[5] = 4;
        return new byte[][] {
            SamFrameCodec.encode(new byte[] {0, 0, (byte) 0x90}),
            SamFrameCodec.encode(new byte[] {0, 0, (byte) 0x9F, 0, 0, 0, 0}),
            SamFrameCodec.encode(new byte[] {0, 0, (byte) 0x80}),
            SamFrameCodec.encode(new byte[11]),
            SamFrameCodec.encode(read),
            concat(SamFrameCodec.encode(new byte[] {0, 0, (byte) 0x90}), SamFrameCodec.encode(new byte[] {0, 0, 0x41})),
        };
    }

    private static byte[] randomBytes(SplittableRandom r) {
        byte[] b = new byte[r.nextInt(200)];
        r.nextBytes(b);
        // Now and then a preamble in the middle, so the length and body stages see random data too.
        if (b.length > 10 && r.nextBoolean()) {
            System.arraycopy(SamFrameCodec.PREAMBLE, 0, b, r.nextInt(b.length - 5), 5);
        }
        return b;
    }

    private static byte[] mutate(byte[] seed, SplittableRandom r) {
        byte[] b = seed.clone();
        int mutations = 1 + r.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            switch (r.nextInt(6)) {
                case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));   // a flipped bit
                case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);          // a wrong byte
                case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));           // truncated
                case 3 -> {                                                         // a dropped byte
                    if (b.length > 1) {
                        int at = r.nextInt(b.length);
                        byte[] c = new byte[b.length - 1];
                        System.arraycopy(b, 0, c, 0, at);
                        System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                        b = c;
                    }
                }
                case 4 -> {                                                         // a wrong length
                    if (b.length > 7) {
                        b[5] = (byte) r.nextInt(256);
                        b[6] = (byte) r.nextInt(256);
                    }
                }
                default -> {                                                        // noise in front
                    byte[] noise = new byte[r.nextInt(20)];
                    r.nextBytes(noise);
                    b = concat(noise, b);
                }
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
