package org.tongban.printing;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * A QR code drawn as vector squares: sharp at any printer resolution and a few hundred bytes in
 * the PDF. Error correction M survives a fold or a smudge on paper.
 */
final class QrCodeDrawing {

    /** Modules of white around the code; the standard asks for 4, 2 is enough on a white page. */
    private static final int QUIET_ZONE = 2;

    private final ByteMatrix matrix;

    QrCodeDrawing(String text) {
        try {
            matrix = Encoder.encode(text, ErrorCorrectionLevel.M,
                    Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name())).getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("text too long for a QR code (" + text.length() + " characters)", e);
        }
    }

    int modules() {
        return matrix.getWidth();
    }

    /** Fills {@code slot} (a square) with the code, dark runs of a row merged into one rectangle. */
    void drawInto(PDPageContentStream out, PDRectangle slot) throws IOException {
        int size = matrix.getWidth();
        float module = Math.min(slot.getWidth(), slot.getHeight()) / (size + 2 * QUIET_ZONE);
        float left = slot.getLowerLeftX() + QUIET_ZONE * module;
        float top = slot.getUpperRightY() - QUIET_ZONE * module;
        out.setNonStrokingColor(0f);
        for (int y = 0; y < size; y++) {
            int x = 0;
            while (x < size) {
                if (matrix.get(x, y) != 1) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < size && matrix.get(x, y) == 1) {
                    x++;
                }
                out.addRect(left + start * module, top - (y + 1) * module, (x - start) * module, module);
            }
        }
        out.fill();
    }
}
