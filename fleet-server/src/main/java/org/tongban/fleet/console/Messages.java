package org.tongban.fleet.console;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The console's words in one language (console/messages_zh|en.properties, read as UTF-8). */
public record Messages(String lang, ResourceBundle bundle) {

    public static Messages of(String lang) {
        String l = "en".equals(lang) ? "en" : "zh";
        return new Messages(l, ResourceBundle.getBundle("console.messages", Locale.forLanguageTag(l),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    public String t(String key, Object... args) {
        try {
            String text = bundle.getString(key);
            return args.length == 0 ? text : MessageFormat.format(text, args);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /** A word for a value that may be outside the bundle (a device kind we do not know): the value itself. */
    public String word(String prefix, String value) {
        if (value == null) {
            return "";
        }
        String key = prefix + "." + value;
        return bundle.containsKey(key) ? bundle.getString(key) : value;
    }
}
