package org.tongban.kiosk.catalog;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * One field of a {@code form} step: what is asked, of what type, and whether it must be filled.
 * The rules are the field's own, so the flow, the configuration check and tests share them.
 *
 * @param name the key in the submitted form (e.g. {@code phone}); shared by the items of a bundle
 * @param options for {@code CHOICE}: the allowed answers, in the language of the citizen
 * @param maxLength for {@code TEXT}: at most this many characters (0 = the default 200)
 */
public record FormField(String name, Text label, Type type, boolean required, int maxLength, List<Text> options) {

    public enum Type { TEXT, PHONE, DATE, NUMBER, CHOICE }

    private static final int DEFAULT_MAX_LENGTH = 200;

    public FormField {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** What is wrong with {@code value}, as a message key; empty when it is acceptable. */
    public Optional<String> problem(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return required ? Optional.of("form.error.required") : Optional.empty();
        }
        return switch (type) {
            case TEXT -> v.length() > (maxLength > 0 ? maxLength : DEFAULT_MAX_LENGTH)
                    ? Optional.of("form.error.tooLong") : Optional.empty();
            case PHONE -> v.matches("1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}") ? Optional.empty()
                    : Optional.of("form.error.phone");
            case NUMBER -> v.matches("\\d{1,12}(\\.\\d{1,2})?") ? Optional.empty() : Optional.of("form.error.number");
            case DATE -> isDate(v) ? Optional.empty() : Optional.of("form.error.date");
            case CHOICE -> options.stream().anyMatch(o -> v.equals(o.zh()) || v.equals(o.en()))
                    ? Optional.empty() : Optional.of("form.error.choice");
        };
    }

    private static boolean isDate(String v) {
        try {
            LocalDate.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
