package org.tongban.kiosk.flow;

import static org.tongban.kiosk.testing.Eventually.until;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.tongban.devices.camera.SimulatedCamera;
import org.tongban.devices.qr.SimulatedQrScanner;
import org.tongban.devices.vision.OpenCv;
import org.tongban.devices.vision.QrDecoderTest;
import org.tongban.kiosk.platform.LicenseVerification;

/** The e-licence step's own rules: what is refused on the kiosk, the masking, and QR codes from a camera. */
class LicenseStepTest {

    @Test
    void whatCanNeverBeAnELicenceIsRefusedOnTheKiosk() {
        assertThat(LicenseStep.refusal("https://example.com/x"), is(Optional.of("flow.license.isLink")));
        assertThat(LicenseStep.refusal("  HTTP://EXAMPLE.COM"), is(Optional.of("flow.license.isLink")));
        assertThat(LicenseStep.refusal("weixin://dl/business"), is(Optional.of("flow.license.isLink")));
        assertThat(LicenseStep.refusal("www.example.com"), is(Optional.of("flow.license.isLink")));
        assertThat(LicenseStep.refusal("x".repeat(4097)), is(Optional.of("flow.license.notLicense")));
        assertThat(LicenseStep.refusal("a\u0000b"), is(Optional.of("flow.license.notLicense")));
        assertThat(LicenseStep.refusal(" "), is(Optional.of("flow.license.notLicense")));
        assertThat(LicenseStep.refusal("DZZZ:91530100MA6K7Y2X3B"), is(Optional.empty()));
        assertThat(LicenseStep.refusal("电子证照 12345"), is(Optional.empty()));
    }

    @Test
    void onlyTheFirstAndLastFourCharactersOfTheNumberShow() {
        assertThat(LicenseStep.masked(license("91530100MA6K7Y2X3B")), is("9153**********2X3B"));
        assertThat(LicenseStep.masked(license("1234567")), is("*******"));
    }

    @Test
    void withoutAQrScannerTheCameraFramesAreDecoded(@TempDir Path dir) throws Exception {
        OpenCv.load();
        Mat frame = QrDecoderTest.frame("DZZZ:from-the-camera", 360, 0, 0);
        Imgcodecs.imwrite(dir.resolve("qr_000.jpg").toString(), frame); // a phone held still: two frames, looped
        Imgcodecs.imwrite(dir.resolve("qr_001.jpg").toString(), frame);
        frame.release();
        SimulatedCamera camera = new SimulatedCamera("camera", 1280, 720, SimulatedCamera.JPEG, Duration.ofMillis(50));
        camera.playClip(dir.resolve("qr_%03d.jpg").toString());
        camera.openClaimEnable(Duration.ofSeconds(1));
        List<String> codes = new CopyOnWriteArrayList<>();
        LicenseStep step = new LicenseStep(Optional.empty(), Optional.of(camera), codes::add);
        try {
            step.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (codes.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(codes, is(List.of("DZZZ:from-the-camera")));
        } finally {
            step.stop();
            camera.close();
        }
        assertThat(camera.previewing(), is(false));
    }

    @Test
    void aCodeShownWhileTheLastIsCheckedIsTakenOnceTheStepWaitsAgain() throws Exception {
        SimulatedQrScanner scanner = new SimulatedQrScanner("qr");
        scanner.openClaimEnable(Duration.ofSeconds(1));
        List<String> codes = new CopyOnWriteArrayList<>();
        LicenseStep step = new LicenseStep(Optional.of(scanner), Optional.empty(), codes::add);
        try {
            step.start();
            scanner.show("WIFI:S:hall;;");
            until(() -> codes.size() == 1);
            scanner.show("DZZZ:42"); // the citizen shows the right one while the first is still checked
            Thread.sleep(100);
            assertThat(codes, is(List.of("WIFI:S:hall;;")));
            step.again(); // the first was refused
            until(() -> codes.size() == 2);
            assertThat(codes, is(List.of("WIFI:S:hall;;", "DZZZ:42")));
        } finally {
            step.stop();
            scanner.close();
        }
    }

    @Test
    void theELicenceFlowRefusesWhatIsNotALicenceAndShowsTheNumberMasked(@TempDir Path dir) throws Exception {
        SimulatedQrScanner qr = new SimulatedQrScanner("qr");
        qr.openClaimEnable(Duration.ofSeconds(1));
        FlowDevices none = FlowDevices.none();
        FlowDevices devices = new FlowDevices(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(qr),
                none.faceGates(), none.verifier(), none.faceTimeout(), none.maxPdfBytes());
        try (FlowFixture fx = new FlowFixture(dir, java.time.Clock.systemUTC(), devices)) {
            fx.sessions.startOrContinue(org.tongban.kiosk.session.Session.Trigger.ID_CARD)
                    .identify(org.tongban.kiosk.app.Demo.sampleCard());
            ServiceFlow flow = fx.flow("TAX-INVOICE-FIRST");
            flow.start();
            flow.proceed();
            assertThat(flow.state().stage(), is(Stage.LICENSE));
            qr.show("https://example.com/pay?id=1");
            until(() -> flow.state().message().equals("flow.license.isLink"));
            qr.show("x".repeat(4097));
            until(() -> flow.state().message().equals("flow.license.notLicense"));
            assertThat(fx.platform.licenseChecks.get(), is(0)); // neither was sent anywhere
            qr.show("WIFI:S:hall;T:WPA;P:secret;;");
            until(() -> flow.state().stage() == Stage.LICENSE
                    && flow.state().message().equals("flow.license.notLicense") && fx.platform.licenseChecks.get() == 1);
            qr.show("DZZZ:91530100MA6K7Y2X3B");
            until(() -> flow.state().stage() == Stage.LICENSE_SHOWN);
            String number = flow.license().orElseThrow().number();
            String masked = LicenseStep.masked(flow.license().orElseThrow());
            assertThat(masked.length(), is(number.length()));
            assertThat(masked.substring(0, 4), is(number.substring(0, 4)));
            assertThat(masked.substring(4, number.length() - 4), is("*".repeat(number.length() - 8)));

            flow.proceed();
            flow.submitForm(java.util.Map.of("phone", "13812345678", "invoiceType", "数电发票（普通发票）"));
            flow.proceed(); // confirmed: filed
            assertThat(flow.state().stage(), is(Stage.SUBMITTED));
            var filed = fx.outbox.pendingTransactions().stream()
                    .filter(t -> "TAX-INVOICE-FIRST".equals(t.itemCode())).findFirst().orElseThrow();
            assertThat(filed.form().get("licenseNumber"), is(number));
        } finally {
            qr.close();
        }
    }


    private static LicenseVerification.License license(String number) {
        return new LicenseVerification.License("营业执照", number, "某公司", null, "某局", null, "长期");
    }
}
