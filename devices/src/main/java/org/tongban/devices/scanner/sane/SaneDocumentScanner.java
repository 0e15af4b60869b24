package org.tongban.devices.scanner.sane;

import au.com.southsky.jfreesane.OptionValueType;
import au.com.southsky.jfreesane.SaneDevice;
import au.com.southsky.jfreesane.SaneException;
import au.com.southsky.jfreesane.SaneOption;
import au.com.southsky.jfreesane.SaneSession;
import au.com.southsky.jfreesane.SaneStatus;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.tongban.devices.AbstractDevice;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceException.Reason;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.DeviceState;
import org.tongban.devices.HealthReport;
import org.tongban.devices.scanner.DocumentScanner;
import org.tongban.devices.scanner.ScanRequest;
import org.tongban.devices.scanner.ScannedPage;

/**
 * A flatbed or ADF scanner through SANE: over the network protocol to {@code saned} with jfreesane, or,
 * when configured {@code via: scanimage}, by running SANE's own {@code scanimage} (for backends that saned
 * does not export on a kiosk).
 *
 * <p>SANE's statuses become device states: an empty feeder ({@code SANE_STATUS_NO_DOCS}) is the citizen's
 * next step, so the scan fails with {@code NO_MEDIA} and the scanner stays ONLINE; an open cover is
 * USER_ERROR (staff on site close it), a jam HARDWARE_ERROR. Both are looked at again at the next health
 * check, which cannot see the cover itself: it lets the next scan find out.
 */
public final class SaneDocumentScanner extends AbstractDevice implements DocumentScanner {

    public static final String DRIVER = "sane";

    /**
     * @param device the SANE device name, e.g. {@code test:0} or {@code fujitsu:fi-7160:12345}
     * @param source the SANE {@code source} option value ({@code Flatbed}, {@code Automatic Document Feeder}...), or null
     * @param via {@code saned} or {@code scanimage}
     * @param configDir for scanimage: a {@code SANE_CONFIG_DIR}, or null for the system's
     */
    public record Settings(String device, String host, int port, String source, String via, String configDir) {

        public Settings {
            if (device == null || device.isBlank()) {
                throw new IllegalArgumentException("the scanner needs its SANE device name as port, e.g. test:0 (scanimage -L lists them)");
            }
            if (!"saned".equals(via) && !"scanimage".equals(via)) {
                throw new IllegalArgumentException("via must be saned or scanimage, not '" + via + "'");
            }
        }

        public static Settings saned(String device, String host, int port) {
            return new Settings(device, host, port, null, "saned", null);
        }

        public Settings withSource(String s) {
            return new Settings(device, host, port, s, via, configDir);
        }

        public static Settings scanimage(String device, String configDir) {
            return new Settings(device, null, 0, null, "scanimage", configDir);
        }
    }

    private final Settings settings;
    private final AtomicInteger scans = new AtomicInteger();
    private volatile SaneSession session;
    private volatile SaneDevice device;
    private volatile boolean faultFromScan;

    public SaneDocumentScanner(String name, Settings settings) {
        super(name, DeviceClass.DOCUMENT_SCANNER);
        this.settings = settings;
    }

    /** From {@code devices.yaml}: {@code port} = SANE device; options {@code host, sanePort, source, via, configDir}. */
    public static SaneDocumentScanner fromSpec(DeviceSpec spec) throws DeviceException {
        try {
            return new SaneDocumentScanner(spec.name(), new Settings(spec.port(), spec.option("host", "localhost"),
                    Integer.parseInt(spec.option("sanePort", "6566")), spec.option("source", null),
                    spec.option("via", "saned"), spec.option("configDir", null)));
        } catch (IllegalArgumentException e) {
            throw new DeviceException(Reason.ILLEGAL_STATE, spec.name() + ": " + e.getMessage(), e);
        }
    }

    public int scans() {
        return scans.get();
    }

    @Override
    protected void onOpen() throws DeviceException {
        if ("scanimage".equals(settings.via())) {
            return; // each scan runs scanimage; nothing stays open
        }
        try {
            SaneSession s = SaneSession.withRemoteSane(InetAddress.getByName(settings.host()), settings.port(),
                    5, TimeUnit.SECONDS, 60, TimeUnit.SECONDS);
            SaneDevice d = s.getDevice(settings.device());
            try {
                d.open();
            } catch (SaneException | IOException e) {
                s.close();
                throw e;
            }
            session = s;
            device = d;
        } catch (IOException e) {
            throw new DeviceException(Reason.OFFLINE, name() + ": saned at " + settings.host() + ":" + settings.port()
                    + " not reachable: " + e.getMessage(), e);
        } catch (SaneException e) {
            throw new DeviceException(Reason.OFFLINE, name() + ": SANE device " + settings.device()
                    + " cannot be opened: " + e.getMessage(), e);
        }
    }

    @Override
    protected void onClose() {
        try {
            if (device != null) {
                device.close();
            }
            if (session != null) {
                session.close();
            }
        } catch (IOException e) {
            // closing a connection that is already gone
        } finally {
            device = null;
            session = null;
        }
    }

    @Override
    protected String healthDetail() {
        return "SANE scanner " + settings.device() + " via " + settings.via()
                + ("saned".equals(settings.via()) ? " at " + settings.host() + ":" + settings.port() : "")
                + (settings.source() == null ? "" : ", source " + settings.source()) + ", " + scans.get() + " pages scanned";
    }

    @Override
    public HealthReport checkHealth() {
        if (faultFromScan && lifecycle() != org.tongban.devices.Lifecycle.CLOSED) {
            faultFromScan = false;
            setState(DeviceState.ONLINE, "fault reported at the last scan, scanning again will tell if it is cleared");
        }
        return super.checkHealth();
    }

    @Override
    public ScannedPage scan(ScanRequest request, Duration timeout) throws DeviceException {
        return perform("scan at " + request.dpi() + " dpi", timeout, () -> {
            BufferedImage image = "scanimage".equals(settings.via()) ? viaScanimage(request, timeout) : viaSaned(request);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "png", out);
            } catch (IOException e) {
                throw new DeviceException(Reason.HARDWARE, name() + ": encoding failed: " + e, e);
            }
            scans.incrementAndGet();
            return new ScannedPage(out.toByteArray(), "image/png", image.getWidth(), image.getHeight(), request.dpi(),
                    request.colourMode(), Instant.now());
        });
    }

    private BufferedImage viaSaned(ScanRequest request) throws DeviceException {
        SaneDevice d = device;
        if (d == null) {
            throw new DeviceException(Reason.OFFLINE, name() + ": not connected to saned");
        }
        try {
            set(d, "mode", saneMode(request.colourMode()));
            set(d, "resolution", request.dpi());
            if (settings.source() != null) {
                set(d, "source", settings.source());
            }
            BufferedImage image = d.acquireImage();
            if (image == null) {
                throw new DeviceException(Reason.PROTOCOL, name() + ": saned sent no image");
            }
            return image;
        } catch (SaneException e) {
            throw fromStatus(e.getStatus(), e.getMessage());
        } catch (IOException e) {
            setState(DeviceState.OFFLINE, "connection to saned lost: " + e.getMessage());
            throw new DeviceException(Reason.OFFLINE, name() + ": connection to saned lost: " + e.getMessage(), e);
        }
    }

    private static void set(SaneDevice d, String option, Object value) throws IOException, SaneException {
        SaneOption o = d.getOption(option);
        if (o == null || !o.isActive() || !o.isWriteable()) {
            return; // a scanner without this option scans its own way
        }
        if (value instanceof Integer i) {
            if (o.getType() == OptionValueType.FIXED) {
                o.setFixedValue(i);
            } else {
                o.setIntegerValue(i);
            }
        } else {
            o.setStringValue(value.toString());
        }
    }

    private static String saneMode(ScanRequest.ColourMode mode) {
        return switch (mode) {
            case COLOUR -> "Color";
            case GREYSCALE -> "Gray";
            case BLACK_AND_WHITE -> "Lineart";
        };
    }

    /** What a SANE status means for the kiosk: the error, and the state it leaves the scanner in. */
    DeviceException fromStatus(SaneStatus status, String message) {
        if (status == null) {
            return new DeviceException(Reason.HARDWARE, name() + ": " + message);
        }
        return switch (status) {
            case STATUS_NO_DOCS -> new DeviceException(Reason.NO_MEDIA,
                    name() + ": document feeder empty, place the pages in the feeder");
            case STATUS_COVER_OPEN -> {
                faultFromScan = true;
                setState(DeviceState.USER_ERROR, "scanner cover open, close it");
                yield new DeviceException(Reason.HARDWARE, name() + ": scanner cover open, close it");
            }
            case STATUS_JAMMED -> {
                faultFromScan = true;
                setState(DeviceState.HARDWARE_ERROR, "document feeder jammed, open the feeder and remove the paper");
                yield new DeviceException(Reason.HARDWARE, name() + ": document feeder jammed");
            }
            case STATUS_DEVICE_BUSY -> new DeviceException(Reason.CLAIMED_ELSEWHERE, name() + ": scanner busy");
            case STATUS_CANCELLED -> new DeviceException(Reason.CANCELLED, name() + ": scan cancelled");
            default -> new DeviceException(Reason.HARDWARE, name() + ": SANE " + status + ": " + message);
        };
    }

    private BufferedImage viaScanimage(ScanRequest request, Duration timeout) throws DeviceException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("scanimage", "-d", settings.device(), "--format=png",
                "--mode", saneMode(request.colourMode()), "--resolution", Integer.toString(request.dpi())));
        if (settings.source() != null) {
            cmd.addAll(List.of("--source", settings.source()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (settings.configDir() != null) {
            pb.environment().put("SANE_CONFIG_DIR", settings.configDir());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new DeviceException(Reason.OFFLINE, name() + ": scanimage cannot run (install sane-utils): " + e.getMessage(), e);
        }
        try (InputStream out = p.getInputStream(); InputStream err = p.getErrorStream()) {
            byte[] png = out.readAllBytes();
            String errors = new String(err.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DeviceException(Reason.TIMEOUT, name() + ": scanimage did not finish");
            }
            if (p.exitValue() != 0 || png.length == 0) {
                throw fromStatus(statusIn(errors), errors.strip());
            }
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new DeviceException(Reason.PROTOCOL, name() + ": scanimage gave no readable PNG");
            }
            return image;
        } catch (IOException e) {
            throw new DeviceException(Reason.HARDWARE, name() + ": scanimage failed: " + e.getMessage(), e);
        } finally {
            p.destroyForcibly();
        }
    }

    /** scanimage prints sane_strstatus() texts; these are SANE's own words for the three we map. */
    static SaneStatus statusIn(String stderr) {
        String s = stderr.toLowerCase(Locale.ROOT);
        if (s.contains("out of documents")) {
            return SaneStatus.STATUS_NO_DOCS;
        } else if (s.contains("cover is open")) {
            return SaneStatus.STATUS_COVER_OPEN;
        } else if (s.contains("jammed")) {
            return SaneStatus.STATUS_JAMMED;
        } else if (s.contains("device busy")) {
            return SaneStatus.STATUS_DEVICE_BUSY;
        }
        return null;
    }
}
