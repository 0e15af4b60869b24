package org.tongban.kiosk.accessibility;

import java.util.List;

/**
 * What the inspection of one rendered screen found: every text the citizen can see and every
 * control they can touch, measured in the screen's pixels. The rules judge these; they never see
 * the scene itself.
 */
public record Observations(List<Text> texts, List<Control> controls) {

    public Observations {
        texts = List.copyOf(texts);
        controls = List.copyOf(controls);
    }

    /**
     * @param where    how to find it (the nearest id, and the text)
     * @param contrast the lowest contrast of the text's colour against the rendered pixels behind it
     * @param fontPx   the font size in pixels
     * @param clipped  the container cut it short (ellipsis) or it runs outside what can be seen
     */
    public record Text(String where, double contrast, double fontPx, boolean bold, boolean clipped) {
    }

    /**
     * @param where   how to find it (its id, or its nearest parent's)
     * @param box     the whole control
     * @param shown   the part on the screen now (a control in a scrolled list can be partly hidden); no
     *                height when none of it is
     * @param named   a screen reader has something to say: its text, or its accessible text
     * @param hasRole a screen reader knows what it is (button, text field, ...)
     */
    public record Control(String where, Box box, Box shown, boolean named, boolean hasRole) {
    }
}
