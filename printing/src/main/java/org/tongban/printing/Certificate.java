package org.tongban.printing;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A document the hall issues to a citizen: a certificate, proof or receipt.
 *
 * @param title names the kind of document (e.g. 居住证明); it also titles the print job, which
 *     technicians see, so it must never carry personal data
 * @param fields label/value pairs printed under the title, in order
 * @param table an optional list (e.g. payment records) that may run over many pages
 * @param verifyCode the code a third party uses to check the document with the platform
 * @param terminalId the kiosk that issued it
 * @param issuedAt when it was issued, in the zone it is printed in
 * @param itemCode the government service item (事项编码) it was issued under
 */
public record Certificate(
        String title,
        List<Field> fields,
        Optional<Table> table,
        String verifyCode,
        String terminalId,
        ZonedDateTime issuedAt,
        String itemCode) {

    public Certificate {
        requireText(title, "title");
        fields = List.copyOf(fields);
        table = table == null ? Optional.empty() : table;
        requireText(verifyCode, "verifyCode");
        requireText(terminalId, "terminalId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        requireText(itemCode, "itemCode");
    }

    /** One labelled line of the certificate, e.g. 姓名 / 张三. A value may be long: it wraps. */
    public record Field(String label, String value) {
        public Field {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A table whose rows each have one cell per column. */
    public record Table(List<String> columns, List<List<String>> rows) {
        public Table {
            columns = List.copyOf(columns);
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("a table needs at least one column");
            }
            rows = rows.stream().map(List::copyOf).toList();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).size() != columns.size()) {
                    throw new IllegalArgumentException("row " + i + " has " + rows.get(i).size()
                            + " cells for " + columns.size() + " columns");
                }
            }
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
