package org.tongban.printing;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Body content flowing down A4 pages: a cursor {@link #y()} that moves down the content area
 * and a fresh page whenever the caller asks. Coordinates are PDF points from the bottom left.
 */
final class PageFlow implements Closeable {

    /** Where a line's baseline sits below its top, as a fraction of the font size beyond half leading. */
    private static final float ASCENT = 0.82f;

    private final PDDocument document;
    private final PDFont font;
    private final float top;
    private final float bottom;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream out;
    private float y;
    private float freshY;

    private final int maxPages;

    /** @param maxPages more pages than this are refused (IllegalArgumentException) as the next one is begun */
    PageFlow(PDDocument document, PDFont font, float top, float bottom, int maxPages) {
        this.maxPages = maxPages;
        this.document = document;
        this.font = font;
        this.top = top;
        this.bottom = bottom;
    }

    void newPage() throws IOException {
        if (pages.size() >= maxPages) {
            throw new IllegalArgumentException("the document would have more than " + maxPages
                    + " pages; a kiosk prints at most that (ask for this record at a service window)");
        }
        close();
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        pages.add(page);
        out = new PDPageContentStream(document, page);
        y = top;
        freshY = y;
    }

    /** Marks the page as holding nothing but what is repeated on every page (headings). */
    void markFresh() {
        freshY = y;
    }

    /** True when moving to a new page would not gain any room. */
    boolean isFresh() {
        return y == freshY;
    }

    float y() {
        return y;
    }

    float room() {
        return y - bottom;
    }

    void down(float height) {
        y -= height;
    }

    PDDocument document() {
        return document;
    }

    PDPageContentStream out() {
        return out;
    }

    List<PDPage> pages() {
        return pages;
    }

    /** Draws one line of text whose line box has its top at {@code lineTop}. */
    void text(String text, float x, float lineTop, float size, float lineHeight) throws IOException {
        text(out, text, x, lineTop, size, lineHeight);
    }

    void text(PDPageContentStream stream, String text, float x, float lineTop, float size, float lineHeight)
            throws IOException {
        if (text.isEmpty()) {
            return;
        }
        stream.beginText();
        stream.setFont(font, size);
        stream.newLineAtOffset(x, lineTop - (lineHeight - size) / 2 - size * ASCENT);
        stream.showText(text);
        stream.endText();
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
