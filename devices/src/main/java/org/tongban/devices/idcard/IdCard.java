package org.tongban.devices.idcard;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a second-generation ID card reader reads off a card: one record for all three card layouts
 * of the protocol (resident ID, foreign permanent resident ID {@code I}, HMT residence permit {@code J});
 * fields a layout does not have are {@code null}.
 *
 * <p>Personal data: {@link #toString()} masks it, so a card never lands in a log by accident, and
 * {@link #wipe()} zeroes the photo when the session ends.
 *
 * @param validTo {@code null} for a long-term (长期) card
 * @param photoWlt the card photo in the licensed WLT format, kept as opaque bytes
 */
public record IdCard(
        CardType cardType,
        String name,
        String englishName,
        Sex sex,
        String ethnicityCode,
        LocalDate birthDate,
        String address,
        String idNumber,
        String issuer,
        LocalDate validFrom,
        LocalDate validTo,
        String nationality,
        String passNumber,
        byte[] photoWlt) {

    public enum CardType { RESIDENT_ID, FOREIGN_PERMANENT_RESIDENT, HMT_RESIDENCE_PERMIT }

    public enum Sex { UNKNOWN, MALE, FEMALE, UNSPECIFIED }

    public boolean longTerm() {
        return validTo == null;
    }

    public Optional<LocalDate> validToDate() {
        return Optional.ofNullable(validTo);
    }

    public boolean expiredOn(LocalDate day) {
        return validTo != null && validTo.isBefore(day);
    }

    /** The ID number with all but the first 3 and last 4 characters hidden, as printed on receipts. */
    public String maskedIdNumber() {
        return mask(idNumber, 3, 4);
    }

    /** The name with all but the first character hidden. */
    public String maskedName() {
        return mask(name, 1, 0);
    }

    /** Zeroes the photo bytes; the strings go with the record once nothing refers to it. */
    public void wipe() {
        if (photoWlt != null) {
            Arrays.fill(photoWlt, (byte) 0);
        }
    }

    static String mask(String s, int keepStart, int keepEnd) {
        if (s == null) {
            return null;
        }
        if (s.length() <= keepStart + keepEnd) {
            return "*".repeat(s.length());
        }
        return s.substring(0, keepStart) + "*".repeat(s.length() - keepStart - keepEnd)
                + s.substring(s.length() - keepEnd);
    }

    @Override
    public String toString() {
        return "IdCard[" + cardType + ", " + maskedName() + ", " + maskedIdNumber() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdCard other
                && cardType == other.cardType
                && java.util.Objects.equals(idNumber, other.idNumber)
                && java.util.Objects.equals(name, other.name)
                && java.util.Objects.equals(validFrom, other.validFrom)
                && Arrays.equals(photoWlt, other.photoWlt);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(cardType, idNumber, name, validFrom);
    }
}
