package org.tongban.kiosk.doctor;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** The data folder: enough free space, writable and fsync-able by the kiosk, not readable by others. */
public final class StorageChecks {

    /** Below this the outbox and journal may soon fail to write. */
    public static final long FAIL_BELOW = 256L * 1024 * 1024;
    public static final long WARN_BELOW = 2L * 1024 * 1024 * 1024;

    private StorageChecks() {
    }

    public static Check diskSpace(Path dataDir) {
        return () -> {
            try {
                Path existing = dataDir;
                while (existing != null && !Files.exists(existing)) {
                    existing = existing.getParent();
                }
                if (existing == null) {
                    return Finding.fail("disk space", "no existing folder above " + dataDir, "check dataDir", true);
                }
                long free = Files.getFileStore(existing).getUsableSpace();
                String detail = mib(free) + " MiB free for " + dataDir;
                if (free < FAIL_BELOW) {
                    return Finding.fail("disk space", detail, "free space: old logs (journalctl --vacuum-size), "
                            + "delivered outbox exports; the outbox stops taking submissions when full", true);
                }
                if (free < WARN_BELOW) {
                    return Finding.warn("disk space", detail, "less than 2 GiB left: clean up before it runs out");
                }
                return Finding.ok("disk space", detail);
            } catch (IOException e) {
                return Finding.fail("disk space", "cannot tell: " + e.getMessage(), "check the mount of " + dataDir,
                        true);
            }
        };
    }

    public static Check dataDirectory(Path dataDir) {
        return () -> {
            String name = "data folder";
            if (!Files.isDirectory(dataDir)) {
                return Files.exists(dataDir)
                        ? Finding.fail(name, dataDir + " is not a folder", "remove it or point dataDir elsewhere", true)
                        : Finding.warn(name, dataDir + " does not exist yet", "the kiosk creates it on start; "
                                + "its parent must be writable by the kiosk user");
            }
            Path probe = dataDir.resolve(".doctor-probe");
            try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
                ch.force(true);
            } catch (IOException e) {
                return Finding.fail(name, dataDir + " is not writable: " + e.getMessage(),
                        "chown -R the kiosk user " + dataDir + "; check the disk is not mounted read-only", true);
            } finally {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // the probe is one byte; it is gone or harmless
                }
            }
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dataDir);
                if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                    return Finding.warn(name, dataDir + " is open to other users (" +
                            java.nio.file.attribute.PosixFilePermissions.toString(perms) + ")",
                            "chmod 750 " + dataDir + ": it holds the outbox and the journal");
                }
            } catch (IOException | UnsupportedOperationException e) {
                return Finding.warn(name, "permissions unknown: " + e.getMessage(), "check them by hand (ls -ld)");
            }
            return Finding.ok(name, dataDir + " writable, fsync works, closed to other users");
        };
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
