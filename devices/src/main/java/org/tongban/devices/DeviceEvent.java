package org.tongban.devices;

import java.time.Instant;

/**
 * What a device tells its listeners. Status and errors are kept apart from data, as in JavaPOS,
 * so a listener that only wants card data never has to filter out a paper-low notice.
 */
public sealed interface DeviceEvent permits StatusEvent, DataEvent, ErrorEvent {
    /** The configured name of the device that raised the event. */
    String device();

    Instant at();
}
