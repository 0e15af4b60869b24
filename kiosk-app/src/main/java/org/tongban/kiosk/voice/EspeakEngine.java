package org.tongban.kiosk.voice;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Speech from espeak-ng (Debian package {@code espeak-ng}): Mandarin with the {@code cmn} voice,
 * English with {@code en}. Each call runs one espeak-ng process writing a WAV to its standard
 * output; the text goes in on standard input, so no text can be taken for an option.
 */
public final class EspeakEngine implements Synthesizer {

    public static final String BINARY = "espeak-ng";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final String binary;
    private final Duration timeout;

    public EspeakEngine() {
        this(BINARY, DEFAULT_TIMEOUT);
    }

    /** @param binary the espeak-ng program (a name on the PATH or a path) */
    public EspeakEngine(String binary, Duration timeout) {
        this.binary = binary;
        this.timeout = timeout;
    }

    @Override
    public String voice(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? "cmn" : "en";
    }

    @Override
    public void check() throws SpeechException {
        version();
    }

    /** The engine's version line, or why there is no working engine. */
    public String version() throws SpeechException {
        byte[] out = run(List.of(binary, "--version"), new byte[0]);
        return new String(out, StandardCharsets.UTF_8).strip();
    }

    @Override
    public Audio synthesize(String text, Locale locale) throws SpeechException {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("nothing to say");
        }
        byte[] wav = run(List.of(binary, "-v", voice(locale), "--stdin", "--stdout"),
                text.getBytes(StandardCharsets.UTF_8));
        try {
            return Audio.fromWav(wav);
        } catch (IllegalArgumentException e) {
            throw new SpeechException(SpeechException.Cause.ENGINE_FAILED, binary + " wrote no usable audio: "
                    + e.getMessage(), e);
        }
    }

    private byte[] run(List<String> command, byte[] input) throws SpeechException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new SpeechException(SpeechException.Cause.NO_ENGINE, binary + " cannot be run ("
                    + e.getMessage() + "): install it with apt-get install espeak-ng", e);
        }
        try {
            // Read while writing: a long text's audio would fill the pipe before all of it is written.
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            try (OutputStream in = p.getOutputStream()) {
                in.write(input);
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SpeechException(SpeechException.Cause.ENGINE_FAILED,
                        binary + " did not finish within " + timeout.toMillis() + " ms");
            }
            if (p.exitValue() != 0) {
                throw new SpeechException(SpeechException.Cause.ENGINE_FAILED, binary + " failed with exit code "
                        + p.exitValue());
            }
            return output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new SpeechException(SpeechException.Cause.ENGINE_FAILED, binary + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException(SpeechException.Cause.ENGINE_FAILED, "interrupted while " + binary + " spoke", e);
        } finally {
            p.destroyForcibly();
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
