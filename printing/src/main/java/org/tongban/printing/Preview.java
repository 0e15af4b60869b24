package org.tongban.printing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.tongban.devices.printer.PrintJob;

/**
 * Pictures of a composed document's pages, for the on-screen preview before printing.
 * Pages are numbered from 1, as in the footer the citizen reads.
 */
public final class Preview {

    private final byte[] pdf;

    public Preview(byte[] pdf) {
        this.pdf = Objects.requireNonNull(pdf, "pdf");
    }

    public static Preview of(PrintJob job) {
        return new Preview(job.pdf());
    }

    /**
     * Page {@code page} as PNG at {@code dpi} dots per inch (96 suits a kiosk screen; an A4 page
     * is then about 794 x 1123 pixels).
     */
    public byte[] pagePng(int page, float dpi) {
        if (dpi <= 0 || dpi > 600) {
            // beyond 600 dpi one A4 page is over 100 megapixels: a mistake, not a preview
            throw new IllegalArgumentException("dpi must be in (0, 600]: " + dpi);
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int pages = document.getNumberOfPages();
            if (page < 1 || page > pages) {
                throw new IllegalArgumentException("page " + page + " of a " + pages + "-page document");
            }
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(page - 1, dpi, ImageType.RGB);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render page " + page + " for preview", e);
        }
    }

    public int pages() {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException("not a readable PDF", e);
        }
    }
}
