package org.tongban.devices.smartcard;

import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.AbstractDevice;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceException.Reason;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.DeviceState;

/**
 * A contact card reader on PC/SC (javax.smartcardio, over pcscd on Linux).
 *
 * <p>While enabled it watches the slot and publishes {@link CardSlotChange}s; it notices the reader or the
 * PC/SC service going away (OFFLINE) and picks them up again. Status words 61xx and 6Cxx are dealt with
 * here ({@link ApduExchange}), so callers see the card's final answer.
 *
 * <p>Why it is longer than 400 lines: the PC/SC session (reader watch, card presence, APDU exchange for the bank and the social security
 * application) shares one card channel; the applications' file layouts already live in their own classes.
 */
public final class PcscSmartCardReader extends AbstractDevice implements SmartCardReader {

    /** The driver name in {@code devices.yaml}. */
    public static final String DRIVER = "pcsc";

    private static final Logger log = LoggerFactory.getLogger(PcscSmartCardReader.class);
    private static final Duration GRACE = Duration.ofMillis(500);

    /** Where the PC/SC terminals come from: the real service, or a test's factory. */
    private final Supplier<TerminalFactory> factories;
    private final String wantedReader;
    private final Duration pollInterval;
    private final Object slot = new Object();
    private final AtomicInteger exchanged = new AtomicInteger();

    private volatile CardTerminal terminal;
    private Card card;               // guarded by slot
    private CardChannel channel;     // guarded by slot
    private volatile boolean present;
    private volatile byte[] lastAtr = new byte[0];
    private volatile ScheduledExecutorService poller;

    /**
     * @param reader the PC/SC reader name, or the start of it (pcscd appends slot numbers); null or blank for the
     *        first reader
     * @param pollInterval how often an enabled reader looks at its slot; zero for no watching (the command line)
     */
    public PcscSmartCardReader(String name, String reader, Duration pollInterval) {
        this(name, reader, pollInterval, PcscSmartCardReader::pcscFactory);
    }

    PcscSmartCardReader(String name, String reader, Duration pollInterval, Supplier<TerminalFactory> factories) {
        super(name, DeviceClass.SMART_CARD_READER);
        this.wantedReader = reader == null || reader.isBlank() ? null : reader;
        this.pollInterval = pollInterval;
        this.factories = factories;
    }

    /** From {@code devices.yaml}: {@code port} is the reader name (optional), option {@code pollMs} (default 250). */
    public static PcscSmartCardReader fromSpec(DeviceSpec spec) throws DeviceException {
        String poll = spec.option("pollMs", "250");
        try {
            int ms = Integer.parseInt(poll.trim());
            if (ms < 0) {
                throw new NumberFormatException();
            }
            return new PcscSmartCardReader(spec.name(), spec.port(), Duration.ofMillis(ms));
        } catch (NumberFormatException e) {
            throw new DeviceException(Reason.ILLEGAL_STATE, spec.name() + " (" + DRIVER + " " + spec.deviceClass()
                    + "): pollMs must be a whole number of milliseconds, got '" + poll + "'");
        }
    }

    /** A fresh PC/SC context, so a restarted pcscd is picked up (the JDK's default factory is cached for good). */
    private static TerminalFactory pcscFactory() {
        try {
            return TerminalFactory.getInstance("PC/SC", null);
        } catch (NoSuchAlgorithmException e) {
            // What getDefault() hides behind its "None" factory: no libpcsclite, or no pcscd to talk to.
            return TerminalFactory.getDefault();
        }
    }

    // ---- readers -----------------------------------------------------------------------------

    /** The names of the PC/SC readers attached now. */
    public static List<String> readerNames() throws DeviceException {
        return readerNames(PcscSmartCardReader::pcscFactory);
    }

    static List<String> readerNames(Supplier<TerminalFactory> factories) throws DeviceException {
        TerminalFactory f = factories.get();
        if ("None".equals(f.getType())) {
            throw serviceNotRunning(null);
        }
        try {
            return f.terminals().list().stream().map(CardTerminal::getName).toList();
        } catch (CardException e) {
            if (pcscCode(e).equals("SCARD_E_NO_READERS_AVAILABLE")) {
                return List.of();
            }
            throw translate(e, "list the card readers");
        }
    }

    private CardTerminal findTerminal() throws DeviceException {
        TerminalFactory f = factories.get();
        if ("None".equals(f.getType())) {
            throw serviceNotRunning(null);
        }
        List<CardTerminal> all;
        try {
            all = f.terminals().list();
        } catch (CardException e) {
            if (pcscCode(e).equals("SCARD_E_NO_READERS_AVAILABLE")) {
                all = List.of();
            } else {
                throw translate(e, "list the card readers");
            }
        }
        if (all.isEmpty()) {
            throw new DeviceException(Reason.OFFLINE,
                    "no smart card reader attached (the PC/SC service runs but lists no readers; check the USB cable)");
        }
        if (wantedReader == null) {
            return all.get(0);
        }
        for (CardTerminal t : all) {
            if (t.getName().equals(wantedReader) || t.getName().startsWith(wantedReader)) {
                return t;
            }
        }
        throw new DeviceException(Reason.OFFLINE, "no smart card reader named '" + wantedReader + "' (attached: "
                + all.stream().map(CardTerminal::getName).toList() + ")");
    }

    private static DeviceException serviceNotRunning(Throwable cause) {
        return new DeviceException(Reason.OFFLINE, "PC/SC service not running: pcscd does not answer "
                + "(start it, e.g. 'pcscd' or 'systemctl start pcscd.socket')", cause);
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    @Override
    protected void onOpen() throws DeviceException {
        terminal = findTerminal();
        present = cardPresentNow();
    }

    @Override
    protected void onClose() {
        synchronized (slot) {
            releaseCard();
        }
        terminal = null;
    }

    @Override
    protected void onEnable() {
        if (pollInterval.isZero()) {
            return;
        }
        ScheduledExecutorService p = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smartcard-poll-" + name());
            t.setDaemon(true);
            return t;
        });
        long ms = pollInterval.toMillis();
        p.scheduleWithFixedDelay(this::watchSlot, ms, ms, TimeUnit.MILLISECONDS);
        poller = p;
    }

    @Override
    protected void onDisable() {
        ScheduledExecutorService p = poller;
        poller = null;
        if (p != null) {
            p.shutdownNow();
        }
    }

    @Override
    protected String healthDetail() {
        CardTerminal t = terminal;
        return "PC/SC reader " + (t == null ? "not found" : "'" + t.getName() + "'") + ", "
                + (present ? "card in slot" : "no card") + ", " + exchanged.get() + " APDUs exchanged";
    }

    // ---- slot watching -----------------------------------------------------------------------

    private void watchSlot() {
        try {
            if (terminal == null || state() == DeviceState.OFFLINE) {
                terminal = findTerminal();
                present = cardPresentNow();
                setState(DeviceState.ONLINE, "card reader reconnected: " + terminal.getName());
                return;
            }
            boolean now = cardPresentNow();
            if (now == present) {
                return;
            }
            present = now;
            if (now) {
                byte[] atr = peekAtr();
                lastAtr = atr;
                publishData(CardSlotChange.of(CardSlotChange.Change.INSERTED, atr));
            } else {
                synchronized (slot) {
                    releaseCard();
                }
                publishData(CardSlotChange.of(CardSlotChange.Change.REMOVED, lastAtr));
            }
        } catch (DeviceException e) {
            if (e.reason() == Reason.OFFLINE) {
                if (state() != DeviceState.OFFLINE) {
                    log.warn("{}: {}", name(), e.getMessage());
                }
                terminal = null;
                present = false;
                setState(DeviceState.OFFLINE, e.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("{}: slot watch failed: {}", name(), e.toString());
        }
    }

    private boolean cardPresentNow() throws DeviceException {
        CardTerminal t = terminal;
        if (t == null) {
            throw new DeviceException(Reason.OFFLINE, name() + ": no card reader");
        }
        try {
            return t.isCardPresent();
        } catch (CardException e) {
            throw translate(e, "look at the card slot");
        }
    }

    /** The ATR of a card just inserted: the connection made for it is kept for the flow that follows. */
    private byte[] peekAtr() {
        synchronized (slot) {
            try {
                if (card == null) {
                    card = terminal.connect("*");
                    channel = card.getBasicChannel();
                }
                return card.getATR().getBytes();
            } catch (CardException | RuntimeException e) {
                return new byte[0];
            }
        }
    }

    // ---- operations --------------------------------------------------------------------------

    @Override
    public boolean cardPresent() {
        return present;
    }

    @Override
    public SmartCard connect(Duration timeout) throws DeviceException {
        return perform("connect to card", timeout.plus(GRACE), () -> {
            CardTerminal t = terminal;
            if (t == null) {
                throw new DeviceException(Reason.OFFLINE, name() + ": no card reader");
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                // In slices, so cancel and timeout are noticed while waiting.
                while (!t.waitForCardPresent(100)) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                    if (System.nanoTime() > deadline) {
                        throw new DeviceException(Reason.NO_MEDIA, "no card in the reader (waited "
                                + timeout.toMillis() + " ms); insert the card chip first");
                    }
                }
                synchronized (slot) {
                    if (card == null) {
                        card = t.connect("*");
                        channel = card.getBasicChannel();
                    }
                    byte[] atr = card.getATR().getBytes();
                    lastAtr = atr;
                    present = true;
                    return new SmartCard(atr, "T=1".equals(card.getProtocol()) ? SmartCard.Protocol.T1
                            : SmartCard.Protocol.T0, Instant.now());
                }
            } catch (CardException e) {
                throw translate(e, "connect to the card");
            }
        });
    }

    @Override
    public ApduResponse transmit(byte[] commandApdu, Duration timeout) throws DeviceException {
        if (commandApdu == null || commandApdu.length < 4) {
            throw new IllegalArgumentException("a command APDU has at least CLA INS P1 P2");
        }
        byte[] command = commandApdu.clone();
        return perform("transmit APDU", timeout.plus(GRACE), () -> {
            synchronized (slot) {
                if (channel == null) {
                    throw new DeviceException(Reason.ILLEGAL_STATE, name() + ": not connected to a card, call connect first");
                }
                CardChannel c = channel;
                ApduResponse r = new ApduExchange(this::sendRaw).exchange(command);
                if (c != channel) {
                    throw new DeviceException(Reason.NO_MEDIA, name() + ": the card was taken out");
                }
                return r;
            }
        });
    }

    private ApduResponse sendRaw(byte[] command) throws DeviceException {
        try {
            ResponseAPDU r = channel.transmit(new CommandAPDU(command));
            exchanged.incrementAndGet();
            return ApduResponse.fromBytes(r.getBytes());
        } catch (IllegalArgumentException e) {
            throw new DeviceException(Reason.ILLEGAL_STATE, "not a valid command APDU: " + e.getMessage());
        } catch (CardException e) {
            DeviceException d = translate(e, "talk to the card");
            if (d.reason() != Reason.NO_MEDIA && d.reason() != Reason.OFFLINE && !stillPresent()) {
                // Some readers report a card pulled mid-command as a failed transaction: say what happened.
                d = new DeviceException(Reason.NO_MEDIA, "the card was taken out while talking to it ("
                        + pcscCode(e) + ")", e);
            }
            if (d.reason() == Reason.NO_MEDIA) {
                releaseCard();
            }
            throw d;
        }
    }

    private boolean stillPresent() {
        try {
            CardTerminal t = terminal;
            return t != null && t.isCardPresent();
        } catch (CardException e) {
            return false;
        }
    }

    @Override
    public void disconnect(Duration timeout) throws DeviceException {
        perform("disconnect card", timeout.plus(GRACE), () -> {
            synchronized (slot) {
                releaseCard();
            }
            return null;
        });
    }

    private void releaseCard() {
        Card c = card;
        card = null;
        channel = null;
        if (c != null) {
            try {
                c.disconnect(false);
            } catch (CardException | RuntimeException e) {
                // the card or the reader is gone already: nothing left to let go of
            }
        }
    }

    public String readerName() {
        CardTerminal t = terminal;
        return t == null ? null : t.getName();
    }

    // ---- errors ------------------------------------------------------------------------------

    /** The PC/SC error name in a CardException (the JDK puts it in the cause's message). */
    private static String pcscCode(CardException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            int at = m.indexOf("SCARD_");
            if (at >= 0) {
                int end = at;
                while (end < m.length() && (Character.isLetterOrDigit(m.charAt(end)) || m.charAt(end) == '_')) {
                    end++;
                }
                return m.substring(at, end);
            }
        }
        return "";
    }

    private static DeviceException translate(CardException e, String what) {
        String code = pcscCode(e);
        return switch (code) {
            case "SCARD_E_NO_SERVICE", "SCARD_E_SERVICE_STOPPED" -> serviceNotRunning(e);
            case "SCARD_E_READER_UNAVAILABLE", "SCARD_E_UNKNOWN_READER", "SCARD_E_NO_READERS_AVAILABLE" ->
                    new DeviceException(Reason.OFFLINE, "the card reader went away while trying to " + what
                            + " (" + code + "; check its USB cable)", e);
            case "SCARD_W_REMOVED_CARD", "SCARD_E_NO_SMARTCARD", "SCARD_W_RESET_CARD" ->
                    new DeviceException(Reason.NO_MEDIA, "the card was taken out while trying to " + what
                            + " (" + code + ")", e);
            case "SCARD_W_UNRESPONSIVE_CARD", "SCARD_W_UNPOWERED_CARD", "SCARD_E_PROTO_MISMATCH" ->
                    new DeviceException(Reason.INVALID_DATA, "the card does not respond (inserted the wrong way "
                            + "round, or not a chip card?) while trying to " + what + " (" + code + ")", e);
            case "SCARD_E_TIMEOUT" -> new DeviceException(Reason.TIMEOUT, "the card reader timed out while trying to "
                    + what, e);
            case "SCARD_E_SHARING_VIOLATION" -> new DeviceException(Reason.CLAIMED_ELSEWHERE,
                    "another program is using the card reader", e);
            default -> new DeviceException(Reason.HARDWARE, "PC/SC failed to " + what + ": "
                    + (code.isEmpty() ? e.getMessage() : code), e);
        };
    }
}
