package org.tongban.devices.idcard;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.AbstractDevice;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceException.Reason;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.DeviceState;
import org.tongban.devices.ErrorEvent;

/**
 * The driver for a second-generation ID card reader speaking the SAM protocol
 * ({@code docs/contracts/idcard-reader-protocol.md}) over a serial port or USB-CDC.
 *
 * <p>While enabled it polls for a card ({@code find card}) and publishes each card placed on the reader once,
 * as a {@code DataEvent<IdCard>}; the same poll notices an unplugged reader (OFFLINE) and opens the port again
 * when it comes back. Operations and the poll take turns on the port.
 *
 * <p>Why it is longer than 400 lines: the whole protocol conversation (open, poll, select, read, fingerprint, retries on a garbled frame) is one
 * state machine over one port; split, each part would need the port and the poll's turn-taking back.
 */
public final class SamIdCardReader extends AbstractDevice implements IdCardReader {

    /** The driver name in {@code devices.yaml}. */
    public static final String DRIVER = "sam-serial";

    private static final Logger log = LoggerFactory.getLogger(SamIdCardReader.class);
    /** How long the caller's timeout is stretched so the operation's own, clearer error arrives first. */
    private static final Duration GRACE = Duration.ofMillis(500);
    private static final int READ_SLICE_MS = 50;
    private static final int POLL_RETRIES = 3;

    /**
     * How the reader is connected.
     *
     * @param answerTimeout how long the reader may think before it answers, on top of the wire time of the answer
     * @param pollInterval how often an enabled reader looks for a card (and for its port, when unplugged);
     *        zero for no polling (the command line)
     */
    public record Settings(String port, int baud, boolean fingerprint, Duration answerTimeout, Duration pollInterval) {

        public Settings {
            if (port == null || port.isBlank()) {
                throw new IllegalArgumentException("the reader needs a port, e.g. /dev/ttyUSB0");
            }
            if (baud < 1200 || baud > 921600) {
                throw new IllegalArgumentException("baud must be between 1200 and 921600, got " + baud);
            }
            if (answerTimeout.isNegative() || answerTimeout.isZero()) {
                throw new IllegalArgumentException("the answer timeout must be positive");
            }
            if (pollInterval.isNegative()) {
                throw new IllegalArgumentException("the poll interval must not be negative");
            }
        }

        public static Settings defaults(String port) {
            return new Settings(port, 115200, false, Duration.ofMillis(1000), Duration.ofMillis(300));
        }

        public Settings withBaud(int b) {
            return new Settings(port, b, fingerprint, answerTimeout, pollInterval);
        }

        public Settings withFingerprint(boolean f) {
            return new Settings(port, baud, f, answerTimeout, pollInterval);
        }

        public Settings withAnswerTimeout(Duration t) {
            return new Settings(port, baud, fingerprint, t, pollInterval);
        }

        public Settings withPollInterval(Duration p) {
            return new Settings(port, baud, fingerprint, answerTimeout, p);
        }

        /** From {@code devices.yaml}: {@code port}, options {@code baud}, {@code fingerprint}, {@code answerTimeoutMs}, {@code pollMs}. */
        public static Settings of(DeviceSpec spec) throws DeviceException {
            try {
                Settings s = defaults(spec.port());
                return s.withBaud(intOption(spec, "baud", s.baud()))
                        .withFingerprint(boolOption(spec, "fingerprint"))
                        .withAnswerTimeout(Duration.ofMillis(intOption(spec, "answerTimeoutMs", 1000)))
                        .withPollInterval(Duration.ofMillis(intOption(spec, "pollMs", 300)));
            } catch (IllegalArgumentException e) {
                throw new DeviceException(Reason.ILLEGAL_STATE,
                        spec.name() + " (" + DRIVER + " " + spec.deviceClass() + "): " + e.getMessage());
            }
        }

        private static int intOption(DeviceSpec spec, String key, int fallback) {
            String v = spec.options().get(key);
            if (v == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
            }
        }

        private static boolean boolOption(DeviceSpec spec, String key) {
            String v = spec.options().getOrDefault(key, "false").trim();
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
            }
            return Boolean.parseBoolean(v);
        }
    }

    private final Settings settings;
    private final SerialLink link;
    private final ReentrantLock io = new ReentrantLock();
    private final SamFrameCodec codec = SamFrameCodec.forAnswers();
    private final IdCardTextParser parser = new IdCardTextParser();
    private final byte[] readBuffer = new byte[4096];
    private final AtomicInteger cardsRead = new AtomicInteger();

    private volatile ScheduledExecutorService poller;
    private volatile String samId;
    private boolean cardInField;  // poll thread only
    private int failedReads;      // poll thread only

    public SamIdCardReader(String name, Settings settings) {
        this(name, settings, new JSerialCommLink(settings.port(), settings.baud()));
    }

    SamIdCardReader(String name, Settings settings, SerialLink link) {
        super(name, DeviceClass.ID_CARD_READER);
        this.settings = settings;
        this.link = link;
    }

    public static SamIdCardReader fromSpec(DeviceSpec spec) throws DeviceException {
        return new SamIdCardReader(spec.name(), Settings.of(spec));
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    @Override
    protected void onOpen() throws DeviceException {
        io.lock();
        try {
            link.open();
            try {
                connectToReader();
            } catch (DeviceException e) {
                link.close();
                throw e;
            }
        } finally {
            io.unlock();
        }
    }

    /** Checks that a reader answers on the open port and learns its SAM id. */
    private void connectToReader() throws DeviceException {
        try {
            SamAnswer status = exchange(SamCommand.STATUS);
            expectSuccess(SamCommand.STATUS, status);
            SamAnswer id = exchange(SamCommand.READ_SAM_ID);
            expectSuccess(SamCommand.READ_SAM_ID, id);
            samId = formatSamId(id.data());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException(Reason.CANCELLED, name() + ": interrupted while connecting to the reader");
        }
    }

    @Override
    protected void onClose() {
        io.lock();
        try {
            link.close();
        } finally {
            io.unlock();
        }
    }

    @Override
    protected void onEnable() {
        if (settings.pollInterval().isZero()) {
            return;
        }
        ScheduledExecutorService p = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idcard-poll-" + name());
            t.setDaemon(true);
            return t;
        });
        long ms = settings.pollInterval().toMillis();
        p.scheduleWithFixedDelay(this::pollSafely, ms, ms, TimeUnit.MILLISECONDS);
        poller = p;
    }

    @Override
    protected void onDisable() {
        ScheduledExecutorService p = poller;
        poller = null;
        if (p != null) {
            p.shutdownNow();
            try {
                p.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    protected String healthDetail() {
        return "SAM reader on " + link.describe() + (link.isOpen() ? "" : " (port closed)")
                + ", SAM " + (samId == null ? "unknown" : samId) + ", " + cardsRead.get() + " cards read";
    }

    // ---- operations --------------------------------------------------------------------------

    @Override
    public IdCard read(Duration timeout) throws DeviceException {
        return perform("read card", timeout.plus(GRACE), () -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            lockPort();
            try {
                while (!cardFound()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new DeviceException(Reason.NO_MEDIA, "no card on the reader (waited "
                                + timeout.toMillis() + " ms); place the card flat on the reader");
                    }
                    Thread.sleep(Math.min(100, TimeUnit.NANOSECONDS.toMillis(left) + 1));
                }
                return readCard();
            } finally {
                io.unlock();
            }
        });
    }

    @Override
    public String samId(Duration timeout) throws DeviceException {
        return perform("read SAM id", timeout.plus(GRACE), () -> {
            lockPort();
            try {
                SamAnswer a = exchange(SamCommand.READ_SAM_ID);
                expectSuccess(SamCommand.READ_SAM_ID, a);
                samId = formatSamId(a.data());
                return samId;
            } finally {
                io.unlock();
            }
        });
    }

    @Override
    public void reset(Duration timeout) throws DeviceException {
        perform("reset SAM", timeout.plus(GRACE), () -> {
            lockPort();
            try {
                expectSuccess(SamCommand.RESET_SAM, exchange(SamCommand.RESET_SAM));
                return null;
            } finally {
                io.unlock();
            }
        });
    }

    /** Asks the reader for its SAM status ({@code 11 FF}); anything but success is an error saying why. */
    public SamStatus status(Duration timeout) throws DeviceException {
        return perform("reader status", timeout.plus(GRACE), () -> {
            lockPort();
            try {
                SamAnswer a = exchange(SamCommand.STATUS);
                expectSuccess(SamCommand.STATUS, a);
                return SamStatus.SUCCESS;
            } finally {
                io.unlock();
            }
        });
    }

    /** The reader's appended (latest) address, when the card has one ({@code 30 03}). */
    public Optional<String> appendedAddress(Duration timeout) throws DeviceException {
        return perform("read appended address", timeout.plus(GRACE), () -> {
            lockPort();
            try {
                SamAnswer a = exchange(SamCommand.READ_APPENDED_ADDRESS);
                if (a.sw3() == SamStatus.NO_CONTENT.code()) {
                    return Optional.empty();
                }
                expectSuccess(SamCommand.READ_APPENDED_ADDRESS, a);
                String address = IdCardTextParser.field(a.data(), 0, a.data().length & ~1);
                return address.isEmpty() ? Optional.empty() : Optional.of(address);
            } finally {
                io.unlock();
            }
        });
    }

    // ---- card presence polling and reconnection ----------------------------------------------

    private void pollSafely() {
        try {
            poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug here must not end the polling: the next tick tries again.
            log.warn("{}: card poll failed: {}", name(), e.toString());
        }
    }

    private void poll() throws InterruptedException {
        if (!io.tryLock()) {
            return; // an operation has the port; look again next tick
        }
        try {
            if (!link.isOpen()) {
                reconnect();
                return;
            }
            if (!state().usable()) {
                return;
            }
            if (!cardFound()) {
                cardInField = false;
                failedReads = 0;
                return;
            }
            if (cardInField) {
                return; // the card read before is still there: one card, one event
            }
            try {
                IdCard card = readCard();
                cardInField = true;
                publishData(card);
            } catch (DeviceException e) {
                if (e.reason() == Reason.OFFLINE) {
                    throw e;
                }
                // A card slid on the reader reads badly once and well the next time; after a few tries, say so.
                if (e.reason() == Reason.INVALID_DATA || ++failedReads >= POLL_RETRIES) {
                    cardInField = true;
                    publish(new ErrorEvent(name(), e.reason(), e.getMessage(), Instant.now()));
                }
            }
        } catch (DeviceException e) {
            if (e.reason() == Reason.OFFLINE || e.reason() == Reason.TIMEOUT) {
                lostReader(e);
            } else {
                log.debug("{}: poll: {}", name(), e.getMessage());
            }
        } finally {
            io.unlock();
        }
    }

    private void reconnect() throws InterruptedException {
        try {
            link.open();
            connectToReader();
            cardInField = false;
            failedReads = 0;
            setState(DeviceState.ONLINE, "reader reconnected on " + link.describe());
            log.info("{}: reader reconnected on {}", name(), link.describe());
        } catch (DeviceException e) {
            link.close();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private void lostReader(DeviceException why) {
        link.close();
        cardInField = false;
        setState(DeviceState.OFFLINE, "reader not answering on " + link.describe() + ": " + why.getMessage());
        log.warn("{}: reader lost: {}", name(), why.getMessage());
    }

    // ---- the protocol ------------------------------------------------------------------------

    private void lockPort() throws InterruptedException, DeviceException {
        io.lockInterruptibly();
        if (!link.isOpen()) {
            io.unlock();
            throw new DeviceException(Reason.OFFLINE, name() + ": the reader is not connected on " + link.describe());
        }
    }

    /** Find card: true for a card in the field, false for none; anything else is an error. */
    private boolean cardFound() throws DeviceException, InterruptedException {
        SamAnswer a = exchange(SamCommand.FIND_CARD);
        if (a.sw3() == SamStatus.NO_CARD.code()) {
            return false;
        }
        expectSuccess(SamCommand.FIND_CARD, a);
        return true;
    }

    /** Select, then read text and photo (and fingerprint when configured), then parse and check. */
    private IdCard readCard() throws DeviceException, InterruptedException {
        expectSuccess(SamCommand.SELECT_CARD, exchange(SamCommand.SELECT_CARD));
        SamCommand read = settings.fingerprint() ? SamCommand.READ_TEXT_PHOTO_FINGERPRINT : SamCommand.READ_TEXT_PHOTO;
        SamAnswer answer = exchange(read);
        expectSuccess(read, answer);
        try {
            IdCard card = parser.parseReadData(answer.data(), settings.fingerprint());
            cardsRead.incrementAndGet();
            return card;
        } finally {
            java.util.Arrays.fill(answer.data(), (byte) 0);
        }
    }

    /**
     * Sends one command and waits for its answer. Input left over from before (noise, a late answer after a
     * timeout) is thrown away first, so an answer always belongs to its command.
     */
    private SamAnswer exchange(SamCommand command) throws DeviceException, InterruptedException {
        try {
            link.discardInput();
            codec.reset();
            link.write(command.frame());
            long timeoutMs = answerTimeoutMs(command);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (true) {
                Optional<byte[]> body = codec.next();
                if (body.isPresent()) {
                    SamAnswer a = SamAnswer.ofBody(body.get());
                    if (a.sw1() != 0 || a.sw2() != 0) {
                        throw new DeviceException(Reason.PROTOCOL, String.format(
                                "the reader answered '%s' with SW1 SW2 = %02X %02X (expected 00 00)",
                                command.description(), a.sw1(), a.sw2()));
                    }
                    return a;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new DeviceException(Reason.TIMEOUT, "the reader on " + link.describe() + " did not answer '"
                            + command.description() + "' within " + timeoutMs + " ms"
                            + codec.truncation().map(t -> ": " + t).orElse(""));
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                int n = link.read(readBuffer, (int) Math.min(left, READ_SLICE_MS));
                codec.feed(readBuffer, 0, n);
            }
        } catch (DeviceException e) {
            if (e.reason() == Reason.OFFLINE) {
                // The port has gone: let go of it, so the poll (when enabled) opens it again once it is back.
                link.close();
                setState(DeviceState.OFFLINE, e.getMessage());
            }
            throw e;
        }
    }

    /** The reader's thinking time plus the wire time of the longest answer the command can have (10 bits a byte). */
    private long answerTimeoutMs(SamCommand command) {
        int bytes = switch (command) {
            case READ_TEXT_PHOTO -> 1300;
            case READ_TEXT_PHOTO_FINGERPRINT -> 2400;
            default -> 100;
        };
        return settings.answerTimeout().toMillis() + bytes * 10_000L / settings.baud();
    }

    private void expectSuccess(SamCommand command, SamAnswer a) throws DeviceException {
        if (a.sw3() == command.successStatus()) {
            return;
        }
        String what = "the reader answered '" + command.description() + "' with: " + SamStatus.describe(a.sw3());
        SamStatus s = SamStatus.of(a.sw3());
        Reason reason = s == null ? Reason.HARDWARE : switch (s) {
            case NO_CARD, SELECT_FAILED, READ_FAILED, RANDOM_FAILED -> Reason.NO_MEDIA;
            case CARD_REJECTED_SAM, SAM_REJECTED_CARD, VERIFICATION_ERROR, UNRECOGNISED_CARD -> Reason.INVALID_DATA;
            case CHECKSUM_ERROR, LENGTH_ERROR, UNKNOWN_COMMAND, NOT_ALLOWED, BAD_PARAMETER -> Reason.PROTOCOL;
            default -> Reason.HARDWARE;
        };
        if (s == SamStatus.SELF_TEST_FAILED || s == SamStatus.NOT_AUTHORISED) {
            setState(DeviceState.HARDWARE_ERROR, what);
        }
        throw new DeviceException(reason, what);
    }

    /**
     * The 16 bytes of a SAM id as vendors print them: two 2-byte and three 4-byte little-endian numbers,
     * {@code 05.01-20240101-0000000001-1234567890}.
     */
    static String formatSamId(byte[] id) throws DeviceException {
        if (id.length != 16) {
            throw new DeviceException(Reason.PROTOCOL, "the SAM id has " + id.length + " bytes where the protocol has 16");
        }
        return String.format("%02d.%02d-%08d-%010d-%010d", le(id, 0, 2), le(id, 2, 2), le(id, 4, 4), le(id, 8, 4),
                le(id, 12, 4));
    }

    private static long le(byte[] b, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    public Settings settings() {
        return settings;
    }
}
