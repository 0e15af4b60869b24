package org.tongban.printing;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * What the verification QR code of a certificate carries: the platform's verify code and the key
 * fields of the document, sealed with the issuing terminal's SM2 key. Personal data stays off the
 * code: the fields and table enter only through their SM3 digest.
 *
 * <p>Text form, {@code |}-separated ({@code %} and {@code |} inside values escaped as {@code %25},
 * {@code %7C}): {@code TB1|verifyCode|terminalId|issuedAt|itemCode|title|contentDigest|signature},
 * the signature being base64url of SM2 {@code r || s} over everything before it.
 */
public record VerifyQr(String verifyCode, String terminalId, OffsetDateTime issuedAt, String itemCode,
                       String title, String contentDigest, byte[] signature) {

    public static final String VERSION = "TB1";
    private static final int PARTS = 8;

    public VerifyQr {
        Objects.requireNonNull(verifyCode, "verifyCode");
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(itemCode, "itemCode");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(contentDigest, "contentDigest");
        Objects.requireNonNull(signature, "signature");
    }

    /** Seals {@code certificate} with the terminal's key. */
    public static VerifyQr seal(Certificate certificate, TerminalSeal seal) {
        OffsetDateTime issuedAt = certificate.issuedAt().toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS);
        String digest = contentDigest(certificate);
        String signed = signedText(certificate.verifyCode(), certificate.terminalId(), issuedAt,
                certificate.itemCode(), certificate.title(), digest);
        return new VerifyQr(certificate.verifyCode(), certificate.terminalId(), issuedAt, certificate.itemCode(),
                certificate.title(), digest, seal.sign(signed.getBytes(StandardCharsets.UTF_8)));
    }

    /** SM3 of the fields and table, first 16 bytes in hex: ties the seal to the content without showing it. */
    public static String contentDigest(Certificate certificate) {
        SM3Digest sm3 = new SM3Digest();
        List<String> parts = new ArrayList<>();
        certificate.fields().forEach(f -> {
            parts.add(f.label());
            parts.add(f.value());
        });
        certificate.table().ifPresent(t -> {
            parts.addAll(t.columns());
            t.rows().forEach(parts::addAll);
        });
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            // length-prefixed, so moving text between cells changes the digest
            sm3.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                    (byte) (bytes.length >>> 8), (byte) bytes.length}, 0, 4);
            sm3.update(bytes, 0, bytes.length);
        }
        byte[] out = new byte[sm3.getDigestSize()];
        sm3.doFinal(out, 0);
        return HexFormat.of().formatHex(out, 0, 16);
    }

    /** The text the QR code holds. */
    public String text() {
        return signedText(verifyCode, terminalId, issuedAt, itemCode, title, contentDigest) + "|"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    /** Whether the seal is the one {@code verifier}'s terminal made over these very fields. */
    public boolean verifiedBy(TerminalSeal.SealVerifier verifier) {
        String signed = signedText(verifyCode, terminalId, issuedAt, itemCode, title, contentDigest);
        return verifier.verify(signed.getBytes(StandardCharsets.UTF_8), signature);
    }

    /**
     * Reads the text of a scanned code.
     *
     * @throws IllegalArgumentException saying what is wrong, when it is not a Tongban verification code
     */
    public static VerifyQr parse(String text) {
        String[] parts = text.strip().split("\\|", -1);
        if (parts.length == 0 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("not a Tongban certificate code (it should start with " + VERSION + "|)");
        }
        if (parts.length != PARTS) {
            throw new IllegalArgumentException("a " + VERSION + " code has " + PARTS + " parts, this one " + parts.length
                    + ": it was cut short or altered");
        }
        OffsetDateTime issuedAt;
        try {
            issuedAt = OffsetDateTime.parse(unescape(parts[3]), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the issue time '" + parts[3] + "' is not an ISO date-time");
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[7]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the signature is not base64url");
        }
        return new VerifyQr(unescape(parts[1]), unescape(parts[2]), issuedAt, unescape(parts[4]), unescape(parts[5]),
                unescape(parts[6]), signature);
    }

    private static String signedText(String verifyCode, String terminalId, OffsetDateTime issuedAt, String itemCode,
            String title, String digest) {
        return String.join("|", VERSION, escape(verifyCode), escape(terminalId),
                escape(issuedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)), escape(itemCode), escape(title),
                escape(digest));
    }

    private static String escape(String value) {
        return value.replace("%", "%25").replace("|", "%7C");
    }

    private static String unescape(String value) {
        return value.replace("%7C", "|").replace("%25", "%");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifyQr q && q.text().equals(text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return "VerifyQr[" + verifyCode + ", " + terminalId + ", " + issuedAt + ", " + itemCode + "]";
    }
}
