package org.tongban.printing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.OTFParser;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The CJK fonts a kiosk may print with, tried in order; the first one that can really be
 * embedded wins. Files may be single fonts (.ttf, .otf) or collections (.ttc, .otc).
 *
 * <p>Only TrueType outlines qualify: PDFBox 3.0 subsets a Type0 font through its 'glyf' table,
 * so CFF-flavoured OpenType (which is what Noto Sans CJK ships) is skipped with a reason
 * instead of failing later, when the document is saved.
 */
public final class CjkFonts {

    /** A glyph every Chinese certificate needs; a face without it is not a CJK face. */
    private static final int PROBE = '证';

    private final List<Path> searchOrder;

    public CjkFonts(List<Path> searchOrder) {
        if (searchOrder.isEmpty()) {
            throw new IllegalArgumentException("at least one font path is needed");
        }
        this.searchOrder = List.copyOf(searchOrder);
    }

    /** Where Debian's CJK font packages put their files, preferred first. */
    public static CjkFonts debianDefaults() {
        return new CjkFonts(List.of(
                Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
                Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
                Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
                Path.of("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf"),
                Path.of("/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc")));
    }

    public List<Path> searchOrder() {
        return searchOrder;
    }

    /** The face that {@link #embedSubsetInto} would use; for a start-up health check. */
    public CjkFace locate() throws CjkFontUnavailableException {
        Found found = firstUsable();
        try {
            return new CjkFace(found.file(), found.font().getName());
        } catch (IOException e) {
            return new CjkFace(found.file(), "?");
        }
    }

    /**
     * Loads the first usable face into {@code document} as a Type0 font that is embedded as a
     * subset when the document is saved: a whole CJK font would make every page megabytes.
     */
    public PDType0Font embedSubsetInto(PDDocument document) throws CjkFontUnavailableException {
        Found found = firstUsable();
        try {
            return PDType0Font.load(document, found.font(), true);
        } catch (IOException e) {
            List<String> reasons = new ArrayList<>();
            for (Path path : searchOrder) {
                reasons.add(path.equals(found.file()) ? "cannot be embedded: " + e.getMessage() : "not used");
            }
            throw new CjkFontUnavailableException(searchOrder, reasons);
        }
    }

    // Parsed afresh per document: fontbox reads the file into memory and closes it, and a
    // TrueTypeFont is not safe to share between documents being composed at the same time.
    private Found firstUsable() throws CjkFontUnavailableException {
        List<String> reasons = new ArrayList<>();
        for (Path path : searchOrder) {
            if (!Files.isReadable(path)) {
                reasons.add(Files.exists(path) ? "not readable" : "missing");
                continue;
            }
            try {
                String why = "no face in the file";
                for (TrueTypeFont face : faces(path)) {
                    why = whyUnusable(face);
                    if (why == null) {
                        return new Found(path, face);
                    }
                }
                reasons.add(why);
            } catch (IOException | RuntimeException e) {
                reasons.add("unreadable as a font: " + e.getMessage());
            }
        }
        throw new CjkFontUnavailableException(searchOrder, reasons);
    }

    private static List<TrueTypeFont> faces(Path path) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".ttc") || name.endsWith(".otc")) {
            // fontbox reads the whole file into memory, so nothing here holds a file open
            TrueTypeCollection collection = new TrueTypeCollection(path.toFile());
            List<TrueTypeFont> faces = new ArrayList<>();
            collection.processAllFonts(faces::add);
            return faces;
        }
        TTFParser parser = name.endsWith(".otf") ? new OTFParser() : new TTFParser();
        return List.of(parser.parse(new RandomAccessReadBufferedFile(path.toFile())));
    }

    private static String whyUnusable(TrueTypeFont face) throws IOException {
        if (face instanceof OpenTypeFont otf && otf.isPostScript()) {
            return "CFF outlines (" + face.getName() + "); PDFBox embeds only TrueType outlines";
        }
        CmapLookup unicode = face.getUnicodeCmapLookup(false);
        if (unicode == null || unicode.getGlyphId(PROBE) == 0) {
            return "no Chinese glyphs (" + face.getName() + ")";
        }
        return null;
    }

    /** A usable face: the file it lives in and its PostScript name. */
    public record CjkFace(Path file, String name) {
    }

    private record Found(Path file, TrueTypeFont font) {
    }
}
