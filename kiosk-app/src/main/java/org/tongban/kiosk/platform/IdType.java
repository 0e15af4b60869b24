package org.tongban.kiosk.platform;

/** The identity documents the platform knows an applicant by. */
public enum IdType {
    RESIDENT_ID,
    FOREIGN_PERMANENT_RESIDENT,
    HMT_RESIDENCE_PERMIT
}
