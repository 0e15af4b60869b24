package org.tongban.kiosk.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The SQLite file a part of the fleet link keeps its durable state in (commands carried out, usage per day):
 * WAL with a full sync, so what is written survives a power cut, and the part's own schema statements run once
 * at open. A file that cannot be opened is closed again and reported as an IOException naming it.
 */
final class DurableFile {

    private DurableFile() {
    }

    static Connection open(Path file, String... schema) throws IOException {
        Files.createDirectories(file.getParent());
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (var st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                for (String statement : schema) {
                    st.execute(statement);
                }
            }
            return c;
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the failure that matters is the one reported
                }
            }
            throw new IOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }
}
