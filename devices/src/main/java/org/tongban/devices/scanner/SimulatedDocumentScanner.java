package org.tongban.devices.scanner;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.simulation.SimulatedDevice;

/**
 * The simulator twin of a flatbed scanner with an A4 glass. A test places a page (any image,
 * taken to cover the whole A4 sheet) or a generated sample form, takes it away, jams the feeder
 * or unplugs the scanner. A scan resamples the page to the requested dpi and colour mode and
 * returns it as PNG.
 */
public final class SimulatedDocumentScanner extends SimulatedDevice implements DocumentScanner {

    private static final double A4_WIDTH_MM = 210;
    private static final double A4_HEIGHT_MM = 297;
    private static final double MM_PER_INCH = 25.4;

    private final AtomicInteger scans = new AtomicInteger();
    private volatile BufferedImage onGlass;

    public SimulatedDocumentScanner(String name) {
        super(name, DeviceClass.DOCUMENT_SCANNER, "scanner");
    }

    // ---- scripting, for tests and the demo -----------------------------------------------------

    /**
     * Lays a page on the glass; {@code image} (PNG, JPEG, ...) is stretched over the whole A4 sheet.
     *
     * @throws IllegalArgumentException when the bytes are not an image ImageIO can read
     */
    public void placePage(byte[] image) {
        BufferedImage page;
        try {
            page = ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable image: " + e.getMessage(), e);
        }
        if (page == null) {
            throw new IllegalArgumentException("not an image format ImageIO can read");
        }
        onGlass = page;
    }

    /** Lays a generated form on the glass: a white sheet with a title bar, ruled lines and a photo box. */
    public void placeSamplePage() {
        BufferedImage page = new BufferedImage(210, 297, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 210, 297);
            g.setColor(Color.BLACK);
            g.fillRect(20, 15, 170, 12);
            for (int y = 50; y < 280; y += 15) {
                g.drawLine(20, y, 190, y);
            }
            g.setColor(new Color(120, 140, 200));
            g.fillRect(150, 35, 35, 45);
        } finally {
            g.dispose();
        }
        onGlass = page;
    }

    public void removePage() {
        onGlass = null;
    }

    /** The document feeder jams: HARDWARE_ERROR until {@link #clearJam()}. */
    public void jam() {
        breakDown("document feeder jammed, open the feeder and remove the paper");
    }

    public void clearJam() {
        repair();
    }

    public int scans() {
        return scans.get();
    }

    // ---- the device --------------------------------------------------------------------------

    @Override
    protected String healthDetail() {
        return "simulated A4 flatbed scanner, " + (onGlass == null ? "glass empty" : "page on the glass") + ", "
                + scans.get() + " pages scanned";
    }

    @Override
    public ScannedPage scan(ScanRequest request, Duration timeout) throws DeviceException {
        return perform("scan at " + request.dpi() + " dpi", timeout, () -> {
            throwScriptedFailure();
            if (faulty()) {
                throw new DeviceException(DeviceException.Reason.HARDWARE, name() + ": document feeder jammed");
            }
            BufferedImage page = onGlass;
            if (page == null) {
                throw new DeviceException(DeviceException.Reason.NO_MEDIA,
                        name() + ": nothing on the glass, place the document face down");
            }
            BufferedImage scanned = resample(page, request);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ImageIO.write(scanned, "png", out);
            } catch (IOException e) {
                throw new DeviceException(DeviceException.Reason.HARDWARE, name() + ": encoding failed: " + e, e);
            }
            scans.incrementAndGet();
            return new ScannedPage(out.toByteArray(), "image/png", scanned.getWidth(), scanned.getHeight(),
                    request.dpi(), request.colourMode(), Instant.now());
        });
    }

    /** The A4 sheet at the requested dpi, in an image type that stores exactly the requested colours. */
    private static BufferedImage resample(BufferedImage page, ScanRequest request) {
        int width = (int) Math.round(A4_WIDTH_MM / MM_PER_INCH * request.dpi());
        int height = (int) Math.round(A4_HEIGHT_MM / MM_PER_INCH * request.dpi());
        int type = switch (request.colourMode()) {
            case COLOUR -> BufferedImage.TYPE_INT_RGB;
            case GREYSCALE -> BufferedImage.TYPE_BYTE_GRAY;
            case BLACK_AND_WHITE -> BufferedImage.TYPE_BYTE_BINARY;
        };
        BufferedImage scanned = new BufferedImage(width, height, type);
        Graphics2D g = scanned.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(page, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scanned;
    }
}
