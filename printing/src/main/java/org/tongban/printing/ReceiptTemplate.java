package org.tongban.printing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tongban.devices.printer.Receipt;

/**
 * A receipt-printer document (submission receipt, queue ticket) as data: a small line-based text an
 * operator can reword without code (see {@code templates/receipt.tpl}). Filled from a map of
 * fields, as read from JSON; a field the data lacks is an error naming the template line, never a
 * blank on the paper.
 */
public final class ReceiptTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.]+)(\\|(maskId|maskName))?}");

    private final String name;
    private final List<String> lines;

    private ReceiptTemplate(String name, List<String> lines) {
        this.name = name;
        this.lines = List.copyOf(lines);
    }

    /** A template shipped with Tongban: {@code receipt} or {@code ticket}. */
    public static ReceiptTemplate builtIn(String name) throws TemplateException {
        try (InputStream in = ReceiptTemplate.class.getResourceAsStream("templates/" + name + ".tpl")) {
            if (in == null) {
                throw new TemplateException("no receipt template '" + name + "' (built in: receipt, ticket)");
            }
            return parse(name + ".tpl", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TemplateException("cannot read template " + name + ": " + e.getMessage());
        }
    }

    /** A template from a file, e.g. an operator's reworded receipt. */
    public static ReceiptTemplate read(Path file) throws IOException, TemplateException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    static ReceiptTemplate parse(String name, String text) throws TemplateException {
        List<String> lines = text.lines().toList();
        ReceiptTemplate template = new ReceiptTemplate(name, lines);
        for (int i = 0; i < lines.size(); i++) {
            template.kindOf(lines.get(i), i + 1); // unknown line kinds fail here, not at print time
        }
        return template;
    }

    /** The receipt for {@code data}; fields in nested maps are named {@code a.b}. */
    public Receipt fill(String receiptId, Map<String, ?> data) throws TemplateException {
        Receipt.Builder receipt = Receipt.builder(receiptId);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String kind = kindOf(line, i + 1);
            if (kind == null) {
                continue;
            }
            String text = line.strip().length() > kind.length() ? line.strip().substring(kind.length() + 1) : "";
            for (String filled : expand(text, data, i + 1)) {
                switch (kind) {
                    case "title" -> receipt.title(filled);
                    case "big" -> receipt.text(filled, Receipt.Align.CENTER, Receipt.Size.DOUBLE, false);
                    case "left" -> receipt.left(filled);
                    case "center" -> receipt.center(filled);
                    case "right" -> receipt.right(filled);
                    case "bold" -> receipt.text(filled, Receipt.Align.LEFT, Receipt.Size.NORMAL, true);
                    case "qr" -> receipt.qrCode(filled);
                    case "blank" -> receipt.left("");
                    case "cut" -> receipt.cut();
                    default -> throw new IllegalStateException(kind);
                }
            }
        }
        return receipt.build();
    }

    private String kindOf(String line, int number) throws TemplateException {
        String stripped = line.strip();
        if (stripped.isEmpty() || stripped.startsWith("#")) {
            return null;
        }
        String kind = stripped.split("\\s", 2)[0];
        return switch (kind) {
            case "title", "big", "left", "center", "right", "bold", "qr", "blank", "cut" -> kind;
            default -> throw new TemplateException(name + ":" + number + ": unknown line kind '" + kind
                    + "' (title, big, left, center, right, bold, qr, blank, cut)");
        };
    }

    /** The line with its fields filled; once per element when it names a list. */
    private List<String> expand(String text, Map<String, ?> data, int number) throws TemplateException {
        Matcher m = PLACEHOLDER.matcher(text);
        List<Object> values = new ArrayList<>();
        List<?> list = null;
        while (m.find()) {
            Object value = lookup(data, m.group(1), number);
            if (value instanceof List<?> l) {
                if (list != null) {
                    throw new TemplateException(name + ":" + number + ": a line may name one list, not two");
                }
                list = l;
            }
            values.add(value);
        }
        List<String> out = new ArrayList<>();
        int rounds = list == null ? 1 : list.size();
        for (int round = 0; round < rounds; round++) {
            Matcher fill = PLACEHOLDER.matcher(text);
            StringBuilder line = new StringBuilder();
            int index = 0;
            while (fill.find()) {
                Object value = values.get(index++);
                Object one = value instanceof List<?> l ? l.get(round) : value;
                fill.appendReplacement(line, Matcher.quoteReplacement(mask(String.valueOf(one), fill.group(3))));
            }
            fill.appendTail(line);
            out.add(line.toString().replace('\n', ' ').replace('\r', ' '));
        }
        return out;
    }

    private Object lookup(Map<String, ?> data, String path, int number) throws TemplateException {
        Object current = data;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key) || map.get(key) == null) {
                throw new TemplateException(name + ":" + number + ": the data has no field '" + path + "'");
            }
            current = map.get(key);
        }
        if (current instanceof Map<?, ?>) {
            throw new TemplateException(name + ":" + number + ": field '" + path + "' is an object, not text");
        }
        return current;
    }

    /** ID numbers keep their first 4 and last 4 characters, names their first character. */
    static String mask(String value, String how) {
        if (how == null) {
            return value;
        }
        int[] cps = value.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            // an ID too short to show both ends shows only its first two
            boolean keep = "maskId".equals(how) ? (cps.length > 8 ? i < 4 || i >= cps.length - 4 : i < 2) : i == 0;
            out.appendCodePoint(keep ? cps[i] : '*');
        }
        return out.toString();
    }

    public String name() {
        return name;
    }

    /** A template that cannot be read or filled: says which line and why. */
    public static final class TemplateException extends Exception {
        private static final long serialVersionUID = 1L;

        public TemplateException(String message) {
            super(Objects.requireNonNull(message));
        }
    }
}
