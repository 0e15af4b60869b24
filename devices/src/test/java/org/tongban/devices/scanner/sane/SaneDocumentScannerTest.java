package org.tongban.devices.scanner.sane;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import au.com.southsky.jfreesane.SaneStatus;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceState;
import org.tongban.devices.scanner.ScanRequest;
import org.tongban.devices.scanner.ScannedPage;

/**
 * The SANE driver against a real {@code saned} on loopback serving SANE's {@code test} backend (from
 * sane-utils and libsane1, which .ci/test installs): the test's own SANE_CONFIG_DIR enables only that backend
 * and allows only 127.0.0.1.
 */
class SaneDocumentScannerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ADF = "Automatic Document Feeder";

    @TempDir
    Path config;
    private Saned saned;
    private int port;
    private SaneDocumentScanner scanner;

    @BeforeEach
    void startSaned() throws Exception {
        saned = Saned.start(config);
        port = saned.port();
    }

    @AfterEach
    void stop() throws Exception {
        if (scanner != null) {
            scanner.close();
        }
        if (saned != null) {
            saned.close();
        }
    }

    private SaneDocumentScanner open(SaneDocumentScanner.Settings settings) throws DeviceException {
        scanner = new SaneDocumentScanner("scanner", settings);
        scanner.openClaimEnable(Duration.ofSeconds(2));
        return scanner;
    }

    private static BufferedImage image(ScannedPage page) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(page.image()));
    }

    @Test
    void aFlatbedScanThroughSaned() throws Exception {
        open(SaneDocumentScanner.Settings.saned("test:0", "127.0.0.1", port));
        ScannedPage page = scanner.scan(new ScanRequest(75, ScanRequest.ColourMode.COLOUR), TIMEOUT);
        BufferedImage image = image(page);
        assertThat(page.mediaType(), is("image/png"));
        assertThat(image.getWidth(), is(page.widthPixels()));
        assertThat(image.getWidth(), greaterThan(100));
        assertThat(scanner.state(), is(DeviceState.ONLINE));
    }

    @Test
    void anAdfThatRunsOutOfPaperReportsFeederEmpty() throws Exception {
        open(SaneDocumentScanner.Settings.saned("test:0", "127.0.0.1", port).withSource(ADF));
        ScanRequest request = new ScanRequest(75, ScanRequest.ColourMode.GREYSCALE);
        int pages = 0;
        DeviceException empty = null;
        while (empty == null && pages < 20) {
            try {
                scanner.scan(request, TIMEOUT);
                pages++;
            } catch (DeviceException e) {
                empty = e;
            }
        }
        assertThat(pages, is(10)); // the test backend's feeder holds ten sheets
        assertThat(empty.reason(), is(DeviceException.Reason.NO_MEDIA));
        assertThat(empty.getMessage(), containsString("feeder empty"));
        assertThat(scanner.state(), is(DeviceState.ONLINE)); // the citizen's next step, not a fault
    }

    @Test
    void noSanedIsOffline() throws Exception {
        saned.close();
        scanner = new SaneDocumentScanner("scanner", SaneDocumentScanner.Settings.saned("test:0", "127.0.0.1", port));
        DeviceException e = assertThrows(DeviceException.class, scanner::open);
        assertThat(e.reason(), is(DeviceException.Reason.OFFLINE));
        assertThat(e.getMessage(), containsString("saned"));
    }

    @Test
    void scanimageAsTheFallback() throws Exception {
        open(SaneDocumentScanner.Settings.scanimage("test:0", config.toString()));
        ScannedPage page = scanner.scan(new ScanRequest(75, ScanRequest.ColourMode.GREYSCALE), TIMEOUT);
        assertThat(image(page).getHeight(), greaterThan(100));
    }

    @Test
    void saneStatusesBecomeDeviceStates() throws Exception {
        open(SaneDocumentScanner.Settings.scanimage("test:0", config.toString()));
        assertThat(scanner.fromStatus(SaneStatus.STATUS_NO_DOCS, "").reason(), is(DeviceException.Reason.NO_MEDIA));
        assertThat(scanner.state(), is(DeviceState.ONLINE));
        scanner.fromStatus(SaneStatus.STATUS_COVER_OPEN, "");
        assertThat(scanner.state(), is(DeviceState.USER_ERROR));
        scanner.checkHealth(); // the next health check lets the next scan find out again
        assertThat(scanner.state(), is(DeviceState.ONLINE));
        assertThat(scanner.fromStatus(SaneStatus.STATUS_JAMMED, "").reason(), is(DeviceException.Reason.HARDWARE));
        assertThat(scanner.state(), is(DeviceState.HARDWARE_ERROR));
        for (String line : List.of("scanimage: sane_start: Document feeder out of documents",
                "scanimage: sane_read: Scanner cover is open", "scanimage: sane_start: Document feeder jammed")) {
            assertThat(line, SaneDocumentScanner.statusIn(line) != null, is(true));
        }
    }
}
