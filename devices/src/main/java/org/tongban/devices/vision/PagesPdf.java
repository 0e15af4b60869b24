package org.tongban.devices.vision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The captured pages as one PDF (one A4 page per picture, JPEG inside), small enough to upload as one
 * attachment: when it comes out over the limit, the pictures are recompressed at lower JPEG quality and
 * then at lower resolution until it fits.
 */
public final class PagesPdf {

    private PagesPdf() {
    }

    /**
     * @param pages pictures of the pages, each already upright (BGR Mats, not released here)
     * @param maxBytes the attachment limit
     * @throws IllegalArgumentException when even the smallest rendering does not fit
     */
    public static byte[] of(List<org.opencv.core.Mat> pages, int maxBytes) throws IOException {
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("no pages to put in a PDF");
        }
        int[][] tries = {{85, 1600}, {70, 1400}, {55, 1200}, {45, 1000}, {35, 800}};
        for (int[] t : tries) {
            byte[] pdf = render(pages, t[0], t[1]);
            if (pdf.length <= maxBytes) {
                return pdf;
            }
        }
        throw new IllegalArgumentException(pages.size() + " pages do not fit in " + maxBytes
                + " bytes even at low quality: capture fewer pages");
    }

    private static byte[] render(List<org.opencv.core.Mat> pages, int quality, int longSide) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (org.opencv.core.Mat page : pages) {
                double scale = Math.min(1.0, (double) longSide / Math.max(page.cols(), page.rows()));
                org.opencv.core.Mat scaled = new org.opencv.core.Mat();
                byte[] jpeg;
                try {
                    org.opencv.imgproc.Imgproc.resize(page, scaled, new org.opencv.core.Size(
                            Math.max(1, Math.round(page.cols() * scale)), Math.max(1, Math.round(page.rows() * scale))),
                            0, 0, org.opencv.imgproc.Imgproc.INTER_AREA);
                    jpeg = OpenCv.jpeg(scaled, quality);
                } finally {
                    scaled.release();
                }
                boolean landscape = page.cols() > page.rows();
                PDRectangle a4 = landscape ? new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth())
                        : PDRectangle.A4;
                PDPage p = new PDPage(a4);
                doc.addPage(p);
                PDImageXObject image = JPEGFactory.createFromByteArray(doc, jpeg);
                float fit = Math.min(a4.getWidth() / image.getWidth(), a4.getHeight() / image.getHeight());
                float w = image.getWidth() * fit;
                float h = image.getHeight() * fit;
                try (PDPageContentStream content = new PDPageContentStream(doc, p)) {
                    content.drawImage(image, (a4.getWidth() - w) / 2, (a4.getHeight() - h) / 2, w, h);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
