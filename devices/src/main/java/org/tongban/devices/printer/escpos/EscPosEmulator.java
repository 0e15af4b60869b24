package org.tongban.devices.printer.escpos;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An 80 mm ESC/POS printer on a pseudo-terminal, for tests and bench work without the hardware:
 * {@code socat} makes a pty pair, the emulator reads one end, the driver opens the other
 * ({@link #kioskPort()}) exactly as it would a real serial port. It keeps what was printed as text
 * lines ({@code [QR ...]} for a QR code, {@code --- cut ---} for a cut), answers DLE EOT 2-4 and
 * GS r 1, and can be told to run out of paper after a number of lines, to run low or open its cover.
 *
 * <p>Like a real printer out of paper, it stops printing but keeps answering real-time status
 * requests; what it was sent afterwards stays unprinted.
 */
public final class EscPosEmulator implements AutoCloseable {

    private static final Charset GB18030 = Charset.forName("GB18030");

    private final Process socat;
    private final Path kioskPort;
    private final SerialPort printerSide;
    private final Thread reader;
    private final List<String> lines = new ArrayList<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private volatile boolean nearEnd;
    private volatile boolean paperOut;
    private volatile boolean coverOpen;
    private volatile int linesLeft = Integer.MAX_VALUE;
    private volatile long bytesReceived;

    private EscPosEmulator(Process socat, Path kioskPort, SerialPort printerSide) {
        this.socat = socat;
        this.kioskPort = kioskPort;
        this.printerSide = printerSide;
        this.reader = new Thread(this::run, "escpos-emulator");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts socat with the two pty ends linked in {@code dir}: {@code printer} and {@code kiosk}. */
    public static EscPosEmulator start(Path dir) throws IOException {
        Path printer = dir.resolve("printer");
        Path kiosk = dir.resolve("kiosk");
        Process socat;
        try {
            socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + printer, "pty,raw,echo=0,link=" + kiosk)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("cannot start socat for the ESC/POS emulator (apt-get install socat): "
                    + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!(Files.exists(printer) && Files.exists(kiosk))) {
            if (!socat.isAlive() || System.nanoTime() > deadline) {
                socat.destroyForcibly();
                throw new IOException("socat did not create the pty pair in " + dir);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                socat.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        SerialPort side = SerialPort.getCommPort(printer.toRealPath().toString());
        side.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
        if (!side.openPort()) {
            socat.destroyForcibly();
            throw new IOException("cannot open the emulator's end of the pty " + printer);
        }
        return new EscPosEmulator(socat, kiosk, side);
    }

    /** The port the driver opens, as it would {@code /dev/ttyS1}. */
    public Path kioskPort() {
        return kioskPort;
    }

    /** What came out, one entry per printed line. */
    public synchronized List<String> printed() {
        return List.copyOf(lines);
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    /** The roll ends after {@code n} more printed lines. */
    public void runOutOfPaperAfter(int n) {
        linesLeft = n;
        paperOut = n <= 0;
    }

    public void paperNearEnd(boolean on) {
        nearEnd = on;
    }

    public void openCover(boolean open) {
        coverOpen = open;
    }

    /** A new roll: printing resumes with the next data received. */
    public void loadPaper() {
        linesLeft = Integer.MAX_VALUE;
        paperOut = false;
        nearEnd = false;
    }

    private boolean stopped() {
        return paperOut || coverOpen;
    }

    private void run() {
        Parser parser = new Parser();
        byte[] buffer = new byte[4096];
        while (printerSide.isOpen()) {
            int n = printerSide.readBytes(buffer, buffer.length);
            if (n < 0) {
                return;
            }
            bytesReceived += n;
            for (int i = 0; i < n; i++) {
                parser.accept(buffer[i] & 0xFF);
            }
        }
    }

    private void answer(int b) {
        printerSide.writeBytes(new byte[] {(byte) b}, 1);
    }

    private synchronized void emit(String text) {
        if (stopped()) {
            return;
        }
        lines.add(text);
        if (--linesLeft <= 0) {
            paperOut = true;
        }
    }

    /** A byte-at-a-time ESC/POS reader for the commands the driver sends. */
    private final class Parser {
        private final List<Integer> command = new ArrayList<>();
        private int expected;
        private byte[] qrData = new byte[0];

        void accept(int b) {
            if (!command.isEmpty()) {
                command.add(b);
                if (command.size() == 2 && command.get(0) != 0x10) {
                    expected = lengthOf(command.get(0), b);
                }
                if (command.size() == 5 && command.get(0) == 0x1D && command.get(1) == '(') {
                    expected = 5 + (command.get(3) | b << 8); // GS ( k pL pH: now the length is known
                }
                if (command.size() >= expected) {
                    execute(command);
                    command.clear();
                }
                return;
            }
            switch (b) {
                case 0x10, 0x1B, 0x1C, 0x1D -> {
                    command.add(b);
                    expected = b == 0x10 ? 3 : 2;
                }
                case '\n' -> {
                    if (!stopped()) {
                        emit(new String(line.toByteArray(), GB18030));
                    }
                    line.reset();
                }
                default -> {
                    if (!stopped()) {
                        line.write(b);
                    }
                }
            }
        }

        private void execute(List<Integer> c) {
            int first = c.get(0);
            int second = c.get(1);
            if (first == 0x10 && second == 0x04) {
                answer(realTime(c.get(2))); // answered even while stopped, as real printers do
                return;
            }
            if (stopped()) {
                return; // a stopped printer processes nothing else
            }
            if (first == 0x1D && second == '(' && c.size() > 7 && c.get(6) == 'P') {
                byte[] data = new byte[c.size() - 8];
                for (int i = 8; i < c.size(); i++) {
                    data[i - 8] = (byte) (int) c.get(i);
                }
                qrData = data;
            } else if (first == 0x1D && second == '(' && c.size() > 6 && c.get(6) == 'Q') {
                emit("[QR " + new String(qrData, java.nio.charset.StandardCharsets.UTF_8) + "]");
            } else if (first == 0x1D && second == 'V') {
                emit("--- cut ---");
            } else if (first == 0x1D && second == 'r') {
                answer((nearEnd ? 0x03 : 0) | (paperOut ? 0x0C : 0));
            }
        }

        /** Bytes of each command the driver uses; FS & and ESC @ are two. */
        private int lengthOf(int first, int second) {
            if (first == 0x1B && (second == 'a' || second == 'E')) {
                return 3;
            }
            if (first == 0x1D && (second == '!' || second == 'r')) {
                return 3;
            }
            if (first == 0x1D && second == 'V') {
                return 4;
            }
            if (first == 0x1D && second == '(') {
                return 5; // then the length bytes say
            }
            return 2;
        }

        private int realTime(int n) {
            return switch (n) {
                case 2 -> StatusBytes.DLE_EOT_FIXED | (coverOpen ? StatusBytes.COVER_OPEN : 0)
                        | (paperOut ? 0x20 : 0);
                case 3 -> StatusBytes.DLE_EOT_FIXED;
                case 4 -> StatusBytes.DLE_EOT_FIXED | (nearEnd || paperOut ? StatusBytes.NEAR_END : 0)
                        | (paperOut ? StatusBytes.PAPER_END : 0);
                default -> StatusBytes.DLE_EOT_FIXED;
            };
        }
    }

    @Override
    public void close() {
        printerSide.closePort();
        socat.destroy();
        try {
            if (!socat.waitFor(2, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
