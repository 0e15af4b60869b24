package org.tongban.devices.smartcard;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HexFormat;
import java.util.Optional;
import org.tongban.devices.DeviceException;

/**
 * Reads what a social security card shows without a PSAM: SELECT its DDF1 by name ({@code sx1.sh.社会保障}),
 * SELECT EF05, READ RECORD 01 (card identification code; its first 6 characters are the issuing region),
 * 03 (spec version), 05 (issue date), 06 (valid-to) and 07 (card number). Each record is one TLV
 * (tag = record number, one length byte).
 */
public final class SocialSecurityCardApplication {

    private static final Charset GBK = Charset.forName("GBK");
    private static final byte[] DDF1 = join("sx1.sh.".getBytes(StandardCharsets.US_ASCII), "社会保障".getBytes(GBK));
    private static final DateTimeFormatter YYYYMMDD =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private final SmartCardReader reader;
    private final Duration timeout;

    public SocialSecurityCardApplication(SmartCardReader reader, Duration timeout) {
        this.reader = reader;
        this.timeout = timeout;
    }

    /** The card-face data, or empty when the card is not a social security card. */
    public Optional<SocialSecurityCard> read() throws DeviceException {
        if (!reader.transmit(BankCardApplication.select(DDF1), timeout).isSuccess()) {
            return Optional.empty();
        }
        ApduResponse ef05 = reader.transmit(new byte[] {0x00, (byte) 0xA4, 0x02, 0x00, 0x02, (byte) 0xEF, 0x05}, timeout);
        if (!ef05.isSuccess()) {
            throw new DeviceException(DeviceException.Reason.INVALID_DATA, String.format(
                    "the social security card has no readable card-face file EF05 (SW %s)", ef05.swHex()));
        }
        String identification = text(record(0x01));
        String cardNumber = text(record(0x07));
        if (cardNumber == null) {
            throw new DeviceException(DeviceException.Reason.INVALID_DATA,
                    "the social security card gives no card number in EF05");
        }
        String region = identification != null && identification.length() >= 6
                && identification.substring(0, 6).matches("[0-9]{6}") ? identification.substring(0, 6) : null;
        return Optional.of(new SocialSecurityCard(cardNumber, identification, region, text(record(0x03)),
                date(record(0x05)), date(record(0x06)), SocialSecurityCard.PSAM_FIELDS));
    }

    /** The value of EF05's record {@code n}, or null when the card does not have it. */
    private byte[] record(int n) throws DeviceException {
        ApduResponse r = reader.transmit(new byte[] {0x00, (byte) 0xB2, (byte) n, 0x04, 0x00}, timeout);
        if (!r.isSuccess()) {
            return null;
        }
        byte[] d = r.data();
        if (d.length < 2 || (d[0] & 0xFF) != n || (d[1] & 0xFF) > d.length - 2) {
            throw new DeviceException(DeviceException.Reason.PROTOCOL, String.format(
                    "record %02X of the social security card's EF05 is malformed", n));
        }
        return java.util.Arrays.copyOfRange(d, 2, 2 + (d[1] & 0xFF));
    }

    private static String text(byte[] v) {
        if (v == null) {
            return null;
        }
        String s = new String(v, GBK).replace("\0", "").trim();
        return s.isEmpty() ? null : s;
    }

    /** A date as the card keeps it: 4 bytes BCD YYYYMMDD. */
    private static LocalDate date(byte[] v) {
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(HexFormat.of().formatHex(v), YYYYMMDD);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static byte[] join(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
