package org.tongban.devices.printer;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The folder a simulated printer writes into. What it prints is real (certificates with names and ID numbers),
 * so the folders it creates are the owner's only (0700), and an existing folder others can enter is refused.
 */
final class OutputFolder {

    private OutputFolder() {
    }

    static void createPrivate(Path dir) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path absolute = dir.toAbsolutePath();
        // create each missing level itself, so none of them is ever open to others
        for (int i = 1; i <= absolute.getNameCount(); i++) {
            Path level = absolute.getRoot().resolve(absolute.subpath(0, i));
            if (!Files.exists(level)) {
                if (posix) {
                    Files.createDirectory(level, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectory(level);
                }
            }
        }
        if (posix) {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(absolute));
            if (!mode.endsWith("------")) {
                throw new IOException("the output folder " + absolute + " is open to others (" + mode
                        + "); printed documents hold personal data: chmod 700 it");
            }
        }
    }
}
