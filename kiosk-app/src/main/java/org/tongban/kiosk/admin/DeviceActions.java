package org.tongban.kiosk.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceRegistry;
import org.tongban.devices.camera.Camera;
import org.tongban.devices.idcard.IdCard;
import org.tongban.devices.idcard.IdCardReader;
import org.tongban.devices.printer.DocumentPrinter;
import org.tongban.devices.printer.PrintJob;
import org.tongban.devices.printer.PrintOutcome;
import org.tongban.devices.printer.Receipt;
import org.tongban.devices.printer.ReceiptPrinter;
import org.tongban.devices.qr.QrCode;
import org.tongban.devices.qr.QrScanner;
import org.tongban.devices.scanner.DocumentScanner;
import org.tongban.devices.scanner.ScanRequest;
import org.tongban.devices.scanner.ScannedPage;
import org.tongban.devices.smartcard.SmartCard;
import org.tongban.devices.smartcard.SmartCardReader;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalKind;

/**
 * What a technician can do to one device from the dashboard: open, close, reset, and a test fit
 * for its class (read a card and show it masked, print a test page, capture a frame, scan a page,
 * read a QR code). Each action is journalled with its outcome; a card's data is shown masked and
 * wiped at once. Blocking: the shell calls it off the FX thread.
 */
public final class DeviceActions {

    /** What an action came to, in words for the dashboard (device words, not citizen-facing text). */
    public record Result(boolean ok, String text) {
    }

    public enum Action { OPEN, CLOSE, RESET, TEST }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final DeviceRegistry devices;
    private final DeviceCounters counters;
    private final Journal journal;
    private final Clock clock;
    private final String terminalId;

    public DeviceActions(DeviceRegistry devices, DeviceCounters counters, Journal journal, Clock clock,
                         String terminalId) {
        this.devices = devices;
        this.counters = counters;
        this.journal = journal;
        this.clock = clock;
        this.terminalId = terminalId;
    }

    public Result run(String deviceName, Action action) {
        Device d = devices.byName(deviceName).orElse(null);
        if (d == null) {
            return new Result(false, "no device " + deviceName);
        }
        Result r;
        try {
            r = switch (action) {
                case OPEN -> {
                    d.openClaimEnable(Duration.ofSeconds(5));
                    yield new Result(true, "opened: " + d.state());
                }
                case CLOSE -> {
                    d.close();
                    yield new Result(true, "closed");
                }
                case RESET -> reset(d);
                case TEST -> test(d);
            };
        } catch (DeviceException e) {
            r = new Result(false, e.reason() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            r = new Result(false, "failed: " + e.getMessage());
        }
        journal.note(JournalKind.DEVICE_ACTION, Map.of("device", deviceName, "action", action.name(),
                "ok", String.valueOf(r.ok())));
        return r;
    }

    private Result reset(Device d) throws DeviceException {
        if (d instanceof IdCardReader r) {
            r.reset(TIMEOUT);
            return new Result(true, "reset: " + d.state());
        }
        // Other classes have no reset command of their own: close and start again.
        d.close();
        d.openClaimEnable(Duration.ofSeconds(5));
        return new Result(true, "restarted: " + d.state());
    }

    private Result test(Device d) throws DeviceException {
        if (d instanceof IdCardReader r) {
            IdCard card = r.read(TIMEOUT);
            try {
                return new Result(true, "card read: " + card.maskedName() + " " + card.maskedIdNumber());
            } finally {
                card.wipe();
            }
        }
        if (d instanceof DocumentPrinter p) {
            PrintOutcome o = p.print(new PrintJob("test-" + clock.millis(), "test page", testPage(), 1, 1), TIMEOUT);
            counters.printed(d.name(), o.sheets());
            return new Result(true, "test page printed: " + o.sheets() + " sheet(s) to " + o.destination());
        }
        if (d instanceof ReceiptPrinter p) {
            PrintOutcome o = p.print(Receipt.builder("test-" + clock.millis()).title("TONGBAN TEST")
                    .left("terminal " + terminalId).left(clock.instant().toString()).cut().build(), TIMEOUT);
            counters.printed(d.name(), 1);
            return new Result(true, "test receipt printed to " + o.destination() + "; paper: " + p.status());
        }
        if (d instanceof Camera c) {
            var f = c.capture(TIMEOUT);
            try {
                return new Result(true, "frame " + f.width() + "x" + f.height() + " " + f.mediaType());
            } finally {
                f.wipe();
            }
        }
        if (d instanceof DocumentScanner s) {
            ScannedPage page = s.scan(ScanRequest.document(), Duration.ofSeconds(60));
            return new Result(true, "page scanned: " + page.widthPixels() + "x" + page.heightPixels() + " at "
                    + page.dpi() + " dpi");
        }
        if (d instanceof QrScanner q) {
            QrCode code = q.read(TIMEOUT);
            return new Result(true, "QR read: " + code.text().length() + " characters, starts "
                    + code.text().substring(0, Math.min(8, code.text().length())));
        }
        if (d instanceof SmartCardReader s) {
            SmartCard card = s.connect(TIMEOUT);
            s.disconnect(TIMEOUT);
            return new Result(true, "card answered: " + card.getClass().getSimpleName());
        }
        var h = d.checkHealth();
        return new Result(h.healthy(), h.text());
    }

    /** One A4 page that says what it is: enough to see the printer feeds, prints and cuts. */
    private byte[] testPage() {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 20);
                cs.newLineAtOffset(72, 760);
                cs.showText("Tongban printer test page");
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(0, -30);
                cs.showText("Terminal " + terminalId + ", " + clock.instant());
                cs.endText();
                cs.addRect(36, 36, PDRectangle.A4.getWidth() - 72, PDRectangle.A4.getHeight() - 72);
                cs.stroke();
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("test page: " + e.getMessage(), e);
        }
    }
}
