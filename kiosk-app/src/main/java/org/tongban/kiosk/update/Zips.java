package org.tongban.kiosk.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** The release folders travel zipped; unpacking never writes outside the target folder. */
final class Zips {

    private Zips() {
    }

    /** Zips the files under {@code dir}, paths relative to it, in a stable order with fixed times (same input, same bytes). */
    static void zip(Path dir, Path out) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Path f : files) {
                ZipEntry e = new ZipEntry(dir.relativize(f).toString().replace('\\', '/'));
                e.setTime(0);
                zip.putNextEntry(e);
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
    }

    static void unzip(Path zipFile, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(zipFile))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                Path p = root.resolve(e.getName()).normalize();
                if (!p.startsWith(root) || p.equals(root)) {
                    throw new IOException("zip entry '" + e.getName() + "' points outside its folder");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else {
                    Files.createDirectories(p.getParent());
                    try (OutputStream o = Files.newOutputStream(p)) {
                        zip.transferTo(o);
                    }
                }
            }
        }
    }

    static void copy(InputStream in, Path to) throws IOException {
        Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
