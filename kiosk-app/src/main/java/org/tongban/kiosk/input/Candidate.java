package org.tongban.kiosk.input;

/**
 * One choice in the pinyin candidate bar.
 *
 * @param text the characters it writes
 * @param letters how many of the typed letters it stands for (中 uses 5 of "zhongguo"; the rest stay typed)
 */
public record Candidate(String text, int letters) {
}
