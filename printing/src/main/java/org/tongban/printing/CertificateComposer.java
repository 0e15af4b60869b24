package org.tongban.printing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.tongban.devices.printer.PrintJob;

/**
 * Lays a {@link Certificate} out on A4 portrait pages: title, fields, the table (its header
 * repeated on every page it runs over), the verify code with its sealed QR code, and on every page
 * a footer with the issuing terminal, time and page number. Thread-safe: all state lives in one
 * composition.
 */
public final class CertificateComposer {

    private static final PDRectangle A4 = PDRectangle.A4;

    /**
     * The longest table a kiosk prints: about 70 pages. Longer is not a certificate a citizen
     * carries away but a records request for a service window.
     */
    public static final int MAX_TABLE_ROWS = 2_000;

    /**
     * The most pages a certificate may have, whatever makes it long (a field or cell of endless text passes
     * the row limit): beyond it composing stops, before memory or paper runs out.
     */
    public static final int MAX_PAGES = 100;

    private final CjkFonts fonts;
    private final Layout layout;
    private final TerminalSeal seal;

    /** @param seal the terminal's key that seals the QR code of every certificate */
    public CertificateComposer(CjkFonts fonts, Layout layout, TerminalSeal seal) {
        this.fonts = Objects.requireNonNull(fonts, "fonts");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.seal = Objects.requireNonNull(seal, "seal");
    }

    /**
     * The certificate as a print job of one copy.
     *
     * @throws CjkFontUnavailableException when no font here can print Chinese
     * @throws IllegalArgumentException when the text holds a character the font has no glyph for, or
     *     the table is longer than {@link #MAX_TABLE_ROWS}, or the certificate would have more than
     *     {@link #MAX_PAGES} pages
     */
    public PrintJob compose(Certificate certificate) throws CjkFontUnavailableException {
        int rows = certificate.table().map(t -> t.rows().size()).orElse(0);
        if (rows > MAX_TABLE_ROWS) {
            throw new IllegalArgumentException("the table has " + rows + " rows; a kiosk prints at most "
                    + MAX_TABLE_ROWS + " (ask for this record at a service window)");
        }
        try (PDDocument document = new PDDocument()) {
            PDFont font = fonts.embedSubsetInto(document);
            int pages = new Composition(document, font, certificate).draw();
            describe(document, certificate);
            ByteArrayOutputStream pdf = new ByteArrayOutputStream(32 * 1024);
            document.save(pdf);
            return new PrintJob(UUID.randomUUID().toString(), certificate.title(), pdf.toByteArray(), pages, 1);
        } catch (IOException e) {
            // everything happens in memory: an IOException here is a PDFBox failure, not the disk
            throw new UncheckedIOException("composing " + certificate.title() + " failed", e);
        }
    }

    private static void describe(PDDocument document, Certificate certificate) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(certificate.title());
        info.setCreator("Tongban");
        info.setCreationDate(GregorianCalendar.from(certificate.issuedAt()));
        document.getDocumentCatalog().setLanguage("zh-CN");
    }

    /** The drawing of one certificate into one document. */
    private final class Composition {

        private final Certificate certificate;
        private final QrCodeDrawing verifyQr;
        private final LineBreaker breaker;
        private final PageFlow flow;
        private final float left = Layout.points(layout.marginMm());
        private final float right = A4.getWidth() - Layout.points(layout.marginMm());
        private final float width = right - left;
        private final float padding = Layout.points(layout.cellPaddingMm());
        private final List<String> footerLines;
        private final float footerTop;

        Composition(PDDocument document, PDFont font, Certificate certificate) {
            this.certificate = certificate;
            this.verifyQr = new QrCodeDrawing(VerifyQr.seal(certificate, seal).text());
            this.breaker = new LineBreaker(font);
            // the footer's height depends on its wording, so lay it out first and flow above it
            String widestPageNumber = layout.pageNumber(999, 999);
            float footerWidth = width - breaker.width(widestPageNumber, layout.footerSize()) - layout.footerSize() * 2;
            footerLines = breaker.wrap(layout.footer(certificate.terminalId(), certificate.issuedAt(),
                    certificate.itemCode()), layout.footerSize(), footerWidth);
            float margin = Layout.points(layout.marginMm());
            footerTop = margin + footerLines.size() * lineHeight(layout.footerSize());
            float contentBottom = footerTop + layout.bodySize();
            flow = new PageFlow(document, font, A4.getHeight() - margin, contentBottom, MAX_PAGES);
        }

        /** Draws everything and returns the page count. */
        int draw() throws IOException {
            try (flow) {
                flow.newPage();
                drawTitle();
                drawFields();
                if (certificate.table().isPresent()) {
                    drawTable(certificate.table().get());
                }
                drawVerifyCode();
            }
            drawFooters();
            return flow.pages().size();
        }

        private void drawTitle() throws IOException {
            float size = layout.titleSize();
            float lineHeight = lineHeight(size);
            for (String line : breaker.wrap(certificate.title(), size, width)) {
                ensureRoom(lineHeight);
                float x = left + (width - breaker.width(line, size)) / 2;
                flow.text(line, x, flow.y(), size, lineHeight);
                flow.down(lineHeight);
            }
            flow.down(layout.bodySize());
        }

        private void drawFields() throws IOException {
            float size = layout.bodySize();
            float labelWidth = Layout.points(layout.labelWidthMm());
            float[] widths = {labelWidth, width - labelWidth};
            for (Certificate.Field field : certificate.fields()) {
                List<List<String>> cells = List.of(
                        breaker.wrap(field.label(), size, labelWidth - padding * 2),
                        breaker.wrap(field.value(), size, widths[1] - padding * 2));
                drawRow(cells, widths, size, RowStyle.FIELD, null);
            }
            flow.down(layout.bodySize());
        }

        private void drawTable(Certificate.Table table) throws IOException {
            float size = layout.tableSize();
            float[] widths = columnWidths(table, size);
            List<List<String>> header = wrapCells(table.columns(), widths, size);
            // never leave a header alone at the bottom of a page
            ensureRoom(rowHeight(header, size) + lineHeight(size) + padding * 2);
            drawRow(header, widths, size, RowStyle.HEADER, null);
            for (List<String> row : table.rows()) {
                drawRow(wrapCells(row, widths, size), widths, size, RowStyle.CELL, header);
            }
            flow.down(layout.bodySize());
        }

        /**
         * Draws a row, moving to a new page (and repeating {@code header} there) when it does not
         * fit; a row taller than a whole page is split between lines instead.
         */
        private void drawRow(List<List<String>> cells, float[] widths, float size, RowStyle style,
                List<List<String>> header) throws IOException {
            float lineHeight = lineHeight(size);
            List<List<String>> rest = cells;
            while (true) {
                if (rowHeight(rest, size) <= flow.room()) {
                    drawRowPart(rest, widths, size, style);
                    return;
                }
                if (!flow.isFresh()) {
                    newPage();
                    if (header != null) {
                        drawRowPart(header, widths, size, RowStyle.HEADER);
                        flow.markFresh();
                    }
                    continue;
                }
                int fitting = (int) ((flow.room() - padding * 2) / lineHeight);
                if (fitting < 1) {
                    throw new IllegalStateException("the layout leaves no room for a line of text on a page");
                }
                drawRowPart(linesOf(rest, 0, fitting), widths, size, style);
                rest = linesOf(rest, fitting, Integer.MAX_VALUE);
            }
        }

        private void drawRowPart(List<List<String>> cells, float[] widths, float size, RowStyle style)
                throws IOException {
            float lineHeight = lineHeight(size);
            float height = rowHeight(cells, size);
            float top = flow.y();
            PDPageContentStream out = flow.out();
            if (style == RowStyle.HEADER) {
                out.setNonStrokingColor(0.9f);
                out.addRect(left, top - height, width, height);
                out.fill();
            }
            if (style != RowStyle.FIELD) {
                out.setLineWidth(0.5f);
                out.setStrokingColor(0.3f);
                float x = left;
                for (float w : widths) {
                    out.addRect(x, top - height, w, height);
                    x += w;
                }
                out.stroke();
            }
            float x = left;
            for (int column = 0; column < cells.size(); column++) {
                // field labels in grey so the eye finds the values
                out.setNonStrokingColor(style == RowStyle.FIELD && column == 0 ? 0.35f : 0f);
                float lineTop = top - padding;
                for (String line : cells.get(column)) {
                    flow.text(line, x + padding, lineTop, size, lineHeight);
                    lineTop -= lineHeight;
                }
                x += widths[column];
            }
            flow.down(height);
        }

        private void drawVerifyCode() throws IOException {
            float size = layout.bodySize();
            float lineHeight = lineHeight(size);
            float qrSide = Layout.points(layout.qrCodeMm());
            List<String> lines = breaker.wrap(layout.verifyCodeLabel() + certificate.verifyCode(), size,
                    width - qrSide - size);
            ensureRoom(Math.max(qrSide, lines.size() * lineHeight));
            float top = flow.y();
            flow.out().setNonStrokingColor(0f);
            for (String line : lines) {
                flow.text(line, left, flow.y(), size, lineHeight);
                flow.down(lineHeight);
            }
            drawVerifyQrCode(new PDRectangle(right - qrSide, top - qrSide, qrSide, qrSide));
            flow.down(Math.max(0, qrSide - lines.size() * lineHeight));
        }

        /** The sealed QR code a clerk scans to check the printout offline ({@link VerifyQr}). */
        private void drawVerifyQrCode(PDRectangle slot) throws IOException {
            verifyQr.drawInto(flow.out(), slot);
        }

        private void drawFooters() throws IOException {
            List<PDPage> pages = flow.pages();
            float size = layout.footerSize();
            float lineHeight = lineHeight(size);
            for (int i = 0; i < pages.size(); i++) {
                try (PDPageContentStream out = new PDPageContentStream(flow.document(), pages.get(i),
                        AppendMode.APPEND, true, true)) {
                    out.setLineWidth(0.5f);
                    out.setStrokingColor(0.5f);
                    out.moveTo(left, footerTop + size / 2);
                    out.lineTo(right, footerTop + size / 2);
                    out.stroke();
                    out.setNonStrokingColor(0.25f);
                    float lineTop = footerTop;
                    for (String line : footerLines) {
                        flow.text(out, line, left, lineTop, size, lineHeight);
                        lineTop -= lineHeight;
                    }
                    String pageNumber = layout.pageNumber(i + 1, pages.size());
                    flow.text(out, pageNumber, right - breaker.width(pageNumber, size), footerTop, size, lineHeight);
                }
            }
        }

        private void newPage() throws IOException {
            flow.newPage();
            // a sheet that gets separated from the first still says what it belongs to
            float size = layout.bodySize();
            flow.text(layout.continuedTitle(certificate.title()), left, flow.y(), size, lineHeight(size));
            flow.down(lineHeight(size) + size / 2);
            flow.markFresh();
        }

        private void ensureRoom(float height) throws IOException {
            if (height > flow.room() && !flow.isFresh()) {
                newPage();
            }
        }

        /** Widths in proportion to content, but no column squeezed below its fair share if it needs it. */
        private float[] columnWidths(Certificate.Table table, float size) {
            int n = table.columns().size();
            float[] natural = new float[n];
            for (int c = 0; c < n; c++) {
                natural[c] = breaker.naturalWidth(table.columns().get(c), size) + padding * 2;
                for (List<String> row : table.rows()) {
                    natural[c] = Math.max(natural[c], breaker.naturalWidth(row.get(c), size) + padding * 2);
                }
            }
            float total = 0;
            for (float w : natural) {
                total += w;
            }
            float[] widths = new float[n];
            if (total <= width) {
                for (int c = 0; c < n; c++) {
                    widths[c] = natural[c] * width / total;
                }
                return widths;
            }
            float fair = width / n;
            float used = 0;
            float excess = 0;
            for (int c = 0; c < n; c++) {
                widths[c] = Math.min(natural[c], fair);
                used += widths[c];
                excess += natural[c] - widths[c];
            }
            for (int c = 0; c < n; c++) {
                widths[c] += (width - used) * (natural[c] - widths[c]) / excess;
            }
            return widths;
        }

        private List<List<String>> wrapCells(List<String> cells, float[] widths, float size) {
            List<List<String>> wrapped = new ArrayList<>(cells.size());
            for (int c = 0; c < cells.size(); c++) {
                wrapped.add(breaker.wrap(cells.get(c), size, widths[c] - padding * 2));
            }
            return wrapped;
        }

        private float rowHeight(List<List<String>> cells, float size) {
            int lines = 1;
            for (List<String> cell : cells) {
                lines = Math.max(lines, cell.size());
            }
            return lines * lineHeight(size) + padding * 2;
        }

        private float lineHeight(float size) {
            return size * layout.leading();
        }
    }

    private static List<List<String>> linesOf(List<List<String>> cells, int from, int to) {
        List<List<String>> part = new ArrayList<>(cells.size());
        for (List<String> cell : cells) {
            part.add(cell.subList(Math.min(from, cell.size()), Math.min(to, cell.size())));
        }
        return part;
    }

    private enum RowStyle { FIELD, HEADER, CELL }
}
