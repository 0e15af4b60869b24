package org.tongban.kiosk.journal;

/**
 * What a journal entry records. The details of an entry never name a person: a session is known by
 * its id only.
 */
public enum JournalKind {
    TERMINAL_STARTED,
    TERMINAL_STOPPED,
    SESSION_STARTED,
    SESSION_ENDED,
    ITEM_STARTED,
    ITEM_FINISHED,
    ITEM_ABANDONED,
    PRINT_DONE,
    PRINT_FAILED,
    DEVICE_ERROR,
    DEVICE_RECOVERED,
    /** A technician's action on a device from the dashboard (open, close, reset, test). */
    DEVICE_ACTION,
    MAINTENANCE_LOGIN,
    MAINTENANCE_LOGIN_FAILED,
    MAINTENANCE_LOCKED_OUT,
    MAINTENANCE_LOGOUT,
    CONFIG_CHANGED,
    /** The terminal stopped serving (the platform's LOCK, or a device every service needs failed). */
    OUT_OF_SERVICE,
    BACK_IN_SERVICE,
    STAFF_ASSISTANCE_REQUESTED,
    /** Staff said (through the fleet server) that they are coming; the citizen was told. */
    STAFF_ASSISTANCE_ACKNOWLEDGED,
    /** Staff answered the call at the terminal, or the visit ended. */
    STAFF_ASSISTANCE_ENDED,
    UPDATE_CHECKED,
    UPDATE_APPLIED,
    UPDATE_REFUSED,
    UPDATE_ROLLED_BACK
}
