package org.tongban.kiosk.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The terminal's HMAC-SM3 key as a secret file holds it: the file's text, surrounding whitespace trimmed, as
 * UTF-8 bytes (so a trailing newline from an editor does not change the key).
 */
public record TerminalSecret(Path file) {

    /**
     * {@link #read()} for a terminal about to go into service: the file must be the kiosk's alone. Others may
     * not read or change it, nor may its group change it; its group may read it only when that group is the
     * reading user's own (the packaged {@code root:kiosk 0640}). Whoever reads the secret can sign as the
     * terminal.
     *
     * @throws IOException when the file is open to others, cannot be read or is empty
     */
    public byte[] readPrivate() throws IOException {
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            return read(); // no POSIX modes on this file system: nothing to check
        }
        var p = a.permissions();
        boolean others = p.contains(PosixFilePermission.OTHERS_READ) || p.contains(PosixFilePermission.OTHERS_WRITE)
                || p.contains(PosixFilePermission.OTHERS_EXECUTE);
        boolean groupWrites = p.contains(PosixFilePermission.GROUP_WRITE);
        boolean foreignGroupReads = p.contains(PosixFilePermission.GROUP_READ)
                && !a.group().getName().equals(System.getProperty("user.name"));
        if (others || groupWrites || foreignGroupReads) {
            throw new IOException("the secret file " + file + " is open to others (mode "
                    + PosixFilePermissions.toString(p) + ", group " + a.group().getName()
                    + "): make it the kiosk's alone, e.g. chown root:kiosk and chmod 640");
        }
        return read();
    }

    /** @throws IOException when the file cannot be read or holds nothing but whitespace */
    public byte[] read() throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new IOException("the secret file " + file + " is empty");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
