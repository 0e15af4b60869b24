package org.tongban.signing;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The contract's {@code HmacSm3} scheme: lower-case hex HMAC-SM3 over
 * {@code METHOD\nPATH_WITH_QUERY\nX-Timestamp\nX-Nonce\nhex(SM3(body))}. The client signs with it and the
 * simulator verifies with it, so both sides share one definition of the canonical string.
 */
public final class RequestSigner {

    public static final String TERMINAL_ID_HEADER = "X-Terminal-Id";
    public static final String TIMESTAMP_HEADER = "X-Timestamp";
    public static final String NONCE_HEADER = "X-Nonce";
    public static final String SIGNATURE_HEADER = "X-Signature";

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] secret;
    private final SecureRandom random = new SecureRandom();

    public RequestSigner(byte[] secret) {
        this.secret = secret.clone();
    }

    /** The string that is signed; {@code pathWithQuery} is the raw (still percent-encoded) request target. */
    public static String canonicalString(String method, String pathWithQuery, String timestamp, String nonce,
            byte[] body) {
        return method + "\n" + pathWithQuery + "\n" + timestamp + "\n" + nonce + "\n" + sm3Hex(body);
    }

    /** Lower-case hex SM3 of the bytes (of the empty string for a request without a body). */
    public static String sm3Hex(byte[] bytes) {
        SM3Digest digest = new SM3Digest();
        digest.update(bytes, 0, bytes.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return HEX.formatHex(out);
    }

    /** The X-Signature value for a request. */
    public String sign(String method, String pathWithQuery, String timestamp, String nonce, byte[] body) {
        return HEX.formatHex(mac(canonicalString(method, pathWithQuery, timestamp, nonce, body)));
    }

    /** Checks a received signature in constant time; a missing or non-hex one is simply wrong. */
    public boolean verify(String method, String pathWithQuery, String timestamp, String nonce, byte[] body,
            String signature) {
        if (signature == null || timestamp == null || nonce == null) {
            return false;
        }
        byte[] given;
        try {
            given = HEX.parseHex(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(canonicalString(method, pathWithQuery, timestamp, nonce, body)));
    }

    /** 16 random bytes as 32 hex characters: above the contract's minimum of 16. */
    public String newNonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    private byte[] mac(String canonical) {
        HMac hmac = new HMac(new SM3Digest());
        hmac.init(new KeyParameter(secret));
        byte[] input = canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        hmac.update(input, 0, input.length);
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return out;
    }
}
