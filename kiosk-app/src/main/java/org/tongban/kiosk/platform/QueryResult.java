package org.tongban.kiosk.platform;

import java.time.Instant;
import java.util.List;

/** A printable document answered by a real-time query (e.g. a social insurance contribution certificate). */
public record QueryResult(String itemCode, String title, Instant generatedAt, List<Field> fields, Table table,
        String verifyCode) {

    public QueryResult {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** One labelled line of the document (姓名: 张三). */
    public record Field(String label, String value) {
    }

    /** A grid on the document, e.g. the monthly contributions. */
    public record Table(List<String> columns, List<List<String>> rows) {

        public Table {
            columns = columns == null ? List.of() : List.copyOf(columns);
            rows = rows == null ? List.of() : rows.stream().map(List::copyOf).toList();
        }
    }

    /** Labels and row count only: the values are a citizen's personal data. */
    @Override
    public String toString() {
        return "QueryResult[" + itemCode + " '" + title + "' " + generatedAt + " fields="
                + fields.stream().map(Field::label).toList() + " rows=" + (table == null ? 0 : table.rows().size())
                + "]";
    }
}
