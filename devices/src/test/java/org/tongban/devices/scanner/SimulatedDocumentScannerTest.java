package org.tongban.devices.scanner;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceException.Reason;
import org.tongban.devices.DeviceState;
import org.tongban.devices.scanner.ScanRequest.ColourMode;

class SimulatedDocumentScannerTest {

    private static final Duration SECOND = Duration.ofSeconds(2);
    private static final ScanRequest LOW_COLOUR = new ScanRequest(75, ColourMode.COLOUR);

    private final SimulatedDocumentScanner scanner = new SimulatedDocumentScanner("scanner");

    @BeforeEach
    void start() throws DeviceException {
        scanner.openClaimEnable(SECOND);
    }

    @AfterEach
    void stop() {
        scanner.close();
    }

    private static Reason reasonOf(Executable call) {
        return assertThrows(DeviceException.class, call).reason();
    }

    private static BufferedImage decode(ScannedPage page) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(page.image()));
    }

    /** A small red image, as a test would load a photo of a certificate. */
    private static byte[] redPng() throws IOException {
        BufferedImage red = new BufferedImage(40, 60, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = red.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 40, 60);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(red, "png", out);
        return out.toByteArray();
    }

    @Test
    void anEmptyGlassIsNoMediaAndNotAFault() {
        assertThat(reasonOf(() -> scanner.scan(LOW_COLOUR, SECOND)), is(Reason.NO_MEDIA));
        assertThat(scanner.checkHealth().healthy(), is(true));
        assertThat(scanner.checkHealth().text(), containsString("glass empty"));
    }

    @Test
    void aPlacedPageIsScannedAsAnA4SheetAtTheRequestedResolution() throws Exception {
        scanner.placePage(redPng());
        ScannedPage page = scanner.scan(LOW_COLOUR, SECOND);
        // 210 x 297 mm at 75 dpi
        assertThat(page.widthPixels(), is(620));
        assertThat(page.heightPixels(), is(877));
        assertThat(page.dpi(), is(75));
        assertThat(page.mediaType(), is("image/png"));
        BufferedImage image = decode(page);
        assertThat(image.getWidth(), is(620));
        assertThat(new Color(image.getRGB(300, 400)), is(Color.RED));

        ScannedPage sharper = scanner.scan(new ScanRequest(150, ColourMode.COLOUR), SECOND);
        assertThat(sharper.widthPixels(), is(1240));
        assertThat("the page stays on the glass", scanner.scans(), is(2));
    }

    @Test
    void colourModesGiveTheMatchingPixelDepth() throws Exception {
        scanner.placeSamplePage();
        assertThat(decode(scanner.scan(LOW_COLOUR, SECOND)).getColorModel().getPixelSize(), is(24));
        ScannedPage grey = scanner.scan(new ScanRequest(75, ColourMode.GREYSCALE), SECOND);
        assertThat(decode(grey).getColorModel().getPixelSize(), is(8));
        ScannedPage blackAndWhite = scanner.scan(new ScanRequest(75, ColourMode.BLACK_AND_WHITE), SECOND);
        assertThat(decode(blackAndWhite).getColorModel().getPixelSize(), is(1));
        assertThat(blackAndWhite.colourMode(), is(ColourMode.BLACK_AND_WHITE));
        assertThat(blackAndWhite.image().length, lessThan(grey.image().length));
    }

    @Test
    void removingThePageEmptiesTheGlass() throws Exception {
        scanner.placeSamplePage();
        scanner.scan(LOW_COLOUR, SECOND);
        scanner.removePage();
        assertThat(reasonOf(() -> scanner.scan(LOW_COLOUR, SECOND)), is(Reason.NO_MEDIA));
    }

    @Test
    void aJamIsAHardwareErrorUntilCleared() throws Exception {
        scanner.placeSamplePage();
        scanner.jam();
        assertThat(scanner.state(), is(DeviceState.HARDWARE_ERROR));
        assertThat(reasonOf(() -> scanner.scan(LOW_COLOUR, SECOND)), is(Reason.HARDWARE));
        assertThat(scanner.checkHealth().text(), containsString("jammed"));
        scanner.clearJam();
        assertThat(scanner.scan(LOW_COLOUR, SECOND).dpi(), is(75));
    }

    @Test
    void anUnpluggedScannerIsOfflineUntilPluggedIn() throws Exception {
        scanner.placeSamplePage();
        scanner.unplug();
        assertThat(scanner.state(), is(DeviceState.OFFLINE));
        assertThat(reasonOf(() -> scanner.scan(LOW_COLOUR, SECOND)), is(Reason.OFFLINE));
        scanner.plugIn();
        assertThat(scanner.scan(LOW_COLOUR, SECOND).heightPixels(), is(877));
    }

    @Test
    void requestsAndPagesAreChecked() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new ScanRequest(30, ColourMode.COLOUR));
        assertThrows(IllegalArgumentException.class, () -> scanner.placePage(new byte[] {1, 2, 3}));
        assertThat(ScanRequest.document().dpi(), is(300));
    }

    @Test
    void aScannedPageNeverPrintsItsBytesAndCanBeWiped() throws Exception {
        scanner.placeSamplePage();
        ScannedPage page = scanner.scan(LOW_COLOUR, SECOND);
        assertThat(page.toString(), containsString("620x877 at 75 dpi"));
        assertThat(page.toString().length(), lessThan(100));
        page.wipe();
        assertArrayEquals(new byte[page.image().length], page.image());
    }
}
