package org.tongban.devices.idcard;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.DeviceException;

/** A {@link SerialLink} over jSerialComm: RS-232 and USB-CDC ports, and pseudo-terminals in tests. 8N1, no flow control. */
final class JSerialCommLink implements SerialLink {

    private static final Logger log = LoggerFactory.getLogger(JSerialCommLink.class);

    private final String path;
    private final int baud;
    private volatile SerialPort port;
    private int configuredTimeout = -1;

    JSerialCommLink(String path, int baud) {
        this.path = path;
        this.baud = baud;
    }

    @Override
    public synchronized void open() throws DeviceException {
        if (port != null) {
            return;
        }
        // jSerialComm would also "open" a name that does not exist on some systems; a missing device file
        // is the plain sign of an unplugged USB reader.
        if (path.startsWith("/") && !Files.exists(Path.of(path))) {
            throw offline("serial port " + path + " does not exist (reader unplugged or wrong port?)");
        }
        SerialPort p;
        try {
            p = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw offline("serial port " + path + " is not usable: " + e.getMessage());
        }
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!p.openPort()) {
            throw offline("cannot open serial port " + path + " (error " + p.getLastErrorCode()
                    + "; is another program using it, or are permissions missing?)");
        }
        // Some reader modules draw power or wake on DTR/RTS; a port without control lines (a pty, some
        // USB adapters) refuses these, which is harmless.
        if (!p.setDTR() || !p.setRTS()) {
            log.debug("{}: control lines DTR/RTS not available (error {})", path, p.getLastErrorCode());
        }
        configuredTimeout = -1;
        port = p;
    }

    @Override
    public boolean isOpen() {
        return port != null;
    }

    @Override
    public void write(byte[] bytes) throws DeviceException {
        SerialPort p = requireOpen();
        int done = 0;
        while (done < bytes.length) {
            int n = p.writeBytes(bytes, bytes.length - done, done);
            if (n <= 0) {
                throw offline("writing to " + path + " failed (reader unplugged?)");
            }
            done += n;
        }
    }

    @Override
    public int read(byte[] buf, int timeoutMs) throws DeviceException {
        SerialPort p = requireOpen();
        int timeout = Math.max(1, timeoutMs);
        if (timeout != configuredTimeout) {
            p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, timeout, 0);
            configuredTimeout = timeout;
        }
        int n = p.readBytes(buf, buf.length);
        if (n < 0) {
            throw offline("reading from " + path + " failed (reader unplugged?)");
        }
        return n;
    }

    @Override
    public void discardInput() throws DeviceException {
        SerialPort p = requireOpen();
        int available = p.bytesAvailable();
        if (available < 0) {
            throw offline("serial port " + path + " has gone (reader unplugged?)");
        }
        if (available > 0) {
            byte[] junk = new byte[available];
            p.readBytes(junk, junk.length);
        }
    }

    @Override
    public synchronized void close() {
        SerialPort p = port;
        port = null;
        if (p != null) {
            p.closePort();
        }
    }

    @Override
    public String describe() {
        return path + " at " + baud + " baud";
    }

    private SerialPort requireOpen() throws DeviceException {
        SerialPort p = port;
        if (p == null) {
            throw offline("serial port " + path + " is not open");
        }
        return p;
    }

    private static DeviceException offline(String message) {
        return new DeviceException(DeviceException.Reason.OFFLINE, message);
    }
}
