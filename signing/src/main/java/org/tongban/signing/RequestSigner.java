package org.tongban.signing;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The contract's {@code HmacSm3} scheme: lower-case hex HMAC-SM3 over
 * {@code METHOD\nPATH_WITH_QUERY\nX-Timestamp\nX-Nonce\nhex(SM3(body))} (version 1.0), with
 * {@code X-Terminal-Id\n} in front from version 1.1 on; and the answer's signature over
 * {@code STATUS\nrequest X-Nonce\nanswer X-Timestamp\nhex(SM3(answer body))}. The kiosk, the platform
 * simulator and the fleet server share this one definition of the canonical strings.
 */
public final class RequestSigner {

    public static final String TERMINAL_ID_HEADER = "X-Terminal-Id";
    public static final String TIMESTAMP_HEADER = "X-Timestamp";
    public static final String NONCE_HEADER = "X-Nonce";
    public static final String SIGNATURE_HEADER = "X-Signature";
    /** On answers: which request canonical string the server expects ("1.0" or "1.1"). */
    public static final String SIGNATURE_VERSION_HEADER = "X-Signature-Version";
    public static final String VERSION_1_0 = "1.0";
    public static final String VERSION_1_1 = "1.1";

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

    /** Version 1.1: the terminal's id bound as the first line. */
    public static String canonicalString(String terminalId, String method, String pathWithQuery, String timestamp,
            String nonce, byte[] body) {
        return terminalId + "\n" + canonicalString(method, pathWithQuery, timestamp, nonce, body);
    }

    /** The string an answer's X-Signature covers: status, the request's nonce, the answer's timestamp, body. */
    public static String answerCanonicalString(int status, String requestNonce, String timestamp, byte[] body) {
        return status + "\n" + requestNonce + "\n" + timestamp + "\n" + sm3Hex(body);
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

    /** The X-Signature value for a request in version 1.1 (terminal id bound). */
    public String sign(String terminalId, String method, String pathWithQuery, String timestamp, String nonce,
            byte[] body) {
        return HEX.formatHex(mac(canonicalString(terminalId, method, pathWithQuery, timestamp, nonce, body)));
    }

    /** Checks a received version 1.0 signature in constant time; a missing or non-hex one is simply wrong. */
    public boolean verify(String method, String pathWithQuery, String timestamp, String nonce, byte[] body,
            String signature) {
        if (timestamp == null || nonce == null) {
            return false;
        }
        return matches(signature, canonicalString(method, pathWithQuery, timestamp, nonce, body));
    }

    /** Checks a received version 1.1 signature (terminal id bound) in constant time. */
    public boolean verify(String terminalId, String method, String pathWithQuery, String timestamp, String nonce,
            byte[] body, String signature) {
        if (terminalId == null || timestamp == null || nonce == null) {
            return false;
        }
        return matches(signature, canonicalString(terminalId, method, pathWithQuery, timestamp, nonce, body));
    }

    /** The X-Signature of an answer to the request that carried {@code requestNonce}. */
    public String signAnswer(int status, String requestNonce, String timestamp, byte[] body) {
        return HEX.formatHex(mac(answerCanonicalString(status, requestNonce, timestamp, body)));
    }

    /**
     * Checks an answer's signature in constant time. The caller also checks the timestamp's skew: a signed
     * answer replayed later carries an old timestamp, and one replayed to another request another nonce.
     */
    public boolean verifyAnswer(int status, String requestNonce, String timestamp, byte[] body, String signature) {
        if (requestNonce == null || timestamp == null) {
            return false;
        }
        return matches(signature, answerCanonicalString(status, requestNonce, timestamp, body));
    }

    private boolean matches(String signature, String canonical) {
        if (signature == null) {
            return false;
        }
        byte[] given;
        try {
            given = HEX.parseHex(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(canonical));
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
