package org.tongban.fleet.operators;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random bearer values (tokens, session ids, CSRF tokens) and the SHA-256 they are stored as. */
public final class Secrets {

    private final SecureRandom random = new SecureRandom();

    /** 256 random bits, URL-safe. */
    public String newValue() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** High-entropy values need no slow hash: SHA-256 keeps a stolen database from yielding usable tokens. */
    public static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
