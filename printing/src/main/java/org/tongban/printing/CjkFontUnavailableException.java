package org.tongban.printing;

import java.nio.file.Path;
import java.util.List;

/**
 * No font on this machine can print Chinese into a PDF. Checked on purpose: a kiosk must not
 * fall back to a Latin font and hand a citizen a page of empty boxes.
 */
public class CjkFontUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The Debian package whose font is known to embed correctly. */
    public static final String DEBIAN_PACKAGE = "fonts-wqy-microhei";

    private final transient List<Path> tried;

    CjkFontUnavailableException(List<Path> tried, List<String> reasons) {
        super(message(tried, reasons));
        this.tried = List.copyOf(tried);
    }

    /** The font files looked at, in search order. */
    public List<Path> tried() {
        return tried;
    }

    private static String message(List<Path> tried, List<String> reasons) {
        StringBuilder text = new StringBuilder("No usable CJK font for printing. Tried:");
        for (int i = 0; i < tried.size(); i++) {
            text.append("\n  ").append(tried.get(i)).append(" - ").append(reasons.get(i));
        }
        return text.append("\nInstall the Debian package ").append(DEBIAN_PACKAGE)
                .append(" (apt-get install ").append(DEBIAN_PACKAGE)
                .append(") or configure the path of a TrueType CJK font.").toString();
    }
}
