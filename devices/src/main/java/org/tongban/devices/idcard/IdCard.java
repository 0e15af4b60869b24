package org.tongban.devices.idcard;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a second-generation ID card reader reads off a card: one record for all three card layouts
 * of the protocol (resident ID, foreign permanent resident ID {@code I}, HMT residence permit {@code J});
 * fields a layout does not have are {@code null}.
 *
 * <p>Personal data: {@link #toString()} masks it, so a card never lands in a log by accident, and
 * {@link #wipe()} zeroes the photo and fingerprint when the session ends.
 *
 * @param name the name in Chinese; for an {@code I} card its Chinese name, {@code null} when it has none
 * @param idNumber the citizen ID number; for an {@code I} card its permanent resident card number
 * @param issuer the issuing authority; for an {@code I} card its issuing authority code
 * @param validTo {@code null} for a long-term (长期) card
 * @param nationality ISO 3166-1 alpha-3, {@code I} cards only
 * @param passNumber the travel permit number, {@code J} cards only
 * @param issueCount how many times the permit was issued (2 digits), {@code J} cards only
 * @param photoWlt the card photo in the licensed WLT format, kept as opaque bytes
 * @param fingerprint the fingerprint data when the reader was asked for it, else {@code null}
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
        String issueCount,
        byte[] photoWlt,
        byte[] fingerprint) {

    public enum CardType { RESIDENT_ID, FOREIGN_PERMANENT_RESIDENT, HMT_RESIDENCE_PERMIT }

    public enum Sex { UNKNOWN, MALE, FEMALE, UNSPECIFIED }

    /** A card as the simulators and tests build it: no issue count, no fingerprint. */
    public IdCard(CardType cardType, String name, String englishName, Sex sex, String ethnicityCode,
                  LocalDate birthDate, String address, String idNumber, String issuer, LocalDate validFrom,
                  LocalDate validTo, String nationality, String passNumber, byte[] photoWlt) {
        this(cardType, name, englishName, sex, ethnicityCode, birthDate, address, idNumber, issuer, validFrom,
                validTo, nationality, passNumber, null, photoWlt, null);
    }

    public boolean longTerm() {
        return validTo == null;
    }

    public Optional<LocalDate> validToDate() {
        return Optional.ofNullable(validTo);
    }

    public boolean expiredOn(LocalDate day) {
        return validTo != null && validTo.isBefore(day);
    }

    /** The ethnic group of a resident ID card, when its code is one of GB 3304's. */
    public Optional<Ethnicity> ethnicity() {
        return Ethnicity.ofCode(ethnicityCode);
    }

    /** The ID number with all but the first 3 and last 4 characters hidden, as printed on receipts. */
    public String maskedIdNumber() {
        return mask(idNumber, 3, 4);
    }

    /** The name with all but the first character hidden (the English name when there is no Chinese one). */
    public String maskedName() {
        return mask(name != null ? name : englishName, 1, 0);
    }

    /** Zeroes the photo and fingerprint bytes; the strings go with the record once nothing refers to it. */
    public void wipe() {
        if (photoWlt != null) {
            Arrays.fill(photoWlt, (byte) 0);
        }
        if (fingerprint != null) {
            Arrays.fill(fingerprint, (byte) 0);
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
                && Objects.equals(idNumber, other.idNumber)
                && Objects.equals(name, other.name)
                && Objects.equals(englishName, other.englishName)
                && Objects.equals(validFrom, other.validFrom)
                && Arrays.equals(photoWlt, other.photoWlt)
                && Arrays.equals(fingerprint, other.fingerprint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cardType, idNumber, name, validFrom);
    }
}
