package org.tongban.devices.printer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.tongban.devices.AbstractDevice;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceState;
import org.tongban.devices.Lifecycle;
import org.tongban.devices.printer.ReceiptPrinterStatus.Paper;

/**
 * The simulator twin of the 80 mm receipt printer: "prints" a receipt as plain UTF-8 text, laid out
 * in 48 columns as the paper would show it, into {@code <outputDir>/<receipt id>.txt}. A test can
 * run the paper low or out, open the cover, jam the cutter or unplug the printer.
 *
 * <p>Plain text shows where things are, not how they look: double-size text is placed as wide as it
 * prints but its letters stay normal, bold is not shown, and a QR code shows as {@code [QR ...]}.
 */
public final class SimulatedReceiptPrinter extends AbstractDevice implements ReceiptPrinter {

    /** Characters per line on 80 mm paper in the normal font (12 dots wide on a 576-dot head). */
    static final int COLUMNS = 48;

    private final Path outputDir;
    private final AtomicInteger printed = new AtomicInteger();
    private volatile Paper paper = Paper.OK;
    private volatile boolean coverOpen;
    private volatile boolean cutterJammed;
    private volatile boolean plugged = true;

    public SimulatedReceiptPrinter(String name, Path outputDir) {
        super(name, DeviceClass.RECEIPT_PRINTER);
        this.outputDir = outputDir;
    }

    // ---- scripting, for tests and the demo -----------------------------------------------------

    public void paperNearEnd() {
        paper = Paper.NEAR_END;
        settle(false);
    }

    public void paperOut() {
        paper = Paper.OUT;
        settle(false);
    }

    /** A new roll is in. */
    public void refill() {
        paper = Paper.OK;
        settle(false);
    }

    public void openCover() {
        coverOpen = true;
        settle(false);
    }

    public void closeCover() {
        coverOpen = false;
        settle(false);
    }

    /** The auto-cutter jams: a HARDWARE_ERROR until {@link #clearJam()}. */
    public void cutterJam() {
        cutterJammed = true;
        settle(false);
    }

    public void clearJam() {
        cutterJammed = false;
        settle(false);
    }

    public void unplug() {
        plugged = false;
        settle(false);
    }

    public void plugIn() {
        plugged = true;
        settle(false);
    }

    public int printed() {
        return printed.get();
    }

    public Path outputDir() {
        return outputDir;
    }

    // ---- the device -----------------------------------------------------------------------------

    @Override
    protected void onOpen() throws DeviceException {
        if (!plugged) {
            throw new DeviceException(DeviceException.Reason.OFFLINE, name() + ": no receipt printer connected");
        }
        try {
            OutputFolder.createPrivate(outputDir);
        } catch (IOException e) {
            throw new DeviceException(DeviceException.Reason.HARDWARE,
                    name() + ": cannot use output folder " + outputDir + ": " + e.getMessage(), e);
        }
        settle(true);
    }

    @Override
    protected void onClose() {
    }

    @Override
    protected String healthDetail() {
        return "simulated 80 mm receipt printer, paper " + paper + ", cover " + (coverOpen ? "open" : "closed") + ", "
                + printed.get() + " receipts printed, output " + outputDir;
    }

    @Override
    public ReceiptPrinterStatus status() {
        return new ReceiptPrinterStatus(paper, coverOpen);
    }

    @Override
    public PrintOutcome print(Receipt receipt, Duration timeout) throws DeviceException {
        return perform("print receipt " + receipt.id(), timeout, () -> {
            // The sensors may have changed since the call was accepted.
            if (!plugged || cutterJammed || !status().canPrint()) {
                settle(false);
                DeviceException.Reason reason = !plugged ? DeviceException.Reason.OFFLINE
                        : cutterJammed ? DeviceException.Reason.HARDWARE : DeviceException.Reason.NO_MEDIA;
                throw new DeviceException(reason, name() + ": cannot print: " + stateDetail());
            }
            Path file = outputDir.resolve(receipt.id() + ".txt");
            try {
                Files.writeString(file, render(receipt), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new DeviceException(DeviceException.Reason.HARDWARE,
                        name() + ": cannot write " + file + ": " + e.getMessage(), e);
            }
            printed.incrementAndGet();
            return new PrintOutcome(receipt.id(), 1, file.toString(), Instant.now());
        });
    }

    /** The receipt as the paper would show it, one text line per printed line. */
    static String render(Receipt receipt) {
        StringBuilder out = new StringBuilder();
        for (Receipt.Line line : receipt.lines()) {
            if (line instanceof Receipt.Text t) {
                // Double-size characters take two columns each, so the line holds half as many.
                int scale = t.size() == Receipt.Size.DOUBLE ? 2 : 1;
                for (String part : wrap(t.text(), COLUMNS / scale)) {
                    int free = COLUMNS - columns(part) * scale;
                    int pad = switch (t.align()) {
                        case LEFT -> 0;
                        case CENTER -> free / 2;
                        case RIGHT -> free;
                    };
                    out.append(" ".repeat(pad)).append(part).append('\n');
                }
            } else if (line instanceof Receipt.QrCode q) {
                for (String part : wrap("[QR " + q.data() + "]", COLUMNS)) {
                    out.append(" ".repeat((COLUMNS - columns(part)) / 2)).append(part).append('\n');
                }
            } else {
                out.append("-".repeat(21)).append(" cut ").append("-".repeat(22)).append('\n');
            }
        }
        return out.toString();
    }

    /** Splits text into pieces at most {@code width} columns wide (an empty text stays one empty line). */
    static List<String> wrap(String text, int width) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int w = columns(cp);
            if (used + w > width && used > 0) {
                parts.add(part.toString());
                part.setLength(0);
                used = 0;
            }
            part.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        parts.add(part.toString());
        return parts;
    }

    static int columns(String text) {
        return text.codePoints().map(SimulatedReceiptPrinter::columns).sum();
    }

    /**
     * Chinese characters and full-width forms print two columns wide on a receipt printer, like in a
     * terminal; these are the East Asian wide ranges that matter for receipts.
     */
    static int columns(int cp) {
        boolean wide = (cp >= 0x1100 && cp <= 0x115F)      // Hangul Jamo
                || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) // CJK radicals .. Yi, incl. punctuation 。，
                || (cp >= 0xAC00 && cp <= 0xD7A3)          // Hangul syllables
                || (cp >= 0xF900 && cp <= 0xFAFF)          // CJK compatibility ideographs
                || (cp >= 0xFE30 && cp <= 0xFE4F)          // CJK compatibility forms
                || (cp >= 0xFF00 && cp <= 0xFF60)          // full-width forms （），：
                || (cp >= 0xFFE0 && cp <= 0xFFE6)          // full-width signs ￥
                || (cp >= 0x20000 && cp <= 0x3FFFD);       // CJK extension B and beyond (rare names)
        return wide ? 2 : 1;
    }

    /** Moves to the state the sensors call for; a closed printer stays OFFLINE until opened. */
    private void settle(boolean opening) {
        if (!opening && lifecycle() == Lifecycle.CLOSED) {
            return;
        }
        if (!plugged) {
            setState(DeviceState.OFFLINE, "receipt printer not connected (unplugged), check its USB cable");
        } else if (cutterJammed) {
            setState(DeviceState.HARDWARE_ERROR, "cutter jammed, open the cover and clear the paper");
        } else if (coverOpen) {
            setState(DeviceState.USER_ERROR, "cover open, close the receipt printer cover");
        } else if (paper == Paper.OUT) {
            setState(DeviceState.USER_ERROR, "paper out, load a new 80 mm roll");
        } else if (paper == Paper.NEAR_END) {
            setState(DeviceState.ONLINE, "paper near end, replace the roll soon");
        } else {
            setState(DeviceState.ONLINE, "ready");
        }
    }
}
