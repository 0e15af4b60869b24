package org.tongban.kiosk.journal;

import java.nio.file.Path;

/**
 * What {@code journal verify} found wrong, naming the entry and where it is (file and line, 0 when
 * the entry is missing).
 */
public record JournalProblem(Kind kind, long seq, Path file, int line, String what) {

    public enum Kind { EDITED, DELETED, INSERTED, REORDERED, BROKEN_LINK, UNREADABLE }

    @Override
    public String toString() {
        String where = file == null ? "" : file.getFileName() + (line > 0 ? ":" + line : "") + ": ";
        return where + kind + ": " + what;
    }
}
