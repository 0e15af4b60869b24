package org.tongban.printing;

import java.util.Arrays;
import org.tongban.devices.printer.PrintJob;

/**
 * How long composing takes on this machine, after warm-up. Not a test: run it by hand, e.g.
 * {@code java -cp <test classpath> org.tongban.printing.CompositionBench}.
 */
public final class CompositionBench {

    private static final int WARM_UP = 100;
    private static final int RUNS = 100;

    public static void main(String[] args) throws Exception {
        CertificateComposer composer = SampleCertificates.composer(Layout.defaults());
        Certificate onePage = SampleCertificates.residenceProof();
        Certificate tenPages = SampleCertificates.paymentRecord(300);
        report("1-page certificate", composer, onePage);
        report("10-page certificate", composer, tenPages);

        PrintJob job = composer.compose(onePage);
        Preview preview = Preview.of(job);
        long[] nanos = new long[RUNS];
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            long start = System.nanoTime();
            preview.pagePng(1, 96);
            if (i >= WARM_UP) {
                nanos[i - WARM_UP] = System.nanoTime() - start;
            }
        }
        print("preview of page 1 at 96 dpi", nanos, "");
    }

    private static void report(String what, CertificateComposer composer, Certificate certificate) throws Exception {
        long[] nanos = new long[RUNS];
        PrintJob job = null;
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            long start = System.nanoTime();
            job = composer.compose(certificate);
            if (i >= WARM_UP) {
                nanos[i - WARM_UP] = System.nanoTime() - start;
            }
        }
        print(what, nanos, " (" + job.pages() + " pages, " + job.pdf().length / 1024 + " KiB)");
    }

    private static void print(String what, long[] nanos, String detail) {
        Arrays.sort(nanos);
        System.out.printf("%-30s median %6.1f ms  p90 %6.1f ms  min %6.1f ms%s%n", what,
                nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 9 / 10] / 1e6, nanos[0] / 1e6, detail);
    }
}
