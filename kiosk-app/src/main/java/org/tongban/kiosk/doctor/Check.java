package org.tongban.kiosk.doctor;

/** One thing the doctor looks at. Small and independent, so more can be added to the list. */
public interface Check {

    /** Looks now; never throws (a failure to look is itself a finding). */
    Finding run();
}
