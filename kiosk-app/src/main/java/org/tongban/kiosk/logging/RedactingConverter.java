package org.tongban.kiosk.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Pattern;

/**
 * The log message with anything that looks like a citizen's identifier masked: 18-character
 * resident ID numbers, 15-character permanent resident numbers, mobile phone numbers, and long
 * base64 runs (an image or a card photo). Records mask themselves in {@code toString()}; this is
 * the second line of defence for a value someone logs by hand. Used as {@code %redacted} in logback.xml.
 */
public final class RedactingConverter extends MessageConverter {

    private static final Pattern RESIDENT_ID = Pattern.compile("(?<![0-9A-Za-z])(\\d{6})\\d{8}(\\d{3}[0-9Xx])(?![0-9A-Za-z])");
    private static final Pattern PERMANENT_RESIDENT = Pattern.compile("(?<![0-9A-Za-z])([A-Z]{3})\\d{12}(?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)(1[3-9]\\d)\\d{4}(\\d{4})(?!\\d)");
    private static final Pattern BASE64_BLOB = Pattern.compile("[A-Za-z0-9+/]{120,}={0,2}");

    @Override
    public String convert(ILoggingEvent event) {
        return redact(super.convert(event));
    }

    public static String redact(String message) {
        if (message == null) {
            return null;
        }
        String s = RESIDENT_ID.matcher(message).replaceAll("$1********$2");
        s = PERMANENT_RESIDENT.matcher(s).replaceAll("$1************");
        s = MOBILE.matcher(s).replaceAll("$1****$2");
        return BASE64_BLOB.matcher(s).replaceAll("[binary data removed]");
    }
}
