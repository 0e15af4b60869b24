package org.tongban.devices.idcard;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import org.tongban.devices.DeviceException;

/**
 * Turns what the reader read off a card (the data of a {@code 30 01} or {@code 30 10} answer) into an
 * {@link IdCard}, making the checks of the protocol: card type, check digit of the ID number, birth date
 * agreement, real calendar dates, valid-to not before valid-from. Any failure is a
 * {@link DeviceException} ({@code INVALID_DATA}, or {@code PROTOCOL} when the lengths do not add up), never a
 * half-filled card. Messages never contain the personal data itself.
 */
public final class IdCardTextParser {

    public static final int TEXT_LENGTH = 256;
    static final int TYPE_OFFSET = 248;
    private static final String LONG_TERM = "长期";
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARS = "10X98765432";
    private static final DateTimeFormatter YYYYMMDD =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    /**
     * Parses the data of a read answer: TEXT_LEN PHOTO_LEN [FP_LEN] (2 bytes each, big-endian), then TEXT,
     * PHOTO [and FP].
     */
    public IdCard parseReadData(byte[] data, boolean withFingerprint) throws DeviceException {
        int header = withFingerprint ? 6 : 4;
        if (data.length < header) {
            throw protocol("the read answer has " + data.length + " data byte(s), too few for its "
                    + header + " length bytes");
        }
        int textLen = u16(data, 0);
        int photoLen = u16(data, 2);
        int fpLen = withFingerprint ? u16(data, 4) : 0;
        if (header + textLen + photoLen + fpLen != data.length) {
            throw protocol(String.format("the read answer's lengths (text %d, photo %d%s) do not add up to its "
                    + "%d data bytes", textLen, photoLen, withFingerprint ? ", fingerprint " + fpLen : "",
                    data.length - header));
        }
        if (textLen != TEXT_LENGTH) {
            throw protocol("the card text has " + textLen + " bytes where the protocol has " + TEXT_LENGTH);
        }
        byte[] text = Arrays.copyOfRange(data, header, header + textLen);
        byte[] photo = Arrays.copyOfRange(data, header + textLen, header + textLen + photoLen);
        byte[] fp = withFingerprint ? Arrays.copyOfRange(data, header + textLen + photoLen, data.length) : null;
        try {
            return parse(text, photo, fp);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    /** Parses the 256 bytes of card text (UCS-2 little-endian) with the photo and fingerprint that came with it. */
    public IdCard parse(byte[] text, byte[] photo, byte[] fingerprint) throws DeviceException {
        if (text.length != TEXT_LENGTH) {
            throw protocol("the card text has " + text.length + " bytes where the protocol has " + TEXT_LENGTH);
        }
        String type = field(text, TYPE_OFFSET, 2);
        return switch (type) {
            case "" -> resident(text, photo, fingerprint);
            case "I" -> foreignPermanentResident(text, photo, fingerprint);
            case "J" -> hmtResidencePermit(text, photo, fingerprint);
            default -> throw invalid("unsupported card type '" + printable(type) + "' (this reader handles resident "
                    + "ID cards, foreign permanent resident ID cards 'I' and HMT residence permits 'J')");
        };
    }

    private IdCard resident(byte[] t, byte[] photo, byte[] fp) throws DeviceException {
        String ethnicity = field(t, 32, 4);
        if (Ethnicity.ofCode(ethnicity).isEmpty()) {
            throw invalid("unknown ethnicity code '" + printable(ethnicity) + "' (GB 3304 has 01..56, 97 and 98)");
        }
        LocalDate birth = date(t, 36, "birth date");
        String idNumber = citizenIdNumber(field(t, 122, 36), birth, "ID number");
        LocalDate from = date(t, 188, "valid-from date");
        LocalDate to = validTo(t, from);
        return new IdCard(IdCard.CardType.RESIDENT_ID, required(t, 0, 30, "name"), null, sex(t, 30), ethnicity,
                birth, required(t, 52, 70, "address"), idNumber, required(t, 158, 30, "issuing authority"),
                from, to, null, null, null, photo, fp);
    }

    private IdCard foreignPermanentResident(byte[] t, byte[] photo, byte[] fp) throws DeviceException {
        String number = field(t, 122, 30);
        if (!number.matches("[A-Z0-9]{15}")) {
            throw invalid("the permanent resident card number is not 15 letters and digits (" + number.length()
                    + " characters read)");
        }
        String nationality = field(t, 152, 6);
        if (!nationality.matches("[A-Z]{3}")) {
            throw invalid("the nationality '" + printable(nationality) + "' is not an ISO 3166 alpha-3 code");
        }
        String chineseName = field(t, 158, 30);
        LocalDate from = date(t, 188, "valid-from date");
        LocalDate to = validTo(t, from);
        LocalDate birth = date(t, 220, "birth date");
        return new IdCard(IdCard.CardType.FOREIGN_PERMANENT_RESIDENT, chineseName.isEmpty() ? null : chineseName,
                required(t, 0, 120, "English name"), sex(t, 120), null, birth, null, number,
                required(t, 240, 8, "issuing authority code"), from, to, nationality, null, null, photo, fp);
    }

    private IdCard hmtResidencePermit(byte[] t, byte[] photo, byte[] fp) throws DeviceException {
        LocalDate birth = date(t, 36, "birth date");
        String idNumber = citizenIdNumber(field(t, 122, 36), birth, "residence permit number");
        LocalDate from = date(t, 188, "valid-from date");
        LocalDate to = validTo(t, from);
        String pass = field(t, 220, 18);
        if (!pass.matches("[A-Z0-9]{9}")) {
            throw invalid("the pass number is not 9 letters and digits (" + pass.length() + " characters read)");
        }
        String issues = field(t, 238, 4);
        if (!issues.matches("[0-9]{2}")) {
            throw invalid("the issue count '" + printable(issues) + "' is not two digits");
        }
        return new IdCard(IdCard.CardType.HMT_RESIDENCE_PERMIT, required(t, 0, 30, "name"), null, sex(t, 30), null,
                birth, required(t, 52, 70, "address"), idNumber, required(t, 158, 30, "issuing authority"),
                from, to, null, pass, issues, photo, fp);
    }

    // ---- the checks ----------------------------------------------------------------------------

    /** 17 digits and a check character (ISO 7064 MOD 11-2), with the birth date in digits 7-14. */
    private String citizenIdNumber(String number, LocalDate birth, String what) throws DeviceException {
        if (!number.matches("[0-9]{17}[0-9X]")) {
            throw invalid("the " + what + " is not 17 digits and a check character (" + number.length()
                    + " characters read)");
        }
        if (checkCharacter(number) != number.charAt(17)) {
            throw invalid("the check digit of the " + what + " is wrong: the card is misread or not genuine");
        }
        if (!number.substring(6, 14).equals(birth.format(YYYYMMDD))) {
            throw invalid("the birth date in the " + what + " does not match the card's birth date");
        }
        return number;
    }

    /** The ISO 7064 MOD 11-2 check character of the first 17 digits of {@code number}. */
    public static char checkCharacter(CharSequence number) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (number.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS.charAt(sum % 11);
    }

    private LocalDate validTo(byte[] t, LocalDate from) throws DeviceException {
        if (field(t, 204, 16).equals(LONG_TERM)) {
            return null;
        }
        LocalDate to = date(t, 204, "valid-to date");
        if (to.isBefore(from)) {
            throw invalid("the card's valid-to date is before its valid-from date");
        }
        return to;
    }

    private LocalDate date(byte[] t, int offset, String what) throws DeviceException {
        String s = field(t, offset, 16);
        if (!s.matches("[0-9]{8}")) {
            throw invalid("the " + what + " is not a date YYYYMMDD");
        }
        try {
            return LocalDate.parse(s, YYYYMMDD);
        } catch (DateTimeParseException e) {
            throw invalid("the " + what + " is not a real calendar date");
        }
    }

    private IdCard.Sex sex(byte[] t, int offset) throws DeviceException {
        String code = field(t, offset, 2);
        return switch (code) {
            case "0" -> IdCard.Sex.UNKNOWN;
            case "1" -> IdCard.Sex.MALE;
            case "2" -> IdCard.Sex.FEMALE;
            case "9" -> IdCard.Sex.UNSPECIFIED;
            default -> throw invalid("unknown sex code '" + printable(code) + "' (0, 1, 2 or 9)");
        };
    }

    private String required(byte[] t, int offset, int length, String what) throws DeviceException {
        String s = field(t, offset, length);
        if (s.isEmpty()) {
            throw invalid("the card's " + what + " is empty");
        }
        return s;
    }

    /** A UCS-2LE field with its trailing padding (spaces, and NULs some readers use) trimmed. */
    static String field(byte[] t, int offset, int length) {
        String s = new String(t, offset, length, StandardCharsets.UTF_16LE);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0' || s.charAt(end - 1) == '\u3000')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** A short field (codes, type characters) as it can be shown in a message: control characters as \\uXXXX. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return b.toString();
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static DeviceException invalid(String message) {
        return new DeviceException(DeviceException.Reason.INVALID_DATA, message);
    }

    private static DeviceException protocol(String message) {
        return new DeviceException(DeviceException.Reason.PROTOCOL, message);
    }
}
