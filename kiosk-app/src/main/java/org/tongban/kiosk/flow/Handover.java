package org.tongban.kiosk.flow;

import java.util.Optional;
import java.util.UUID;
import org.tongban.devices.printer.PrintJob;
import org.tongban.kiosk.platform.Attachment;
import org.tongban.kiosk.platform.LicenseVerification;

/** What one step leaves for a later one in the same flow: the only state steps share. */
final class Handover {

    /** What the review is about: the print record or submission when there is one, else the visit itself. */
    private volatile UUID reviewTarget = UUID.randomUUID();
    /** The captured pages as the submission's attachment. */
    private volatile Attachment pages;
    private volatile LicenseVerification.License license;
    /** The certificate composed for the preview, until the print step takes it. */
    private PrintJob document;

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

    /** The document composed for the preview, composing it first if there is none. */
    synchronized PrintJob document(Composition compose) throws Exception {
        if (document == null) {
            document = compose.compose();
        }
        return document;
    }

    /** The document the preview showed, for the printer; null when there was none. A retry composes anew. */
    synchronized PrintJob takeDocument() {
        PrintJob taken = document;
        document = null;
        return taken;
    }

    interface Composition {
        PrintJob compose() throws Exception;
    }
}
