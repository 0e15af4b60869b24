package org.tongban.devices.printer.escpos;

import com.fazecast.jSerialComm.SerialPort;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.AbstractDevice;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.DeviceState;
import org.tongban.devices.printer.PrintOutcome;
import org.tongban.devices.printer.Receipt;
import org.tongban.devices.printer.ReceiptPrinter;
import org.tongban.devices.printer.ReceiptPrinterStatus;

/**
 * An 80 mm ESC/POS receipt printer on a serial line (jSerialComm). Paper, cover and cutter are
 * polled with DLE EOT 2-4 before each receipt, while it prints and after it; the receipt counts as
 * done when the printer answers GS r 1, which it processes only after everything sent before it.
 * Paper running out meanwhile ends the job with NO_MEDIA at once, not at the timeout.
 */
public final class EscPosReceiptPrinter extends AbstractDevice implements ReceiptPrinter {

    /** The driver name in devices.yaml. */
    public static final String DRIVER = "escpos-serial";

    private static final Logger log = LoggerFactory.getLogger(EscPosReceiptPrinter.class);
    private static final Duration ANSWER_WAIT = Duration.ofMillis(500);
    private static final Duration POLL = Duration.ofMillis(150);

    private final String portPath;
    private final int baudRate;
    private final EscPosEncoder encoder = new EscPosEncoder();
    private volatile SerialPort port;
    private volatile ReceiptPrinterStatus lastStatus = new ReceiptPrinterStatus(ReceiptPrinterStatus.Paper.OK, false);

    public EscPosReceiptPrinter(String name, String portPath, int baudRate) {
        super(name, DeviceClass.RECEIPT_PRINTER);
        if (portPath == null || portPath.isBlank()) {
            throw new IllegalArgumentException(name + ": the serial port is missing");
        }
        this.portPath = portPath;
        this.baudRate = baudRate;
    }

    /** From devices.yaml: {@code port} is the serial device; option {@code baud} (default 9600). */
    public static EscPosReceiptPrinter fromSpec(DeviceSpec spec) {
        return new EscPosReceiptPrinter(spec.name(), spec.port(), Integer.parseInt(spec.option("baud", "9600")));
    }

    @Override
    protected void onOpen() throws DeviceException {
        SerialPort p = SerialPort.getCommPort(portPath);
        p.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 50, 2000);
        if (!p.openPort()) {
            throw new DeviceException(DeviceException.Reason.OFFLINE,
                    name() + ": cannot open serial port " + portPath + " (error " + p.getLastErrorCode() + ")");
        }
        port = p;
        try {
            settle(poll());
        } catch (DeviceException e) {
            p.closePort();
            port = null;
            throw e;
        }
    }

    @Override
    protected void onClose() {
        SerialPort p = port;
        port = null;
        if (p != null) {
            p.closePort();
        }
    }

    @Override
    protected String healthDetail() {
        String paper = switch (lastStatus.paper()) {
            case OK -> "ok";
            case NEAR_END -> "near end, replace the roll soon";
            case OUT -> "out";
        };
        return "ESC/POS on " + portPath + ", paper " + paper + ", cover " + (lastStatus.coverOpen() ? "open" : "closed");
    }

    @Override
    public ReceiptPrinterStatus status() {
        return lastStatus;
    }

    @Override
    public PrintOutcome print(Receipt receipt, Duration timeout) throws DeviceException {
        EscPosEncoder.Encoded encoded = encoder.encode(receipt);
        if (encoded.substituted() > 0) {
            // the count only: the characters may be part of a citizen's name
            log.warn("{}: receipt {} has {} character(s) the printer font lacks, printed as '{}'", name(),
                    receipt.id(), encoded.substituted(), EscPosEncoder.FALLBACK);
        }
        recheckAfterFault();
        return perform("print receipt " + receipt.id(), timeout, () -> {
            StatusBytes before = poll();
            settle(before);
            if (!before.status().canPrint() || before.cutterError()) {
                throw new DeviceException(before.cutterError() ? DeviceException.Reason.HARDWARE
                        : DeviceException.Reason.NO_MEDIA, name() + ": cannot print: " + stateDetail());
            }
            drain();
            write(encoded.bytes());
            write(new byte[] {EscPosEncoder.GS, 'r', 1});
            awaitProcessed(receipt);
            StatusBytes after = poll();
            settle(after);
            return new PrintOutcome(receipt.id(), 1, portPath, Instant.now());
        });
    }

    /** Staff may have loaded paper or closed the cover since the last receipt failed: look again. */
    private synchronized void recheckAfterFault() {
        DeviceState s = state();
        if (port != null && (s == DeviceState.USER_ERROR || s == DeviceState.HARDWARE_ERROR)) {
            try {
                settle(poll());
            } catch (DeviceException e) {
                log.debug("{}: status poll failed: {}", name(), e.getMessage());
            }
        }
    }

    /** Waits for the GS r answer, checking paper and cover meanwhile. */
    private void awaitProcessed(Receipt receipt) throws DeviceException, InterruptedException {
        while (true) {
            long until = System.nanoTime() + POLL.toNanos();
            while (System.nanoTime() < until) {
                int b = readByte();
                if (b >= 0 && StatusBytes.isProcessedAnswer(b)) {
                    return;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            StatusBytes now = poll();
            settle(now);
            if (!now.status().canPrint() || now.cutterError()) {
                throw new DeviceException(now.cutterError() ? DeviceException.Reason.HARDWARE
                        : DeviceException.Reason.NO_MEDIA, name() + ": receipt " + receipt.id()
                        + " stopped while printing: " + stateDetail());
            }
        }
    }

    /** DLE EOT 2, 3 and 4. */
    private StatusBytes poll() throws DeviceException {
        int offline = ask(2);
        int error = ask(3);
        int paper = ask(4);
        return new StatusBytes(offline, error, paper);
    }

    private int ask(int n) throws DeviceException {
        write(new byte[] {EscPosEncoder.DLE, EscPosEncoder.EOT, (byte) n});
        long until = System.nanoTime() + ANSWER_WAIT.toNanos();
        while (System.nanoTime() < until) {
            int b = readByte();
            if (b >= 0 && StatusBytes.isRealTimeAnswer(b)) {
                return b;
            }
        }
        setState(DeviceState.OFFLINE, "receipt printer does not answer on " + portPath + ", check power and cable");
        throw new DeviceException(DeviceException.Reason.OFFLINE, name() + ": no answer to DLE EOT " + n);
    }

    private int readByte() throws DeviceException {
        SerialPort p = requirePort();
        byte[] one = new byte[1];
        int read = p.readBytes(one, 1);
        if (read < 0) {
            throw new DeviceException(DeviceException.Reason.OFFLINE, name() + ": serial port " + portPath + " lost");
        }
        return read == 0 ? -1 : one[0] & 0xFF;
    }

    private void drain() throws DeviceException {
        SerialPort p = requirePort();
        while (p.bytesAvailable() > 0) {
            readByte();
        }
    }

    private void write(byte[] bytes) throws DeviceException {
        SerialPort p = requirePort();
        int done = 0;
        while (done < bytes.length) {
            int n = p.writeBytes(bytes, bytes.length - done, done);
            if (n <= 0) {
                setState(DeviceState.OFFLINE, "receipt printer takes no data on " + portPath);
                throw new DeviceException(DeviceException.Reason.OFFLINE, name() + ": cannot write to " + portPath);
            }
            done += n;
        }
    }

    private SerialPort requirePort() throws DeviceException {
        SerialPort p = port;
        if (p == null) {
            throw new DeviceException(DeviceException.Reason.OFFLINE, name() + ": serial port closed");
        }
        return p;
    }

    private void settle(StatusBytes s) {
        lastStatus = s.status();
        if (s.cutterError()) {
            setState(DeviceState.HARDWARE_ERROR, "cutter error, open the cover and clear the paper");
        } else if (s.coverOpen()) {
            setState(DeviceState.USER_ERROR, "cover open, close the receipt printer cover");
        } else if (lastStatus.paper() == ReceiptPrinterStatus.Paper.OUT) {
            setState(DeviceState.USER_ERROR, "paper out, load a new 80 mm roll");
        } else if (state() != DeviceState.BUSY) {
            setState(DeviceState.ONLINE, lastStatus.paper() == ReceiptPrinterStatus.Paper.NEAR_END
                    ? "paper near end, replace the roll soon" : "ready");
        }
    }
}
