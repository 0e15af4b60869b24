package org.tongban.kiosk.platform;

/** The platform's comparison of a live face capture with the registry photo of the ID holder. */
public record IdentityVerification(String verificationId, boolean match, double score) {
}
