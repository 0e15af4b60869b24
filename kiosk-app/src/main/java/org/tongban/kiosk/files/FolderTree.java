package org.tongban.kiosk.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deleting a folder with everything in it, under one of two named policies: {@link #delete} fails where a
 * file left behind matters (a session's personal data, a release being replaced, a check's staging copy);
 * {@link #deleteBestEffort} removes what it can of scratch copies holding nothing personal and says what is
 * left. A folder that is not there is already deleted. Links are removed, never followed.
 */
public final class FolderTree {

    private static final Logger log = LoggerFactory.getLogger(FolderTree.class);

    /** What a file that cannot be removed does to the rest of the deletion. */
    private enum OnError {
        /** Stop at the first file that cannot be removed and throw: the caller must know something is left. */
        FAIL,
        /** Remove everything that can be removed, then log one warning naming what is left; never throw. */
        BEST_EFFORT
    }

    private FolderTree() {
    }

    /** Deletes {@code dir} and everything in it, stopping with an exception at the first file that stays. */
    public static void delete(Path dir) throws IOException {
        deleteAll(dir, true, OnError.FAIL, "folder");
    }

    /** Deletes everything in {@code dir} but keeps the folder itself, stopping at the first file that stays. */
    public static void deleteContents(Path dir) throws IOException {
        deleteAll(dir, false, OnError.FAIL, "folder");
    }

    /**
     * Deletes {@code dir} and everything in it as far as it can; {@code what} names the folder in the warning
     * (e.g. "demo folder").
     *
     * @return whether nothing is left
     */
    public static boolean deleteBestEffort(Path dir, String what) {
        try {
            return deleteAll(dir, true, OnError.BEST_EFFORT, what);
        } catch (IOException e) {
            // listing the folder failed: nothing could be removed
            log.warn("could not remove {} {}: {}", what, dir, e.toString());
            return false;
        }
    }

    private static boolean deleteAll(Path dir, boolean withFolder, OnError onError, String what) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        List<Path> deepestFirst;
        try (Stream<Path> s = Files.walk(dir)) {
            deepestFirst = s.sorted(Comparator.reverseOrder()).toList();
        }
        int left = 0;
        IOException first = null;
        for (Path p : deepestFirst) {
            if (!withFolder && p.equals(dir)) {
                continue;
            }
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                if (onError == OnError.FAIL) {
                    throw e;
                }
                left++;
                first = first == null ? e : first;
            }
        }
        if (left > 0) {
            log.warn("could not remove {} of the files in {} {}, e.g.: {}", left, what, dir, first.toString());
        }
        return left == 0;
    }
}
