package org.tongban.kiosk.config;

/** What kind of terminal this is; the catalog offers items per profile. */
public enum Profile {
    /** A kiosk in a 24-hour government service hall. */
    HALL_KIOSK,
    /** A bank's smart teller machine that also offers government services. */
    BANK_STM
}
