package org.tongban.kiosk.flow;

/**
 * What the citizen's screen shows of a flow. The catalog's {@link org.tongban.kiosk.catalog.StepType} says
 * which steps an item has; a step shows one or more stages (the query its RESULT, the review REVIEW and
 * REVIEW_REASONS), and the engine adds WORKING, NEEDS_PLATFORM, FAILED and DONE to any step.
 */
public enum Stage {
    /** Showing the item's "tell once" guidance; proceed to start. */
    GUIDANCE(true, false),
    /** Waiting for the citizen to place their ID card. */
    WAIT_FOR_CARD(false, false),
    /** Querying, printing: the citizen waits. */
    WORKING(false, false),
    /** Showing the query result; proceed to print. */
    RESULT(true, false),
    /** The document came out; proceed to review. */
    PRINTED(true, false),
    /** Asking the form's fields; {@link ServiceFlow#submitForm} with the answers. */
    FORM(false, false),
    /** Showing what will be submitted; proceed to submit. */
    CONFIRM(true, false),
    /** The application is in the outbox with its reference; proceed to review. */
    SUBMITTED(true, false),
    /** Asking for the five-level good/bad review. */
    REVIEW(false, true),
    /** A low level was chosen: asking why (reasons from a list, an optional comment). */
    REVIEW_REASONS(false, true),
    /** All done; the citizen may finish the visit. */
    DONE(false, true),
    /** The camera step: live preview and guidance from {@link ServiceFlow#faceStep()} until the face is verified. */
    FACE(false, false),
    /** Waiting for the e-license QR code on the citizen's phone (QR scanner or camera). */
    LICENSE(false, false),
    /** Showing the verified e-license with its number masked; proceed to go on. */
    LICENSE_SHOWN(true, false),
    /** Taking paper materials page by page ({@link ServiceFlow#capturePage}, {@link ServiceFlow#retakePage}, {@link ServiceFlow#finishCapture}). */
    CAPTURE(false, false),
    /** The platform is unreachable: the item cannot go on now; offline items are offered. */
    NEEDS_PLATFORM(false, false),
    /** A step failed; the message says why, and whether a retry makes sense. */
    FAILED(false, false);

    private final boolean awaitsNext;
    private final boolean closing;

    Stage(boolean awaitsNext, boolean closing) {
        this.awaitsNext = awaitsNext;
        this.closing = closing;
    }

    /** The citizen reads the page and goes on with "next" ({@link ServiceFlow#proceed()}). */
    public boolean awaitsNext() {
        return awaitsNext;
    }

    /** The review or the end: all that still counts once the citizen is leaving. */
    public boolean closing() {
        return closing;
    }
}
