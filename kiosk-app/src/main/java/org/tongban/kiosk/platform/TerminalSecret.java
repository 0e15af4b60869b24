package org.tongban.kiosk.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The terminal's HMAC-SM3 key as a secret file holds it: the file's text, surrounding whitespace trimmed, as
 * UTF-8 bytes (so a trailing newline from an editor does not change the key).
 */
public record TerminalSecret(Path file) {

    /** @throws IOException when the file cannot be read or holds nothing but whitespace */
    public byte[] read() throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new IOException("the secret file " + file + " is empty");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
