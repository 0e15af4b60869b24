package org.tongban.printing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceState;
import org.tongban.devices.printer.PrintJob;
import org.tongban.devices.printer.PrintOutcome;
import org.tongban.devices.printer.PrintProgress;
import org.tongban.devices.printer.cups.CupsDocumentPrinter;

/** Certificates printed through javax.print into a real CUPS queue (cups-pdf), checked on the PDF it wrote. */
class CupsPrintingTest {

    private CupsDocumentPrinter printer;

    @BeforeEach
    void open() throws Exception {
        RealCups.require();
        printer = new CupsDocumentPrinter("a4", RealCups.QUEUE, URI.create("http://localhost:631"),
                Duration.ofMillis(100));
        printer.openClaimEnable(Duration.ofSeconds(1));
    }

    @AfterEach
    void close() throws Exception {
        if (printer != null) {
            printer.close();
            RealCups.run("cupsenable", RealCups.QUEUE);
        }
    }

    @Test
    void aCertificateComesOutAsAnA4PdfWithItsChineseTextAndASealedQrCode() throws Exception {
        Certificate certificate = SampleCertificates.residenceProof();
        PrintJob job = SampleCertificates.composer(Layout.defaults()).compose(certificate);
        List<String> progress = new ArrayList<>();

        PrintOutcome outcome = printer.print(job, Duration.ofSeconds(60), new PrintProgress() {
            @Override
            public void sent(String destination) {
                progress.add("sent " + destination);
            }

            @Override
            public void printing() {
                progress.add("printing");
            }
        });

        assertThat(outcome.jobId(), equalTo(job.id()));
        assertThat(progress.get(0), containsString("sent CUPS job " + RealCups.QUEUE + "-"));
        Path pdf = RealCups.output(cupsJobId(outcome));
        assertThat(RealCups.run("pdfinfo", pdf.toString()), containsString("(A4)"));
        String text = RealCups.run("pdftotext", "-layout", pdf.toString(), "-");
        assertThat(text, containsString("居住证明"));
        assertThat(text, containsString(SampleCertificates.CITIZEN_NAME));
        assertThat(text, containsString("验证码：7KQ2-M9XD-4TRA"));
        VerifyQr qr = VerifyQr.parse(new QrCodeScan().readPdf(Files.readAllBytes(pdf)).orElseThrow());
        assertThat(qr.verifyCode(), equalTo("7KQ2-M9XD-4TRA"));
        assertThat(qr.contentDigest(), equalTo(VerifyQr.contentDigest(certificate)));
        assertThat(qr.verifiedBy(SampleCertificates.SEAL.verifier()), is(true));
        assertThat(printer.state(), equalTo(DeviceState.ONLINE));
    }

    @Test
    void aTablePrintsOnEveryPageItRunsOver() throws Exception {
        PrintJob job = SampleCertificates.composer(Layout.defaults()).compose(SampleCertificates.paymentRecord(120));

        PrintOutcome outcome = printer.print(job, Duration.ofSeconds(60));

        Path pdf = RealCups.output(cupsJobId(outcome));
        assertThat(RealCups.run("pdfinfo", pdf.toString()), matchesPattern("(?s).*Pages:\\s+" + job.pages() + "\\n.*"));
        String text = RealCups.run("pdftotext", "-layout", pdf.toString(), "-");
        assertThat(text, containsString("R0001"));
        assertThat(text, containsString("R0120"));
        assertThat(text.replaceAll("\\s", ""), containsString("第" + job.pages() + "/" + job.pages() + "页"));
    }

    @Test
    void aStoppedQueueIsReportedAndNothingIsLeftToPrintLater() throws Exception {
        RealCups.run("cupsdisable", "-r", "stopped by test", RealCups.QUEUE);
        PrintJob job = SampleCertificates.composer(Layout.defaults()).compose(SampleCertificates.residenceProof());

        DeviceException e = assertThrows(DeviceException.class, () -> printer.print(job, Duration.ofSeconds(10)));

        assertThat(e.reason(), equalTo(DeviceException.Reason.OFFLINE));
        assertThat(e.getMessage(), containsString("stopped by test"));
        assertThat(printer.state(), equalTo(DeviceState.OFFLINE));
        assertThat(RealCups.run("lpstat", "-o", RealCups.QUEUE), not(containsString(RealCups.QUEUE + "-")));
    }

    @Test
    void aQueueThatStopsWhileTheJobWaitsCancelsTheJob() throws Exception {
        PrintJob job = SampleCertificates.composer(Layout.defaults()).compose(SampleCertificates.residenceProof());
        // stopped after the pre-check, as a printer that goes offline mid-job: the job must not linger
        printer.addListener(event -> {
            if (event instanceof org.tongban.devices.StatusEvent s && s.state() == DeviceState.BUSY) {
                try {
                    RealCups.run("cupsdisable", "-r", "went offline", RealCups.QUEUE);
                } catch (java.io.IOException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        });

        DeviceException e = assertThrows(DeviceException.class, () -> printer.print(job, Duration.ofSeconds(20)));

        assertThat(e.getMessage(), containsString("went offline"));
        assertThat(RealCups.run("lpstat", "-o", RealCups.QUEUE), not(containsString(RealCups.QUEUE + "-")));
    }

    private static int cupsJobId(PrintOutcome outcome) {
        String destination = outcome.destination();
        return Integer.parseInt(destination.substring(destination.lastIndexOf('-') + 1));
    }
}
