package org.tongban.devices.printer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A receipt as lines for an 80 mm receipt printer: text with alignment, size and weight, QR codes
 * and the cut. Build one with {@link #builder(String)}.
 *
 * @param id unique per receipt; names the print record and the simulator's output file
 */
public record Receipt(String id, List<Line> lines) {

    public Receipt {
        Objects.requireNonNull(id, "id");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a receipt needs at least one line");
        }
    }

    public enum Align { LEFT, CENTER, RIGHT }

    /** NORMAL is 48 columns on 80 mm paper; DOUBLE is double width and height, so 24 columns. */
    public enum Size { NORMAL, DOUBLE }

    /** One line of a receipt. */
    public sealed interface Line permits Text, QrCode, Cut {
    }

    /** A line of text; a printer wraps it when it is wider than the paper. */
    public record Text(String text, Align align, Size size, boolean bold) implements Line {
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(align, "align");
            Objects.requireNonNull(size, "size");
            if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("one Text per line: no line breaks inside");
            }
        }
    }

    /** A QR code, printed centred (e.g. a link to check the service's progress). */
    public record QrCode(String data) implements Line {
        public QrCode {
            Objects.requireNonNull(data, "data");
        }
    }

    /** Feeds the paper past the cutter and cuts. */
    public record Cut() implements Line {
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Receipts can carry personal data (a masked name, a case number), so only the id and size show. */
    @Override
    public String toString() {
        return "Receipt[" + id + ", " + lines.size() + " line(s)]";
    }

    /** Builds a receipt line by line, top to bottom. */
    public static final class Builder {
        private final String id;
        private final List<Line> lines = new ArrayList<>();

        private Builder(String id) {
            this.id = id;
        }

        /** A centred, double-size, bold heading. */
        public Builder title(String text) {
            return text(text, Align.CENTER, Size.DOUBLE, true);
        }

        public Builder left(String text) {
            return text(text, Align.LEFT, Size.NORMAL, false);
        }

        public Builder center(String text) {
            return text(text, Align.CENTER, Size.NORMAL, false);
        }

        public Builder right(String text) {
            return text(text, Align.RIGHT, Size.NORMAL, false);
        }

        public Builder text(String text, Align align, Size size, boolean bold) {
            lines.add(new Text(text, align, size, bold));
            return this;
        }

        public Builder qrCode(String data) {
            lines.add(new QrCode(data));
            return this;
        }

        public Builder cut() {
            lines.add(new Cut());
            return this;
        }

        public Receipt build() {
            return new Receipt(id, lines);
        }
    }
}
