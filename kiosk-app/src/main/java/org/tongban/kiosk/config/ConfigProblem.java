package org.tongban.kiosk.config;

import java.nio.file.Path;

/** One thing wrong in a configuration file, said the way a technician can fix it: file, line, what. */
public record ConfigProblem(Path file, int line, String message) {

    @Override
    public String toString() {
        return (line > 0 ? file + ":" + line : file.toString()) + ": " + message;
    }
}
