package org.tongban.devices.printer;

import java.util.Objects;

/**
 * A ready-to-print A4 document: composed by {@code printing/}, carried out by a {@link DocumentPrinter}.
 *
 * @param id unique per job; the print record that goes to the platform names it
 * @param title what technicians see in the queue (never personal data)
 * @param pdf the document, A4 portrait
 * @param pages pages in the document
 * @param copies how many copies to print
 */
public record PrintJob(String id, String title, byte[] pdf, int pages, int copies) {

    public PrintJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pdf, "pdf");
        if (pages < 1 || copies < 1) {
            throw new IllegalArgumentException("a print job needs at least one page and one copy");
        }
    }

    public int sheets() {
        return pages * copies;
    }

    @Override
    public String toString() {
        return "PrintJob[" + id + ", " + title + ", " + pages + " page(s) x " + copies + "]";
    }
}
