package org.tongban.kiosk.catalog;

import java.util.Locale;

/** A text in the two languages of the shell; YAML {@code {zh: ..., en: ...}}. */
public record Text(String zh, String en) {

    public String in(Locale locale) {
        boolean english = "en".equals(locale.getLanguage());
        String s = english ? en : zh;
        return s != null ? s : (english ? zh : en);
    }

    boolean isComplete() {
        return zh != null && !zh.isBlank() && en != null && !en.isBlank();
    }
}
