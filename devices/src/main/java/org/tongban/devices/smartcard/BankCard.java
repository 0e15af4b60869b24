package org.tongban.devices.smartcard;

import java.time.YearMonth;

/**
 * What the payment application of a bank IC card (PBOC 3.0 / EMV contact) tells without a PIN.
 * The card number is personal: {@link #toString()} and {@link #maskedPan()} show only its first 6 and last 4 digits.
 *
 * @param expiry null when the card does not carry it readably
 * @param holderName null when the card does not carry it (many Chinese debit cards leave it out)
 */
public record BankCard(String aid, String label, String pan, YearMonth expiry, String holderName) {

    /** The card number as shown on screens and receipts: {@code 622848******1234}. */
    public String maskedPan() {
        if (pan == null || pan.length() < 11) {
            return pan == null ? null : "*".repeat(pan.length());
        }
        return pan.substring(0, 6) + "*".repeat(pan.length() - 10) + pan.substring(pan.length() - 4);
    }

    @Override
    public String toString() {
        return "BankCard[" + aid + ", " + maskedPan() + "]";
    }
}
