package org.tongban.devices;

import java.time.Instant;

/** Input arrived from the device: a card was read, a QR code was seen, a frame was captured. */
public record DataEvent<T>(String device, T data, Instant at) implements DeviceEvent {
}
