package org.tongban.devices.printer;

import java.time.Instant;

/**
 * A job that really came out of the printer.
 *
 * @param destination where it went, for technicians: a CUPS job id, or the file a simulator wrote
 */
public record PrintOutcome(String jobId, int sheets, String destination, Instant completedAt) {
}
