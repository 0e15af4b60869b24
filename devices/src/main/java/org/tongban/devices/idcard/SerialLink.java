package org.tongban.devices.idcard;

import org.tongban.devices.DeviceException;

/** A byte pipe to the reader: a serial port, or a USB-CDC port that looks like one. */
interface SerialLink {

    /** Opens the port; {@code OFFLINE} when it is not there or cannot be opened. */
    void open() throws DeviceException;

    boolean isOpen();

    /** Sends all of {@code bytes}; {@code OFFLINE} when the port has gone. */
    void write(byte[] bytes) throws DeviceException;

    /**
     * Reads what has arrived into {@code buf}, waiting at most {@code timeoutMs} for the first byte.
     *
     * @return the number of bytes read, 0 when nothing came in time
     * @throws DeviceException {@code OFFLINE} when the port has gone (unplugged)
     */
    int read(byte[] buf, int timeoutMs) throws DeviceException;

    /** Throws away whatever arrived unasked (noise, the tail of an answer nobody waited for). */
    void discardInput() throws DeviceException;

    /** Lets go of the port; never throws. */
    void close();

    /** Where the link goes, for messages: {@code /dev/ttyUSB0 at 115200 baud}. */
    String describe();
}
