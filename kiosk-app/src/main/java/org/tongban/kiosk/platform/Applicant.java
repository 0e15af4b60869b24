package org.tongban.kiosk.platform;

import java.util.Objects;

/**
 * The citizen a transaction or query is about. Personal data: {@link #toString()} masks it so that
 * a record that ends up in a log line never carries a full name or ID number.
 */
public record Applicant(IdType idType, String idNumber, String name) {

    public Applicant {
        Objects.requireNonNull(idType, "idType");
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(name, "name");
    }

    /** The ID number as it may be shown or printed: first four and last four characters kept. */
    public String maskedIdNumber() {
        int n = idNumber.length();
        if (n <= 8) {
            return "*".repeat(n);
        }
        return idNumber.substring(0, 4) + "*".repeat(n - 8) + idNumber.substring(n - 4);
    }

    /** The name as it may be shown: the first character kept, the rest starred (张** for 张三丰). */
    public String maskedName() {
        if (name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    @Override
    public String toString() {
        return "Applicant[" + idType + " " + maskedIdNumber() + " " + maskedName() + "]";
    }
}
