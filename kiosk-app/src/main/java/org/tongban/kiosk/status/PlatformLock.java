package org.tongban.kiosk.status;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.kiosk.platform.HeartbeatAnswer;

/**
 * The platform's LOCK and UNLOCK commands. A lock outlives a restart (a file in the data folder),
 * so switching the terminal off and on does not reopen a terminal the operations centre closed.
 * A visit in progress when LOCK arrives is let finish; no new one starts.
 */
public final class PlatformLock {

    /** The lock's file inside the data folder; it holds the platform's message. */
    public static final String FILE = "platform-lock";

    private static final Logger log = LoggerFactory.getLogger(PlatformLock.class);

    private final Path file;
    private final TerminalStatus status;

    public PlatformLock(Path file, TerminalStatus status) throws IOException {
        this.file = file;
        this.status = status;
        if (Files.exists(file)) {
            status.lock(Files.readString(file, StandardCharsets.UTF_8));
            log.warn("terminal locked by the platform (since before this start)");
        }
    }

    /** Acts on LOCK (args: optional {@code message} shown to citizens) and UNLOCK; other commands are not ours. */
    public void apply(HeartbeatAnswer.Command command) {
        switch (command.type()) {
            case LOCK -> {
                Object m = command.args().get("message");
                String message = m == null ? "" : m.toString();
                try {
                    Path tmp = file.resolveSibling(FILE + ".tmp");
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                        ch.write(java.nio.ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)));
                        ch.force(true);
                    }
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    // Locked for this run anyway; only a restart would reopen it.
                    log.error("platform lock not kept on disk: {}", e.getMessage());
                }
                log.warn("terminal locked by the platform");
                status.lock(message);
            }
            case UNLOCK -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.error("platform lock file {} not removed: {}", file, e.getMessage());
                }
                log.info("terminal unlocked by the platform");
                status.unlock();
            }
            default -> {
                // SYNC_NOW, CHECK_UPDATE, RELOAD_CATALOG: handled elsewhere
            }
        }
    }
}
