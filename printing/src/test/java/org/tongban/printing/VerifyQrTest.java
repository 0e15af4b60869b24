package org.tongban.printing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.printer.PrintJob;

/** The sealed verification QR code on every certificate, and its offline check. */
class VerifyQrTest {

    @TempDir
    Path dir;

    @Test
    void theCodeOnThePrintedPageCarriesTheVerifyCodeAndASealTheTerminalsPublicKeyAccepts() throws Exception {
        Certificate certificate = SampleCertificates.residenceProof();
        PrintJob job = SampleCertificates.composer(Layout.defaults()).compose(certificate);

        String scanned = new QrCodeScan().read(javax.imageio.ImageIO.read(
                new java.io.ByteArrayInputStream(Preview.of(job).pagePng(1, 200)))).orElseThrow();
        VerifyQr qr = VerifyQr.parse(scanned);

        assertThat(qr.verifyCode(), equalTo("7KQ2-M9XD-4TRA"));
        assertThat(qr.terminalId(), equalTo("KIOSK-0031"));
        assertThat(qr.itemCode(), equalTo("110105-JZZM-01"));
        assertThat(qr.title(), equalTo("居住证明"));
        assertThat(qr.issuedAt().toInstant(), equalTo(SampleCertificates.ISSUED_AT.toInstant()));
        assertThat(qr.contentDigest(), equalTo(VerifyQr.contentDigest(certificate)));
        assertThat(qr.verifiedBy(SampleCertificates.SEAL.verifier()), is(true));
        // personal data stays off the code
        assertThat(scanned, not(containsString(SampleCertificates.CITIZEN_NAME)));
        assertThat(scanned, not(containsString("110105198803120417")));
    }

    @Test
    void theCodeOfALongCertificateIsFoundAfterItsTable() throws Exception {
        PrintJob job = SampleCertificates.composer(Layout.defaults()).compose(SampleCertificates.paymentRecord(150));

        Optional<String> text = new QrCodeScan().readPdf(job.pdf());

        assertThat(VerifyQr.parse(text.orElseThrow()).verifyCode(), equalTo("Q8WZ-3HNC-PL5E"));
    }

    @Test
    void aChangedFieldOrAnotherTerminalsKeyFailsTheCheck() {
        VerifyQr qr = VerifyQr.seal(SampleCertificates.residenceProof(), SampleCertificates.SEAL);
        VerifyQr altered = VerifyQr.parse(qr.text().replace("7KQ2-M9XD-4TRA", "7KQ2-M9XD-4TRB"));
        TerminalSeal other = TerminalSeal.generate(new SecureRandom());

        assertThat(VerifyQr.parse(qr.text()).verifiedBy(SampleCertificates.SEAL.verifier()), is(true));
        assertThat(altered.verifiedBy(SampleCertificates.SEAL.verifier()), is(false));
        assertThat(qr.verifiedBy(other.verifier()), is(false));
    }

    @Test
    void separatorsInsideValuesSurviveTheRoundTrip() {
        Certificate tricky = new Certificate("证明|100%", List.of(), Optional.empty(), "A|B%7C", "T-1",
                SampleCertificates.ISSUED_AT, "X|Y");
        VerifyQr qr = VerifyQr.seal(tricky, SampleCertificates.SEAL);

        VerifyQr read = VerifyQr.parse(qr.text());

        assertThat(read.title(), equalTo("证明|100%"));
        assertThat(read.verifyCode(), equalTo("A|B%7C"));
        assertThat(read.verifiedBy(SampleCertificates.SEAL.verifier()), is(true));
    }

    @Test
    void textThatIsNoTongbanCodeIsAClearError() {
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> VerifyQr.parse("https://example.org/"));
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> VerifyQr.parse("TB1|7KQ2|KIOSK"));

        assertThat(foreign.getMessage(), containsString("not a Tongban certificate code"));
        assertThat(cut.getMessage(), containsString("cut short or altered"));
    }

    @Test
    void theKeyIsCreatedOnceWithMode600AndItsPublicHalfBesideIt() throws Exception {
        Path file = dir.resolve("keys/seal.key");
        TerminalSeal first = TerminalSeal.loadOrCreate(file, new SecureRandom());
        TerminalSeal again = TerminalSeal.loadOrCreate(file, new SecureRandom());
        byte[] message = "x".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), equalTo("rw-------"));
        assertThat(again.verifier().verify(message, first.sign(message)), is(true));
        assertThat(TerminalSeal.SealVerifier.read(TerminalSeal.publicKeyFile(file)).verify(message, first.sign(message)),
                is(true));
        assertThat(Files.readString(TerminalSeal.publicKeyFile(file)), not(containsString("private")));
    }

    @Test
    void theCodeStaysSmallEnoughForTwentyFiveMillimetres() {
        String text = VerifyQr.seal(SampleCertificates.paymentRecord(3), SampleCertificates.SEAL).text();

        // version 10 at level M is 57 modules: about 0.4 mm each in 25 mm
        assertThat(new QrCodeDrawing(text).modules(), lessThan(62));
    }
}
