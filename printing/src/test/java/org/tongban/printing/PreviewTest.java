package org.tongban.printing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tongban.devices.printer.PrintJob;

class PreviewTest {

    private static PrintJob threePages;

    @BeforeAll
    static void compose() throws Exception {
        threePages = SampleCertificates.composer(Layout.defaults())
                .compose(SampleCertificates.paymentRecord(80));
    }

    @Test
    void pageRendersAsAnA4PngWithTextOnIt() throws IOException {
        BufferedImage image = decode(Preview.of(threePages).pagePng(1, 72));

        assertThat((double) image.getWidth(), closeTo(595.28, 1.0));
        assertThat((double) image.getHeight() / image.getWidth(), closeTo(297.0 / 210.0, 0.01));
        // the title sits in the top tenth of the page
        assertThat(darkPixels(image, 0, image.getHeight() / 10), greaterThan(100));
        assertThat(darkPixels(image, 0, image.getHeight()), greaterThan(5_000));
    }

    @Test
    void dpiScalesThePicture() throws IOException {
        BufferedImage image = decode(Preview.of(threePages).pagePng(1, 144));

        // A4 is 210 mm = 595.28 pt wide; PDFBox rounds the pixel size down
        assertThat((double) image.getWidth(), closeTo(595.28 * 2, 1.0));
    }

    @Test
    void laterPagesRenderToo() throws IOException {
        Preview preview = Preview.of(threePages);
        BufferedImage last = decode(preview.pagePng(preview.pages(), 50));

        assertThat(preview.pages(), equalTo(threePages.pages()));
        assertThat(darkPixels(last, 0, last.getHeight()), greaterThan(1_000));
    }

    @Test
    void pagesAreCountedFromOne() {
        Preview preview = Preview.of(threePages);

        assertThrows(IllegalArgumentException.class, () -> preview.pagePng(0, 72));
        assertThrows(IllegalArgumentException.class, () -> preview.pagePng(threePages.pages() + 1, 72));
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat("decodes as an image", image != null, equalTo(true));
        return image;
    }

    private static int darkPixels(BufferedImage image, int fromY, int toY) {
        int dark = 0;
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int luma = (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
                if (luma < 128) {
                    dark++;
                }
            }
        }
        return dark;
    }
}
