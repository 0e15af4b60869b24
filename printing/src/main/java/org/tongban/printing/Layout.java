package org.tongban.printing;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * How a certificate looks on A4, kept as data so sizes and wording can change without touching
 * the drawing code. Lengths on paper are in millimetres, font sizes in points.
 *
 * <p>Templates use {@code {name}} placeholders: the footer knows {@code {terminal}},
 * {@code {issuedAt}} and {@code {itemCode}}; the page number {@code {page}} and {@code {pages}};
 * the continuation heading {@code {title}}.
 */
public record Layout(
        float marginMm,
        float titleSize,
        float bodySize,
        float tableSize,
        float footerSize,
        float leading,
        float labelWidthMm,
        float cellPaddingMm,
        float qrCodeMm,
        String footerTemplate,
        String pageNumberTemplate,
        String continuedTitleTemplate,
        String verifyCodeLabel,
        String issuedAtPattern) {

    private static final float POINTS_PER_MM = 72f / 25.4f;

    public Layout {
        if (marginMm < 5 || marginMm > 50) {
            // below ~5 mm office printers clip; above 50 mm little is left of A4
            throw new IllegalArgumentException("margin must be 5..50 mm: " + marginMm);
        }
        if (titleSize <= 0 || bodySize <= 0 || tableSize <= 0 || footerSize <= 0 || leading < 1) {
            throw new IllegalArgumentException("font sizes must be positive and leading at least 1");
        }
        if (labelWidthMm <= 0 || cellPaddingMm < 0) {
            throw new IllegalArgumentException("label width must be positive and padding not negative");
        }
        if (qrCodeMm < 18 || qrCodeMm > 60) {
            // every certificate carries its sealed QR code; below ~18 mm its modules get too small to scan
            throw new IllegalArgumentException("QR code size must be 18..60 mm: " + qrCodeMm);
        }
        DateTimeFormatter.ofPattern(issuedAtPattern); // fail here, not while a citizen waits
    }

    /** The hall's standard look. */
    public static Layout defaults() {
        return new Layout(18, 18, 11, 9.5f, 8, 1.45f, 32, 1.2f, 25,
                "签发终端：{terminal}　签发时间：{issuedAt}　事项编码：{itemCode}",
                "第 {page} / {pages} 页",
                "{title}（续）",
                "验证码：",
                "yyyy-MM-dd HH:mm");
    }

    public Layout withFooterTemplate(String template) {
        return new Layout(marginMm, titleSize, bodySize, tableSize, footerSize, leading, labelWidthMm,
                cellPaddingMm, qrCodeMm, template, pageNumberTemplate, continuedTitleTemplate,
                verifyCodeLabel, issuedAtPattern);
    }

    public Layout withMarginMm(float margin) {
        return new Layout(margin, titleSize, bodySize, tableSize, footerSize, leading, labelWidthMm,
                cellPaddingMm, qrCodeMm, footerTemplate, pageNumberTemplate, continuedTitleTemplate,
                verifyCodeLabel, issuedAtPattern);
    }

    String footer(String terminal, ZonedDateTime issuedAt, String itemCode) {
        return footerTemplate
                .replace("{terminal}", terminal)
                .replace("{issuedAt}", DateTimeFormatter.ofPattern(issuedAtPattern).format(issuedAt))
                .replace("{itemCode}", itemCode);
    }

    String pageNumber(int page, int pages) {
        return pageNumberTemplate.replace("{page}", Integer.toString(page)).replace("{pages}", Integer.toString(pages));
    }

    String continuedTitle(String title) {
        return continuedTitleTemplate.replace("{title}", title);
    }

    static float points(float mm) {
        return mm * POINTS_PER_MM;
    }
}
