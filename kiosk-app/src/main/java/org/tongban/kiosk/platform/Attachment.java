package org.tongban.kiosk.platform;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** A file that travels inside a submission (a scanned page, a photo), base64 as the contract wants it. */
public record Attachment(String name, String mediaType, String sha256, String contentBase64) {

    /** Builds an attachment from raw bytes, computing the digest the platform checks. */
    public static Attachment of(String name, String mediaType, byte[] content) {
        try {
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            return new Attachment(name, mediaType, digest, Base64.getEncoder().encodeToString(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Content is left out: it is large and may show a citizen's documents. */
    @Override
    public String toString() {
        return "Attachment[" + name + ", " + mediaType + ", " + contentBase64.length() + " base64 chars]";
    }
}
