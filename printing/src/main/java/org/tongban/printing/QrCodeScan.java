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

    /** Enough for the 25 mm code: its modules are then about 4 pixels wide. */
    private static final float PDF_DPI = 200;

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
                Optional<String> text = read(renderer.renderImageWithDPI(page, PDF_DPI, ImageType.GRAY));
                if (text.isPresent()) {
                    return text;
                }
            }
            return Optional.empty();
        }
    }
}
