package org.tongban.kiosk.admin;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A maintenance PIN as it is stored: {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (salt and hash in
 * base64), never the PIN itself. PBKDF2 with a random salt makes each guess cost time, so a copied
 * configuration does not give the PINs away quickly.
 */
public final class PinHash {

    public static final String SCHEME = "pbkdf2-sha256";
    /** About 0.1 s per check on a kiosk's CPU: unnoticeable at the keypad, slow for guessing. */
    public static final int ITERATIONS = 210_000;
    /** Weaker stored hashes are refused when maintenance.yaml is read (OWASP's floor for PBKDF2-SHA256 is higher;
     *  this one keeps a copied file from giving 6-digit PINs away in minutes). */
    public static final int MIN_ITERATIONS = 100_000;
    public static final int MIN_SALT_BYTES = 16;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private PinHash() {
    }

    /** A PIN is 6 to 12 digits: enough that five tries stand no real chance. */
    public static void checkPin(String pin) {
        if (pin == null || !pin.matches("\\d{6,12}")) {
            throw new IllegalArgumentException("a maintenance PIN is 6 to 12 digits");
        }
    }

    public static String create(String pin, SecureRandom random) {
        return create(pin, random, ITERATIONS);
    }

    /** With fewer iterations only where speed beats strength: tests (maintenance.yaml refuses such hashes). */
    public static String create(String pin, SecureRandom random, int iterations) {
        checkPin(pin);
        if (iterations < 1000) {
            throw new IllegalArgumentException("at least 1000 iterations");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(pin, salt, iterations));
    }

    /** Whether the stored form is one this class can check (for the configuration check). */
    public static boolean wellFormed(String stored) {
        String[] p = stored == null ? new String[0] : stored.split("\\$");
        if (p.length != 4 || !p[0].equals(SCHEME) || !p[1].matches("\\d{4,7}")) {
            return false;
        }
        try {
            Base64.getDecoder().decode(p[2]);
            return Base64.getDecoder().decode(p[3]).length == HASH_BITS / 8;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Why a well-formed stored hash is too weak to accept, or empty when it is strong enough: fewer than
     * {@link #MIN_ITERATIONS} iterations or a salt shorter than {@link #MIN_SALT_BYTES}.
     */
    public static java.util.Optional<String> weakness(String stored) {
        String[] p = stored.split("\\$");
        int iterations = Integer.parseInt(p[1]);
        int salt = Base64.getDecoder().decode(p[2]).length;
        if (iterations < MIN_ITERATIONS) {
            return java.util.Optional.of(iterations + " iterations, fewer than " + MIN_ITERATIONS);
        }
        if (salt < MIN_SALT_BYTES) {
            return java.util.Optional.of("a salt of " + salt + " bytes, shorter than " + MIN_SALT_BYTES);
        }
        return java.util.Optional.empty();
    }

    public static boolean matches(String pin, String stored) {
        if (pin == null || !wellFormed(stored)) {
            return false;
        }
        String[] p = stored.split("\\$");
        byte[] expected = Base64.getDecoder().decode(p[3]);
        byte[] actual = derive(pin, Base64.getDecoder().decode(p[2]), Integer.parseInt(p[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(String pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17", e);
        } finally {
            spec.clearPassword();
        }
    }
}
