package org.tongban.kiosk.flow;

import java.util.List;

/**
 * One screenful of a longer list: elderly mode shows fewer choices per screen, with "more" and
 * "back" between them, instead of a long grid to scroll.
 *
 * @param number the page shown, from 0
 * @param count how many pages there are (at least 1)
 */
public record Page<T>(List<T> shown, int number, int count) {

    public Page {
        shown = List.copyOf(shown);
    }

    /** The {@code number}th page of {@code all} with {@code size} per page; a number past the end shows the last. */
    public static <T> Page<T> of(List<T> all, int number, int size) {
        int count = Math.max(1, (all.size() + size - 1) / size);
        int n = Math.max(0, Math.min(number, count - 1));
        return new Page<>(all.subList(n * size, Math.min(all.size(), (n + 1) * size)), n, count);
    }

    public boolean hasNext() {
        return number + 1 < count;
    }

    public boolean hasPrevious() {
        return number > 0;
    }
}
