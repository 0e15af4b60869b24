package org.tongban.devices.qr;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.tongban.devices.AbstractDevice;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.DeviceState;

/**
 * A QR code scanner in serial mode (RS-232, or USB-CDC as most desk scanners offer): each code arrives as
 * one line of UTF-8 text ended by CR and/or LF. A line longer than {@link #MAX_LINE} is thrown away
 * whole (a jammed trigger, noise), never cut into a wrong code.
 */
public final class SerialQrScanner extends AbstractDevice implements QrScanner {

    public static final String DRIVER = "serial";
    /** The platform takes QR payloads of up to 4096 characters; UTF-8 Chinese needs three bytes each. */
    static final int MAX_LINE = 4096 * 3;

    private final String portPath;
    private final int baud;
    private final Set<CompletableFuture<QrCode>> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicInteger codesSeen = new AtomicInteger();
    private final AtomicInteger linesDropped = new AtomicInteger();
    private volatile SerialPort port;
    private volatile Thread listener;

    public SerialQrScanner(String name, String portPath, int baud) {
        super(name, DeviceClass.QR_SCANNER);
        if (portPath == null || portPath.isBlank()) {
            throw new IllegalArgumentException("the QR scanner needs a port, e.g. /dev/ttyACM0");
        }
        this.portPath = portPath;
        this.baud = baud;
    }

    /** From {@code devices.yaml}: {@code port}, option {@code baud} (default 9600). */
    public static SerialQrScanner fromSpec(DeviceSpec spec) throws DeviceException {
        try {
            return new SerialQrScanner(spec.name(), spec.port(), Integer.parseInt(spec.option("baud", "9600")));
        } catch (IllegalArgumentException e) {
            throw new DeviceException(DeviceException.Reason.ILLEGAL_STATE, spec.name() + ": " + e.getMessage(), e);
        }
    }

    public int codesSeen() {
        return codesSeen.get();
    }

    /** Lines thrown away because they were too long to be a code. */
    public int linesDropped() {
        return linesDropped.get();
    }

    @Override
    protected void onOpen() throws DeviceException {
        if (portPath.startsWith("/") && !Files.exists(Path.of(portPath))) {
            throw offline("serial port " + portPath + " does not exist (scanner unplugged or wrong port?)");
        }
        SerialPort p;
        try {
            p = SerialPort.getCommPort(portPath);
        } catch (SerialPortInvalidPortException e) {
            throw offline("serial port " + portPath + " is not usable: " + e.getMessage());
        }
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 200, 0);
        if (!p.openPort()) {
            throw offline("cannot open serial port " + portPath + " (error " + p.getLastErrorCode() + ")");
        }
        port = p;
    }

    @Override
    protected void onEnable() {
        Thread t = new Thread(this::listen, "qr-serial-" + name());
        t.setDaemon(true);
        listener = t;
        t.start();
    }

    @Override
    protected void onDisable() {
        Thread t = listener;
        listener = null;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    protected void onClose() {
        SerialPort p = port;
        port = null;
        if (p != null) {
            p.closePort();
        }
        waiting.forEach(read -> read.completeExceptionally(offline("scanner closed")));
    }

    @Override
    protected String healthDetail() {
        return "serial QR scanner on " + portPath + " at " + baud + " baud, " + codesSeen.get() + " codes, "
                + linesDropped.get() + " overlong lines dropped";
    }

    @Override
    public QrCode read(Duration timeout) throws DeviceException {
        CompletableFuture<QrCode> next = new CompletableFuture<>();
        waiting.add(next);
        try {
            return perform("read QR code", timeout, () -> {
                try {
                    return next.get();
                } catch (ExecutionException e) {
                    throw (DeviceException) e.getCause();
                }
            });
        } finally {
            waiting.remove(next);
        }
    }

    private void listen() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean overlong = false;
        byte[] buf = new byte[512];
        while (listener == Thread.currentThread()) {
            SerialPort p = port;
            if (p == null) {
                return;
            }
            int n = p.readBytes(buf, buf.length);
            if (n < 0) {
                setState(DeviceState.OFFLINE, "QR scanner on " + portPath + " is gone (unplugged?)");
                waiting.forEach(read -> read.completeExceptionally(offline("QR scanner unplugged")));
                return;
            }
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\r' || b == '\n') {
                    if (overlong) {
                        linesDropped.incrementAndGet();
                    } else if (line.size() > 0) {
                        deliver(line.toString(StandardCharsets.UTF_8));
                    }
                    line.reset();
                    overlong = false;
                } else if (line.size() >= MAX_LINE) {
                    overlong = true;
                    line.reset();
                } else if (!overlong) {
                    line.write(b);
                }
            }
        }
    }

    private void deliver(String text) {
        QrCode code = new QrCode(text, Instant.now());
        codesSeen.incrementAndGet();
        waiting.forEach(read -> read.complete(code));
        publishData(code);
    }

    private DeviceException offline(String message) {
        return new DeviceException(DeviceException.Reason.OFFLINE, name() + ": " + message);
    }
}
