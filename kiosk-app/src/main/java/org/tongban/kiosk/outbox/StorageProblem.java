package org.tongban.kiosk.outbox;

import java.sql.SQLException;
import java.time.Instant;

import org.sqlite.SQLiteException;

/**
 * The outbox file cannot be written (or read) for a reason a technician must fix on site. While it lasts every
 * submission fails whole, so nothing is half-written; the first write that succeeds again clears it.
 *
 * @param message what SQLite said, with the file's path (no personal data)
 * @param since   when this kind of problem began
 */
public record StorageProblem(Kind kind, String message, Instant since) {

    public enum Kind {
        /** SQLITE_FULL: the disk (or the file's size limit) is full. */
        DISK_FULL,
        /** SQLITE_READONLY: the data folder or file cannot be written. */
        READ_ONLY,
        /** SQLITE_CORRUPT / SQLITE_NOTADB: the file is damaged; it is moved aside on the next start. */
        CORRUPT,
        /** SQLITE_IOERR / SQLITE_CANTOPEN: the disk failed to read or write. */
        IO_ERROR
    }

    /** The kind of storage problem an SQLite failure is, or null when it is something else (a constraint, say). */
    static Kind kindOf(SQLException e) {
        if (!(e instanceof SQLiteException se)) {
            return null;
        }
        String code = se.getResultCode().name();
        if (code.startsWith("SQLITE_FULL")) {
            return Kind.DISK_FULL;
        }
        if (code.startsWith("SQLITE_READONLY")) {
            return Kind.READ_ONLY;
        }
        if (code.startsWith("SQLITE_CORRUPT") || code.equals("SQLITE_NOTADB")) {
            return Kind.CORRUPT;
        }
        if (code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_CANTOPEN")) {
            return Kind.IO_ERROR;
        }
        return null;
    }
}
