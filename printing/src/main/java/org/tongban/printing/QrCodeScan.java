package org.tongban.printing;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Reads a QR code from a picture (a scan, a photo, a rendered page), as a clerk's scanner would;
 * lets {@code ./kiosk print verify} check a scanned or printed-to-PDF certificate, not only typed text.
 */
public final class QrCodeScan {

    /**
     * 200 is enough for the 25 mm code (modules about 4 pixels wide); the others are a second look, as a clerk
     * scans again: on a page full of table lines the finder may miss the code at one resolution (the code's
     * pattern changes with every signature) and see it at another.
     */
    private static final float[] PDF_DPIS = {200, 300, 150};

    /** The text of the QR code in {@code image}, if one can be read. */
    public Optional<String> read(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        try {
            return Optional.of(new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                    .getText());
        } catch (ReaderException e) {
            return Optional.empty();
        }
    }

    /** The first QR code found on the pages of {@code pdf}, page 1 first. */
    public Optional<String> readPdf(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                for (float dpi : PDF_DPIS) {
                    Optional<String> text = read(renderer.renderImageWithDPI(page, dpi, ImageType.GRAY));
                    if (text.isPresent()) {
                        return text;
                    }
                }
            }
            return Optional.empty();
        }
    }
}
