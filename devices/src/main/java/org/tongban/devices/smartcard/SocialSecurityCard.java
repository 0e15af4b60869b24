package org.tongban.devices.smartcard;

import java.time.LocalDate;
import java.util.List;

/**
 * The public card-face data of a social security card (社会保障卡), readable without a PSAM: from file EF05 of
 * the card's DDF1. Everything personal (name, social security number, ...) sits in EF06 and later files that
 * only open after the terminal's PSAM has authenticated; {@link #needsPsam()} names what was not read for that.
 *
 * @param issuingRegion the 6-digit administrative division code of the issuing region, when the card has it
 */
public record SocialSecurityCard(String cardNumber, String identificationCode, String issuingRegion,
                                 String specVersion, LocalDate issueDate, LocalDate validTo, List<String> needsPsam) {

    public static final List<String> PSAM_FIELDS = List.of("name", "socialSecurityNumber", "sex", "ethnicity",
            "birthPlace", "birthDate");

    /** The card number with all but its first 2 and last 2 characters hidden. */
    public String maskedCardNumber() {
        if (cardNumber == null || cardNumber.length() < 5) {
            return cardNumber == null ? null : "*".repeat(cardNumber.length());
        }
        return cardNumber.substring(0, 2) + "*".repeat(cardNumber.length() - 4)
                + cardNumber.substring(cardNumber.length() - 2);
    }

    @Override
    public String toString() {
        return "SocialSecurityCard[" + maskedCardNumber() + ", region " + issuingRegion + "]";
    }
}
