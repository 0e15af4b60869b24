package org.tongban.devices.printer;

/**
 * What a printer reports of a job on its way, so the job's record can follow it (sent, printing)
 * before {@code print} returns. Called on the device's worker thread; must return quickly.
 */
public interface PrintProgress {

    /** The printer (or its spooler) holds the job now; {@code destination} says where, for technicians. */
    default void sent(String destination) {
    }

    /** Paper is moving. */
    default void printing() {
    }
}
