package org.tongban.kiosk.voice;

import java.util.function.BooleanSupplier;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/** Plays speech on the system's sound output through javax.sound.sampled (ALSA on Debian). */
public final class SoundCard implements Playback {

    /** Written in slices this long, so a stop takes effect quickly. */
    private static final int SLICE_BYTES = 4096;

    @Override
    public void play(Audio audio, BooleanSupplier stopped) throws SpeechException {
        SourceDataLine line = open(audio.format());
        try {
            line.start();
            byte[] pcm = audio.pcm();
            for (int off = 0; off < pcm.length && !stopped.getAsBoolean(); off += SLICE_BYTES) {
                line.write(pcm, off, Math.min(SLICE_BYTES, pcm.length - off));
            }
            if (stopped.getAsBoolean()) {
                line.flush();
            } else {
                line.drain();
            }
        } finally {
            line.close();
        }
    }

    /** Tried for real: a line is opened, then closed. */
    @Override
    public String problem() {
        try {
            open(new AudioFormat(22050, 16, 1, true, false)).close();
            return null;
        } catch (SpeechException e) {
            return e.getMessage();
        }
    }

    private static SourceDataLine open(AudioFormat format) throws SpeechException {
        try {
            SourceDataLine line = AudioSystem.getSourceDataLine(format);
            line.open(format);
            return line;
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            // No mixer at all (IllegalArgumentException), or ALSA has no device / it is busy.
            throw new SpeechException(SpeechException.Cause.NO_SOUND_DEVICE, "no sound output: " + e.getMessage(), e);
        }
    }
}
