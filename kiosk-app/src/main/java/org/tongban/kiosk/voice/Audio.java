package org.tongban.kiosk.voice;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Spoken audio as 16-bit signed little-endian mono PCM, what espeak-ng writes. Plain bytes, so a
 * prompt can be cached, joined to the next one, measured and played without any audio device.
 */
public record Audio(int sampleRate, byte[] pcm) {

    public Audio {
        if (sampleRate < 1000 || sampleRate > 192_000) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " Hz is not audio");
        }
        if (pcm.length % 2 != 0) {
            throw new IllegalArgumentException("16-bit PCM has an even number of bytes, not " + pcm.length);
        }
    }

    /**
     * Reads a WAV file. espeak-ng's {@code --stdout} header gives the largest possible data length
     * (it does not know the length when it starts writing), so the data runs to the end of the file
     * whatever the header says.
     */
    public static Audio fromWav(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
            throw new IllegalArgumentException("not a WAV file (" + wav.length + " bytes)");
        }
        int rate = 0;
        int pos = 12;
        while (pos + 8 <= wav.length) {
            int id = b.getInt(pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                int format = b.getShort(body) & 0xffff;
                int channels = b.getShort(body + 2);
                int bits = b.getShort(body + 14);
                if (format != 1 || channels != 1 || bits != 16) {
                    throw new IllegalArgumentException("WAV must be 16-bit mono PCM, not format " + format + ", "
                            + channels + " channel(s), " + bits + " bits");
                }
                rate = b.getInt(body + 4);
            } else if (id == 0x61746164) { // "data"
                if (rate == 0) {
                    throw new IllegalArgumentException("WAV data before its format");
                }
                int end = (int) Math.min(wav.length, body + size);
                int length = (end - body) & ~1;
                byte[] pcm = new byte[length];
                System.arraycopy(wav, body, pcm, 0, length);
                return new Audio(rate, pcm);
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        throw new IllegalArgumentException("WAV without a data chunk");
    }

    /** Silence of the given length: the pause between two phrases. */
    public static Audio silence(int sampleRate, Duration length) {
        return new Audio(sampleRate, new byte[2 * (int) (sampleRate * length.toMillis() / 1000)]);
    }

    /** "Ding-dong": two soft-edged notes (E5, C5), the call-for-staff sound, loud enough to carry. */
    public static Audio chime(int sampleRate) {
        Audio ding = tone(sampleRate, 659.25, Duration.ofMillis(350));
        return ding.then(tone(sampleRate, 523.25, Duration.ofMillis(500)));
    }

    private static Audio tone(int sampleRate, double hertz, Duration length) {
        int n = (int) (sampleRate * length.toMillis() / 1000);
        byte[] pcm = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / sampleRate;
            double envelope = Math.min(1, i / (0.01 * sampleRate)) * Math.exp(-3.0 * i / n); // no click, then fade
            int s = (int) Math.round(0.6 * 32767 * envelope * Math.sin(2 * Math.PI * hertz * t));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return new Audio(sampleRate, pcm);
    }

    /** A WAV file with the true lengths in its header. */
    public byte[] toWav() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length + 44);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format(), samples())) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }

    public AudioFormat format() {
        return new AudioFormat(sampleRate, 16, 1, true, false);
    }

    public int samples() {
        return pcm.length / 2;
    }

    public Duration duration() {
        return Duration.ofMillis(samples() * 1000L / sampleRate);
    }

    private short sample(int i) {
        return (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
    }

    /** Root mean square level, 0 (silence) to 1 (full scale). */
    public double rms() {
        double sum = 0;
        for (int i = 0; i < samples(); i++) {
            double s = sample(i) / 32768.0;
            sum += s * s;
        }
        return samples() == 0 ? 0 : Math.sqrt(sum / samples());
    }

    /** The loudest sample, 0 to 1. */
    public double peak() {
        int max = 0;
        for (int i = 0; i < samples(); i++) {
            max = Math.max(max, Math.abs(sample(i)));
        }
        return max / 32768.0;
    }

    /** This, then {@code next} (same rate: both come from the same engine). */
    public Audio then(Audio next) {
        if (next.sampleRate != sampleRate) {
            throw new IllegalArgumentException("cannot join " + sampleRate + " Hz and " + next.sampleRate + " Hz audio");
        }
        byte[] joined = new byte[pcm.length + next.pcm.length];
        System.arraycopy(pcm, 0, joined, 0, pcm.length);
        System.arraycopy(next.pcm, 0, joined, pcm.length, next.pcm.length);
        return new Audio(sampleRate, joined);
    }

    /** At {@code percent} of its loudness (0 to 100): the volume control, without relying on a mixer's gain control. */
    public Audio atVolume(int percent) {
        if (percent >= 100) {
            return this;
        }
        double gain = Math.max(0, percent) / 100.0;
        byte[] out = new byte[pcm.length];
        for (int i = 0; i < samples(); i++) {
            int s = (int) Math.round(sample(i) * gain);
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return new Audio(sampleRate, out);
    }
}
