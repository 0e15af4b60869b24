package org.tongban.printing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CjkFontsTest {

    static final Path MICRO_HEI = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    static final Path NOTO_CJK = Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");

    @TempDir
    Path dir;

    @Test
    void debianDefaultsFindWenQuanYiMicroHeiFirst() throws Exception {
        CjkFonts.CjkFace face = CjkFonts.debianDefaults().locate();

        assertThat(face.file(), equalTo(MICRO_HEI));
        assertThat(face.name(), equalTo("WenQuanYiMicroHei"));
    }

    @Test
    void missingFontsAreNamedWithTheDebianPackageToInstall() {
        Path first = dir.resolve("nowhere/wqy-microhei.ttc");
        Path second = dir.resolve("nowhere/NotoSansCJK-Regular.ttc");

        CjkFontUnavailableException e = assertThrows(CjkFontUnavailableException.class,
                () -> new CjkFonts(List.of(first, second)).locate());

        assertThat(e.tried(), equalTo(List.of(first, second)));
        assertThat(e.getMessage(), containsString(first + " - missing"));
        assertThat(e.getMessage(), containsString(second + " - missing"));
        assertThat(e.getMessage(), containsString("apt-get install fonts-wqy-microhei"));
    }

    @Test
    void aFileThatIsNoFontIsSkippedWithItsReason() throws IOException {
        Path garbage = Files.write(dir.resolve("broken.ttf"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        CjkFontUnavailableException e = assertThrows(CjkFontUnavailableException.class,
                () -> new CjkFonts(List.of(garbage)).embedSubsetInto(new PDDocument()));

        assertThat(e.getMessage(), containsString(garbage + " - unreadable as a font"));
    }

    @Test
    void searchGoesOnPastMissingFiles() throws Exception {
        CjkFonts fonts = new CjkFonts(List.of(dir.resolve("absent.ttc"), MICRO_HEI));

        try (PDDocument document = new PDDocument()) {
            PDType0Font font = fonts.embedSubsetInto(document);
            assertThat(font.getName(), startsWith("WenQuanYiMicroHei"));
        }
    }

    /** Noto Sans CJK has CFF outlines, which PDFBox cannot subset: it must be skipped, not used. */
    @Test
    void notoSansCjkIsSkippedBecauseOfItsCffOutlines() {
        assumeTrue(Files.isReadable(NOTO_CJK), "fonts-noto-cjk not installed");

        CjkFontUnavailableException e = assertThrows(CjkFontUnavailableException.class,
                () -> new CjkFonts(List.of(NOTO_CJK)).locate());

        assertThat(e.getMessage(), containsString("CFF outlines"));
    }
}
