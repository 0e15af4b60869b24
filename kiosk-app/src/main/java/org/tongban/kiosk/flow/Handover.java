package org.tongban.kiosk.flow;

import java.util.Optional;
import java.util.UUID;
import org.tongban.kiosk.platform.Attachment;
import org.tongban.kiosk.platform.LicenseVerification;

/** What one step leaves for a later one in the same flow: the only state steps share. */
final class Handover {

    /** What the review is about: the print record or submission when there is one, else the visit itself. */
    private volatile UUID reviewTarget = UUID.randomUUID();
    /** The captured pages as the submission's attachment. */
    private volatile Attachment pages;
    private volatile LicenseVerification.License license;

    UUID reviewTarget() {
        return reviewTarget;
    }

    void reviewTarget(UUID transactionId) {
        reviewTarget = transactionId;
    }

    Optional<Attachment> pages() {
        return Optional.ofNullable(pages);
    }

    void pages(Attachment pdf) {
        pages = pdf;
    }

    Optional<LicenseVerification.License> license() {
        return Optional.ofNullable(license);
    }

    void license(LicenseVerification.License l) {
        license = l;
    }
}
