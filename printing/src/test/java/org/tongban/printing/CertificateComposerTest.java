package org.tongban.printing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tongban.devices.printer.PrintJob;

class CertificateComposerTest {

    private static final CertificateComposer COMPOSER =
            SampleCertificates.composer(Layout.defaults());
    private static PrintJob onePage;
    private static PrintJob hundredFiftyRows;

    @BeforeAll
    static void compose() throws Exception {
        onePage = COMPOSER.compose(SampleCertificates.residenceProof());
        hundredFiftyRows = COMPOSER.compose(SampleCertificates.paymentRecord(150));
    }

    @Test
    void onePageCertificateCarriesTitleFieldsVerifyCodeAndFooter() throws IOException {
        String text = text(onePage.pdf());

        assertThat(onePage.pages(), equalTo(1));
        assertThat(text, containsString("居住证明"));
        assertThat(text, containsString("姓名"));
        assertThat(text, containsString(SampleCertificates.CITIZEN_NAME));
        assertThat(text, containsString("110105198803120417"));
        assertThat(text, containsString("验证码：7KQ2-M9XD-4TRA"));
        assertThat(text, containsString("签发终端：KIOSK-0031"));
        assertThat(text, containsString("签发时间：2024-05-06 09:30"));
        assertThat(text, containsString("事项编码：110105-JZZM-01"));
        assertThat(text, containsString("第 1 / 1 页"));
    }

    @Test
    void longValuesWrapWithoutLosingText() throws IOException {
        String joined = text(onePage.pdf()).replaceAll("\\s", "");

        assertThat(joined, containsString("北京市朝阳区建国门外大街甲十二号院三号楼二单元一千四百零六室，"
                + "该地址自二〇一九年三月起登记为本人经常居住地，经社区居委会核实无误。"));
    }

    @Test
    void printJobIsOneCopyWithAFreshIdAndNoPersonalDataInItsTitle() throws Exception {
        PrintJob again = COMPOSER.compose(SampleCertificates.residenceProof());

        assertThat(onePage.copies(), equalTo(1));
        assertThat(onePage.id(), not(emptyString()));
        assertThat(again.id(), not(equalTo(onePage.id())));
        assertThat(onePage.title(), equalTo("居住证明"));
        assertThat(onePage.title(), not(containsString(SampleCertificates.CITIZEN_NAME)));
    }

    @Test
    void tableRunsOverPagesWithEveryRowOnceAndTheHeaderOnEachPage() throws IOException {
        int pages = hundredFiftyRows.pages();
        String all = text(hundredFiftyRows.pdf());

        assertThat(pages, greaterThanOrEqualTo(3));
        for (int row = 1; row <= 150; row++) {
            assertThat("row " + row, occurrences(all, String.format("R%04d", row)), equalTo(1));
        }
        try (PDDocument document = Loader.loadPDF(hundredFiftyRows.pdf())) {
            assertThat(document.getNumberOfPages(), equalTo(pages));
            for (int page = 1; page <= pages; page++) {
                String pageText = pageText(document, page);
                assertThat("page " + page, pageText, containsString("缴费年月"));
                assertThat("page " + page, pageText, containsString("缴费金额（元）"));
                assertThat("page " + page, pageText, containsString("第 " + page + " / " + pages + " 页"));
                assertThat("page " + page, occurrences(pageText, "第 \\d+ / \\d+ 页"), equalTo(1));
            }
        }
    }

    @Test
    void embeddedFontIsASubsetAndTheFileStaysSmall() throws IOException {
        assertThat(onePage.pdf().length, lessThan(200 * 1024));
        assertThat(hundredFiftyRows.pdf().length, lessThan(400 * 1024));
        try (PDDocument document = Loader.loadPDF(onePage.pdf())) {
            List<String> fontNames = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    fontNames.add(font.getName());
                    assertThat(font.isEmbedded(), equalTo(true));
                }
            }
            assertThat(fontNames, not(org.hamcrest.Matchers.empty()));
            assertThat(fontNames, everyItem(matchesPattern("[A-Z]{6}\\+WenQuanYiMicroHei")));
        }
    }

    @Test
    void noTextRunsOffThePage() throws Exception {
        String unbreakable = "X".repeat(300) + "这是一段没有空格的很长的中文说明文字".repeat(12);
        Certificate wide = new Certificate("测试" + "很长的标题".repeat(20),
                List.of(new Certificate.Field("备注".repeat(20), unbreakable)),
                Optional.of(new Certificate.Table(List.of("编号", "说明"),
                        List.of(List.of("A".repeat(200), unbreakable)))),
                "CODE", "KIOSK-0031", SampleCertificates.ISSUED_AT, "ITEM");

        PrintJob job = COMPOSER.compose(wide);

        float margin = Layout.points(Layout.defaults().marginMm());
        try (PDDocument document = Loader.loadPDF(job.pdf())) {
            TextBounds bounds = new TextBounds();
            bounds.getText(document);
            float pageWidth = document.getPage(0).getMediaBox().getWidth();
            assertThat(bounds.minX, greaterThanOrEqualTo(margin - 0.5f));
            assertThat(bounds.maxX, lessThanOrEqualTo(pageWidth - margin + 0.5f));
        }
    }

    @Test
    void aRowTallerThanAPageIsSplitAndStillPrintedOnce() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            lines.add(String.format("L%03d", i));
        }
        Certificate tall = new Certificate("长行测试", List.of(), Optional.of(new Certificate.Table(
                List.of("序号", "内容"), List.of(List.of("1", String.join("\n", lines)), List.of("2", "END")))),
                "CODE", "KIOSK-0031", SampleCertificates.ISSUED_AT, "ITEM");

        PrintJob job = COMPOSER.compose(tall);
        String text = text(job.pdf());

        assertThat(job.pages(), greaterThanOrEqualTo(2));
        for (String line : lines) {
            assertThat(line, occurrences(text, line), equalTo(1));
        }
        assertThat(text, containsString("END"));
    }

    @Test
    void aTenThousandRowTableIsRefusedWithAReasonBeforeAnythingIsDrawn() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> COMPOSER.compose(SampleCertificates.paymentRecord(10_000)));

        assertThat(e.getMessage(), containsString("the table has 10000 rows; a kiosk prints at most 2000"));
    }

    @Test
    void aCertificateOfEndlessTextIsRefusedAtThePageCap() {
        // one row, so the row limit lets it through: 20000 lines in one cell would be some 400 pages
        String endless = String.join("\n", java.util.Collections.nCopies(20_000, "很长的内容"));
        Certificate huge = new Certificate("长文测试", List.of(), Optional.of(new Certificate.Table(
                List.of("序号", "内容"), List.of(List.of("1", endless)))),
                "CODE", "KIOSK-0031", SampleCertificates.ISSUED_AT, "ITEM");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> COMPOSER.compose(huge));
        assertThat(e.getMessage(), containsString("more than " + CertificateComposer.MAX_PAGES + " pages"));
    }

    @Test
    void footerWordingComesFromTheLayout() throws Exception {
        CertificateComposer composer = SampleCertificates.composer(
                Layout.defaults().withFooterTemplate("自助终端 {terminal} 于 {issuedAt} 出具"));

        String text = text(composer.compose(SampleCertificates.residenceProof()).pdf());

        assertThat(text, containsString("自助终端 KIOSK-0031 于 2024-05-06 09:30 出具"));
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(document);
        }
    }

    private static String pageText(PDDocument document, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(document);
    }

    private static int occurrences(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** The horizontal extent of all text drawn, in PDF points. */
    private static final class TextBounds extends PDFTextStripper {
        float minX = Float.MAX_VALUE;
        float maxX = 0;

        @Override
        protected void writeString(String text, List<TextPosition> positions) throws IOException {
            for (TextPosition position : positions) {
                minX = Math.min(minX, position.getXDirAdj());
                maxX = Math.max(maxX, position.getXDirAdj() + position.getWidthDirAdj());
            }
        }
    }
}
