package org.tongban.kiosk.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log message with anything that looks like a citizen's identifier masked: resident ID numbers (18 and
 * the old 15 digits), permanent resident numbers, mobile phone numbers (also written +86/0086, spaced or
 * dashed), passports and the Hong Kong/Macau/Taiwan permits, bank card numbers (those that pass the Luhn
 * check), and base64 runs (an image or a card photo, also wrapped over lines). Records mask themselves in
 * {@code toString()}; this is the second line of defence for a value someone logs by hand, and for exception
 * text ({@link RedactingThrowableConverter}). Used as {@code %redacted} in logback.xml.
 */
public final class RedactingConverter extends MessageConverter {

    private static final String NOT_AFTER_WORD = "(?<![0-9A-Za-z])";
    private static final String NOT_BEFORE_WORD = "(?![0-9A-Za-z])";
    private static final Pattern RESIDENT_ID = Pattern.compile(NOT_AFTER_WORD + "(\\d{6})\\d{8}(\\d{3}[0-9Xx])" + NOT_BEFORE_WORD);
    /** The first generation's 15 digits: region, birth date without the century, order. */
    private static final Pattern OLD_RESIDENT_ID = Pattern.compile(NOT_AFTER_WORD + "(\\d{6})\\d{6}(\\d{3})" + NOT_BEFORE_WORD);
    private static final Pattern PERMANENT_RESIDENT = Pattern.compile(NOT_AFTER_WORD + "([A-Z]{3})\\d{12}" + NOT_BEFORE_WORD);
    /** 13812345678, 138 1234 5678, 138-1234-5678, +86 138..., 0086-138... */
    private static final Pattern MOBILE = Pattern.compile(
            "(?<![\\d+])((?:\\+86|0086)[ -]?)?(1[3-9]\\d)[ -]?\\d{4}[ -]?(\\d{4})(?!\\d)");
    /**
     * Passports (E12345678, EA1234567, G12345678), travel permits to Hong Kong/Macau (C...) and Taiwan (L...),
     * the home-return permits of Hong Kong and Macau residents (H/M + 8 or 10 digits).
     */
    private static final Pattern TRAVEL_DOCUMENT = Pattern.compile(
            NOT_AFTER_WORD + "([CEGHLM])(?:[A-Z]\\d{5}|\\d{6}|\\d{8})(\\d{2})" + NOT_BEFORE_WORD);
    /** Taiwan residents' mainland permit: 8 digits, or 10 with a 2-digit issue count in brackets' place. */
    private static final Pattern TAIWAN_PERMIT = Pattern.compile("(台胞证|台湾居民来往大陆通行证|MTP)(\\D{0,3})\\d{8}(\\d{2})?");
    /** 16 to 19 digits, possibly in groups; masked only when the Luhn check says it is a card number. */
    private static final Pattern CARD_CANDIDATE = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){15,18}(?![\\d-])");
    private static final Pattern BASE64_BLOB = Pattern.compile("[A-Za-z0-9+/]{120,}={0,2}");
    /** Base64 wrapped at 64 or 76 columns (PEM, MIME), with real or escaped ({@code \n}) line ends. */
    private static final Pattern WRAPPED_BASE64 = Pattern.compile(
            "(?:[A-Za-z0-9+/]{40,}(?:\\r?\\n|\\\\r\\\\n|\\\\n)){2,}[A-Za-z0-9+/]*={0,2}");

    @Override
    public String convert(ILoggingEvent event) {
        return redact(super.convert(event));
    }

    public static String redact(String message) {
        if (message == null) {
            return null;
        }
        String s = WRAPPED_BASE64.matcher(message).replaceAll("[binary data removed]");
        s = BASE64_BLOB.matcher(s).replaceAll("[binary data removed]");
        s = RESIDENT_ID.matcher(s).replaceAll("$1********$2");
        s = cards(s);
        s = OLD_RESIDENT_ID.matcher(s).replaceAll("$1******$2");
        s = PERMANENT_RESIDENT.matcher(s).replaceAll("$1************");
        s = MOBILE.matcher(s).replaceAll("$1$2****$3");
        s = TRAVEL_DOCUMENT.matcher(s).replaceAll("$1******$2");
        return TAIWAN_PERMIT.matcher(s).replaceAll("$1$2********");
    }

    /** Card numbers keep their first six (the issuer) and last four digits, like a printed receipt. */
    private static String cards(String s) {
        Matcher m = CARD_CANDIDATE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            String replacement = luhn(digits)
                    ? digits.substring(0, 6) + "*".repeat(digits.length() - 10) + digits.substring(digits.length() - 4)
                    : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
