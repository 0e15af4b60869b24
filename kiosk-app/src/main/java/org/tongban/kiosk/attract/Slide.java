package org.tongban.kiosk.attract;

import java.nio.file.Path;
import org.tongban.kiosk.catalog.Text;

/**
 * One slide of the attract screen's loop: a picture, words, or both, shown for a while before the next.
 *
 * @param image   a PNG or JPEG in the hall's {@code attract/} folder, or null (words only)
 * @param picture one of the shell's shipped pictures (the built-in slides), or null
 * @param text    the words in both languages, or null (the picture says it)
 * @param seconds how long it shows
 */
public record Slide(Path image, String picture, Text text, int seconds) {
}
