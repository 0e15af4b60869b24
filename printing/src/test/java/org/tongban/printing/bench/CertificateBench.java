package org.tongban.printing.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tongban.devices.printer.PrintJob;
import org.tongban.printing.Certificate;
import org.tongban.printing.CertificateComposer;
import org.tongban.printing.Layout;
import org.tongban.printing.Preview;
import org.tongban.printing.SampleCertificates;

/**
 * A certificate composed warm: CJK subset embedded, SM2 seal, QR code drawn, PDF saved.
 * Goal for one page: 150 ms. Run: {@code .ci/bench printing CertificateBench -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CertificateBench {

    private CertificateComposer composer;
    private Certificate onePage;
    private Certificate twentyPages;
    private PrintJob composedOnePage;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        composer = SampleCertificates.composer(Layout.defaults());
        onePage = SampleCertificates.residenceProof();
        int rows = 500;
        while (composer.compose(SampleCertificates.paymentRecord(rows)).pages() < 20) {
            rows += 20;
        }
        twentyPages = SampleCertificates.paymentRecord(rows);
        composedOnePage = composer.compose(onePage);
        System.out.printf("%n20 pages = %d rows; one page = %d bytes of PDF, twenty = %d bytes%n", rows,
                composedOnePage.pdf().length, composer.compose(twentyPages).pdf().length);
    }

    @Benchmark
    public PrintJob onePageCertificate() throws Exception {
        return composer.compose(onePage);
    }

    @Benchmark
    public PrintJob twentyPageTable() throws Exception {
        return composer.compose(twentyPages);
    }

    @Benchmark
    public byte[] previewPngOfPageOne() {
        return Preview.of(composedOnePage).pagePng(1, 96);
    }
}
