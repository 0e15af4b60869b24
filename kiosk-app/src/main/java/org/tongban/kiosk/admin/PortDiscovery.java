package org.tongban.kiosk.admin;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceRegistry;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.Lifecycle;
import org.tongban.devices.idcard.SamIdCardReader;
import org.tongban.devices.printer.escpos.EscPosReceiptPrinter;

/**
 * Finds which serial port each device is on: lists the machine's serial ports and asks each in
 * turn, politely, what it is: the ID card reader's SAM status command first (a reader ignores
 * anything else), then the ESC/POS status request; a QR scanner only speaks when it sees a code, so
 * it is recognised by the text it sends while the technician shows it one.
 */
public final class PortDiscovery {

    /** What answered on one port. {@code answers} is empty when nothing recognisable did. */
    public record Probe(String port, Optional<DeviceClass> answers, String detail, String inUseBy) {
    }

    /** Listens this long for a QR scanner's text; the technician shows it a code meanwhile. */
    static final int QR_LISTEN_MS = 1500;
    /** Listens this long before asking anything: a port that talks unasked is not a reader or printer. */
    static final int QUIET_MS = 400;

    private final DeviceRegistry devices;
    private final Supplier<List<String>> extraPorts;

    /** @param extraPorts ports to offer besides what the system lists (pseudo-terminals, udev names) */
    public PortDiscovery(DeviceRegistry devices, Supplier<List<String>> extraPorts) {
        this.devices = devices;
        this.extraPorts = extraPorts;
    }

    /** Offers, besides what the system lists, the serial ports the configured devices name (pseudo-terminals too). */
    public static PortDiscovery withConfiguredPorts(DeviceRegistry devices) {
        return new PortDiscovery(devices, () -> devices.all().stream().map(d -> devices.spec(d.name()).port())
                .filter(p -> p != null && p.startsWith("/dev/")).toList());
    }

    /** The machine's serial ports (jSerialComm), the stable names under /dev/serial/by-id, and the extra ones. */
    public List<String> list() {
        Set<String> ports = new LinkedHashSet<>();
        for (SerialPort p : SerialPort.getCommPorts()) {
            ports.add(p.getSystemPortPath());
        }
        Path byId = Path.of("/dev/serial/by-id");
        if (Files.isDirectory(byId)) {
            try (Stream<Path> s = Files.list(byId)) {
                s.map(Path::toString).sorted().forEach(ports::add);
            } catch (IOException e) {
                // the listed ports are still offered
            }
        }
        ports.addAll(extraPorts.get());
        return List.copyOf(ports);
    }

    /** Probes every listed port (blocking: a few hundred milliseconds to a few seconds each). */
    public List<Probe> probeAll() {
        List<Probe> out = new ArrayList<>();
        for (String p : list()) {
            out.add(probe(p));
        }
        return out;
    }

    public Probe probe(String port) {
        for (Device d : devices.all()) {
            DeviceSpec spec = devices.spec(d.name());
            if (port.equals(spec.port()) && !"simulated".equals(spec.driver()) && d.lifecycle() != Lifecycle.CLOSED) {
                // Opening it again would take the port from the device that works on it.
                return new Probe(port, Optional.of(d.deviceClass()), "in use, " + d.state(), d.name());
            }
        }
        if (!Files.exists(Path.of(port))) {
            return new Probe(port, Optional.empty(), "no such port", null);
        }
        // Readers and printers only answer; something that talks unasked is a scanner being shown a code.
        Optional<Probe> talking = qrText(port, QUIET_MS);
        if (talking.isPresent()) {
            return talking.get();
        }
        Optional<Probe> reader = samReader(port);
        if (reader.isPresent()) {
            return reader.get();
        }
        Optional<Probe> printer = escPos(port);
        if (printer.isPresent()) {
            return printer.get();
        }
        return qrText(port, QR_LISTEN_MS).orElse(new Probe(port, Optional.empty(),
                "no answer (a QR scanner is found by scanning a code while probing)", null));
    }

    private Optional<Probe> samReader(String port) {
        DeviceSpec spec = new DeviceSpec("probe", DeviceClass.ID_CARD_READER, SamIdCardReader.DRIVER, port,
                Map.of("answerTimeoutMs", "400", "pollMs", "0"), false);
        try (SamIdCardReader r = SamIdCardReader.fromSpec(spec)) {
            r.open();
            return Optional.of(new Probe(port, Optional.of(DeviceClass.ID_CARD_READER), r.checkHealth().text(), null));
        } catch (DeviceException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<Probe> escPos(String port) {
        DeviceSpec spec = new DeviceSpec("probe", DeviceClass.RECEIPT_PRINTER, EscPosReceiptPrinter.DRIVER, port,
                Map.of(), false);
        try (EscPosReceiptPrinter p = EscPosReceiptPrinter.fromSpec(spec)) {
            p.open();
            return Optional.of(new Probe(port, Optional.of(DeviceClass.RECEIPT_PRINTER), p.checkHealth().text(), null));
        } catch (DeviceException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int breaks(byte[] b, int n) {
        int count = 0;
        boolean inBreak = false;
        for (int i = 0; i < n; i++) {
            boolean br = b[i] == '\n' || b[i] == '\r';
            if (br && !inBreak) {
                count++;
            }
            inBreak = br;
        }
        return count;
    }

    /** Reads what the port sends for a moment; a line of printable text is a QR scanner's. */
    private Optional<Probe> qrText(String port, int listenMs) {
        SerialPort p = SerialPort.getCommPort(port);
        p.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, listenMs, 0);
        if (!p.openPort()) {
            return Optional.of(new Probe(port, Optional.empty(), "cannot open (error " + p.getLastErrorCode()
                    + "): busy, or no permission (add the kiosk user to the dialout group)", null));
        }
        try {
            // Gather until a whole line came (between two line ends) or the time is up.
            byte[] buf = new byte[512];
            int n = 0;
            long end = System.nanoTime() + listenMs * 1_000_000L;
            while (n < buf.length && System.nanoTime() < end && breaks(buf, n) < 2) {
                byte[] chunk = new byte[buf.length - n];
                int got = p.readBytes(chunk, chunk.length);
                if (got > 0) {
                    System.arraycopy(chunk, 0, buf, n, got);
                    n += got;
                }
            }
            if (n > 0) {
                String all = new String(buf, 0, n, StandardCharsets.UTF_8).replace("\r", "\n");
                String[] lines = all.split("\n", -1);
                // With two breaks the line between them is whole; otherwise what came before the first.
                String text = lines.length >= 3 ? lines[1] : lines[0];
                for (int i = 1; i < lines.length - 1 && text.isBlank(); i++) {
                    text = lines[i];
                }
                if (breaks(buf, n) >= 1 && !text.isBlank() && text.strip().codePoints().allMatch(c -> c >= 0x20)) {
                    // The code itself may be personal (a health code): its length only.
                    return Optional.of(new Probe(port, Optional.of(DeviceClass.QR_SCANNER),
                            "sent a line of " + text.strip().length() + " characters", null));
                }
            }
            return Optional.empty();
        } finally {
            p.closePort();
        }
    }
}
