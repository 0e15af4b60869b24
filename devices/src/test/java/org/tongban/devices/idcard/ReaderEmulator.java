package org.tongban.devices.idcard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.tongban.devices.DeviceException;

/**
 * A SAM ID card reader as the protocol describes it, for the driver's tests: it listens on a local TCP port,
 * and socat joins that port to a pseudo-terminal the driver opens as its serial port
 * ({@link SocatPty}). It keeps the reader's state (found, selected), answers each command as the
 * protocol says, paces its answers at the line's baud rate (10 bits a byte), and can be told to misbehave
 * for the next answer: noise, a bad checksum, a truncated or fragmented frame, silence, a status code.
 */
public final class ReaderEmulator implements AutoCloseable {

    /** How the next answer goes wrong. */
    public sealed interface Fault {
        /** This answer goes right (to let a fault hit a later answer). */
        record None() implements Fault { }

        /** Garbage on the line before the answer. */
        record Noise(byte[] bytes) implements Fault { }

        /** The answer with its last byte (CHK) flipped. */
        record BadChecksum() implements Fault { }

        /** Only the first {@code bytes} of the answer, then nothing. */
        record Truncated(int bytes) implements Fault { }

        /** The answer in {@code pieces} parts with {@code gapMs} between them. */
        record Fragmented(int pieces, int gapMs) implements Fault { }

        /** No answer at all. */
        record Silent() implements Fault { }

        /** The answer with this SW3 and no data. */
        record Status(int sw3) implements Fault { }

        /** Any bytes instead of the answer. */
        record Raw(byte[] bytes) implements Fault { }
    }

    private record Card(byte[] text, byte[] photo, byte[] fingerprint) { }

    private enum Stage { IDLE, FOUND, SELECTED }

    static final byte[] SAM_ID = {5, 0, 1, 0, (byte) 0xE5, (byte) 0xD6, 0x34, 0x01, 1, 0, 0, 0, (byte) 0xD2, 0x02, (byte) 0x96, 0x49};
    static final String SAM_ID_TEXT = "05.01-20240101-0000000001-1234567890";

    private final ServerSocket server;
    private final int baud;
    private final Thread acceptor;
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicInteger commands = new AtomicInteger();
    private final AtomicInteger badFrames = new AtomicInteger();
    private volatile Card card;
    private volatile Socket connection;
    private volatile boolean closed;
    private Stage stage = Stage.IDLE;

    /** @param baud the line speed answers are paced at; 0 for no pacing */
    public ReaderEmulator(int baud) throws IOException {
        this.baud = baud;
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "reader-emulator");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Runs the emulator on its own for a manual check of {@code ./kiosk idcard read}:
     * {@code ReaderEmulator LINK [resident|foreign|hmt|none]} makes the pty LINK with that card on the reader.
     */
    public static void main(String[] args) throws Exception {
        java.nio.file.Path link = java.nio.file.Path.of(args.length > 0 ? args[0] : "/tmp/ttyIDCARD");
        String which = args.length > 1 ? args[1] : "resident";
        try (ReaderEmulator emulator = new ReaderEmulator(115200);
             SocatPty pty = SocatPty.start(link, emulator.tcpPort())) {
            switch (which) {
                case "resident" -> emulator.place(CardText.resident().bytes(), CardText.photo());
                case "foreign" -> emulator.place(CardText.foreign().bytes(), CardText.photo());
                case "hmt" -> emulator.place(CardText.hmt().bytes(), CardText.photo());
                default -> { }
            }
            System.out.println("reader emulator on " + pty.link() + " with card: " + which + " (Ctrl-C to stop)");
            Thread.currentThread().join();
        }
    }

    public int tcpPort() {
        return server.getLocalPort();
    }

    // ---- the card and the faults, for tests --------------------------------------------------

    public void place(byte[] text, byte[] photo) {
        place(text, photo, null);
    }

    public void place(byte[] text, byte[] photo, byte[] fingerprint) {
        card = new Card(text.clone(), photo.clone(), fingerprint == null ? null : fingerprint.clone());
    }

    public void removeCard() {
        card = null;
    }

    /** The next answer (to whatever command comes next) goes wrong this way. */
    public void nextAnswer(Fault fault) {
        faults.add(fault);
    }

    public int commandsReceived() {
        return commands.get();
    }

    /** Host frames that had a bad checksum or length. */
    public int badFramesReceived() {
        return badFrames.get();
    }

    // ---- the reader --------------------------------------------------------------------------

    private void acceptLoop() {
        while (!closed) {
            try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                connection = s;
                stage = Stage.IDLE;
                serve(s.getInputStream(), s.getOutputStream());
            } catch (IOException e) {
                // socat went away (the "reader" was unplugged) or we are closing: wait for the next one
            }
        }
    }

    private void serve(InputStream in, OutputStream out) throws IOException {
        SamFrameCodec codec = SamFrameCodec.forCommands();
        byte[] buf = new byte[512];
        while (true) {
            int n = in.read(buf);
            if (n < 0) {
                return;
            }
            codec.feed(buf, 0, n);
            while (true) {
                Optional<byte[]> body;
                try {
                    body = codec.next();
                } catch (DeviceException e) {
                    badFrames.incrementAndGet();
                    int sw3 = e.getMessage().startsWith("checksum") ? 0x10 : 0x11;
                    send(out, SamFrameCodec.encode(new byte[] {0, 0, (byte) sw3}));
                    continue;
                }
                if (body.isEmpty()) {
                    break;
                }
                commands.incrementAndGet();
                byte[] answerBody = answer(body.get());
                Fault fault = faults.poll();
                sendWithFault(out, answerBody, fault);
            }
        }
    }

    private byte[] answer(byte[] command) {
        int cmd = command[0] & 0xFF;
        int para = command[1] & 0xFF;
        SamCommand c = SamCommand.of(cmd, para);
        if (c == null) {
            boolean knownCmd = Arrays.stream(SamCommand.values()).anyMatch(k -> k.cmd() == cmd);
            return status(knownCmd ? 0x24 : 0x21);
        }
        Card present = card;
        return switch (c) {
            case RESET_SAM -> {
                stage = Stage.IDLE;
                yield status(0x90);
            }
            case STATUS -> status(0x90);
            case READ_SAM_ID -> withData(0x90, SAM_ID);
            case FIND_CARD -> {
                if (present == null) {
                    stage = Stage.IDLE;
                    yield status(0x80);
                }
                stage = Stage.FOUND;
                yield withData(0x9F, new byte[4]);
            }
            case SELECT_CARD -> {
                if (present == null || stage == Stage.IDLE) {
                    yield status(0x81);
                }
                stage = Stage.SELECTED;
                yield withData(0x90, new byte[8]);
            }
            case READ_TEXT_PHOTO, READ_TEXT_PHOTO_FINGERPRINT -> {
                if (present == null || stage != Stage.SELECTED) {
                    yield status(0x41);
                }
                stage = Stage.IDLE; // the next read finds and selects again, as a real module wants
                yield readAnswer(present, c == SamCommand.READ_TEXT_PHOTO_FINGERPRINT);
            }
            case READ_APPENDED_ADDRESS -> status(0x91);
        };
    }

    private static byte[] readAnswer(Card c, boolean withFingerprint) {
        byte[] fp = withFingerprint && c.fingerprint() != null ? c.fingerprint() : new byte[0];
        int header = withFingerprint ? 6 : 4;
        byte[] data = new byte[header + c.text().length + c.photo().length + (withFingerprint ? fp.length : 0)];
        data[0] = (byte) (c.text().length >> 8);
        data[1] = (byte) c.text().length;
        data[2] = (byte) (c.photo().length >> 8);
        data[3] = (byte) c.photo().length;
        if (withFingerprint) {
            data[4] = (byte) (fp.length >> 8);
            data[5] = (byte) fp.length;
        }
        System.arraycopy(c.text(), 0, data, header, c.text().length);
        System.arraycopy(c.photo(), 0, data, header + c.text().length, c.photo().length);
        if (withFingerprint) {
            System.arraycopy(fp, 0, data, header + c.text().length + c.photo().length, fp.length);
        }
        return withData(0x90, data);
    }

    private static byte[] status(int sw3) {
        return new byte[] {0, 0, (byte) sw3};
    }

    private static byte[] withData(int sw3, byte[] data) {
        byte[] body = new byte[3 + data.length];
        body[2] = (byte) sw3;
        System.arraycopy(data, 0, body, 3, data.length);
        return body;
    }

    private void sendWithFault(OutputStream out, byte[] body, Fault fault) throws IOException {
        byte[] frame = SamFrameCodec.encode(body);
        if (fault == null || fault instanceof Fault.None) {
            send(out, frame);
            return;
        }
        if (fault instanceof Fault.Noise noise) {
            send(out, noise.bytes());
            send(out, frame);
        } else if (fault instanceof Fault.BadChecksum) {
            frame[frame.length - 1] ^= 0x5A;
            send(out, frame);
        } else if (fault instanceof Fault.Truncated t) {
            send(out, Arrays.copyOf(frame, Math.min(t.bytes(), frame.length)));
        } else if (fault instanceof Fault.Fragmented f) {
            int size = (frame.length + f.pieces() - 1) / f.pieces();
            for (int i = 0; i < frame.length; i += size) {
                send(out, Arrays.copyOfRange(frame, i, Math.min(frame.length, i + size)));
                sleep(f.gapMs());
            }
        } else if (fault instanceof Fault.Status st) {
            send(out, SamFrameCodec.encode(status(st.sw3())));
        } else if (fault instanceof Fault.Raw raw) {
            send(out, raw.bytes());
        }
        // Fault.Silent: no answer at all
    }

    /** Writes at the line's pace: each chunk leaves when the bytes before it would have left the UART. */
    private void send(OutputStream out, byte[] bytes) throws IOException {
        if (baud <= 0) {
            out.write(bytes);
            out.flush();
            return;
        }
        long start = System.nanoTime();
        long nanosPerByte = 10_000_000_000L / baud;
        for (int i = 0; i < bytes.length; i += 32) {
            int n = Math.min(32, bytes.length - i);
            long due = start + (i + n) * nanosPerByte;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            out.write(bytes, i, n);
            out.flush();
        }
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drops the current connection, as a reader that loses power would. */
    public void hangUp() throws IOException {
        Socket s = connection;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        hangUp();
        server.close();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
