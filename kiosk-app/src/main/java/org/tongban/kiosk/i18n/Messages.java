package org.tongban.kiosk.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The shell's words in one language, from {@code messages_zh_CN.properties} and
 * {@code messages_en.properties} (UTF-8). A missing key shows as {@code [key]} on screen rather
 * than crashing a citizen's visit, and the bundle test catches it before release.
 */
public final class Messages {

    /** The languages the shell offers, in the order of the language switch. */
    public static final List<Locale> LOCALES = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    private static final String BUNDLE = "org.tongban.kiosk.i18n.messages";

    private final Locale locale;
    private final ResourceBundle bundle;

    public Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public Locale locale() {
        return locale;
    }

    public String get(String key, Object... args) {
        try {
            String pattern = bundle.getString(key);
            return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
        } catch (MissingResourceException e) {
            return "[" + key + "]";
        }
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    public java.util.Set<String> keys() {
        return bundle.keySet();
    }
}
