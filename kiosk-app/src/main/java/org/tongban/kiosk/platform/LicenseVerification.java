package org.tongban.kiosk.platform;

import java.time.LocalDate;

/** Whether an e-license QR code is genuine, and what license it stands for. */
public record LicenseVerification(boolean valid, License license) {

    /** {@code validTo} stays a string: the platform writes 长期 for licenses without an end date. */
    public record License(String type, String number, String holderName, String holderIdNumberMasked,
            String issuer, LocalDate validFrom, String validTo) {

        @Override
        public String toString() {
            return "License[" + type + " " + number + " holder=" + holderIdNumberMasked + " issuer=" + issuer
                    + " " + validFrom + ".." + validTo + "]";
        }
    }
}
