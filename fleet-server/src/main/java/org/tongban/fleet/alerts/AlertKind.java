package org.tongban.fleet.alerts;

/** Why an alert is open. */
public enum AlertKind {
    OFFLINE, DEVICE_ERROR, PAPER_OUT, PAPER_LOW, OUTBOX_STUCK, ASSISTANCE, UPDATE_REFUSED, ROLLED_BACK,
    /** A staged rollout paused itself (fleet-wide: names no terminal). */
    ROLLOUT_PAUSED
}
