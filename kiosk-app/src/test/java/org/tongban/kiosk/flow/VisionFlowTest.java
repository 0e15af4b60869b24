package org.tongban.kiosk.flow;

import static org.tongban.kiosk.testing.Eventually.until;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.camera.SimulatedCamera;
import org.tongban.devices.vision.DemoClips;
import org.tongban.devices.vision.FaceGate;
import org.tongban.devices.vision.TestPhotos;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.flow.Stage;
import org.tongban.kiosk.platform.Transaction;

/**
 * The face, e-licence and capture steps over a whole demo terminal (real outbox, platform simulator on
 * loopback, the simulated cameras playing clips made from opencv-doc's photo).
 */
class VisionFlowTest {

    private Demo demo;
    private Navigator nav;

    @BeforeEach
    void start() throws Exception {
        TestPhotos.require();
        demo = new Demo(0);
        nav = demo.terminal().navigator();
        until(() -> demo.terminal().sync().reachability().online());
    }

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }


    private ServiceFlow open(String item) throws Exception {
        nav.cardRead(Demo.sampleCard());
        nav.openItem(item);
        ServiceFlow flow = nav.flow().orElseThrow();
        flow.proceed();
        until(() -> flow.state().stage() != Stage.GUIDANCE && flow.state().stage() != Stage.WORKING);
        return flow;
    }

    private SimulatedCamera faceCamera() {
        return (SimulatedCamera) demo.terminal().devices().byName("camera").orElseThrow();
    }

    private void runToTheEnd(ServiceFlow flow) throws Exception {
        for (int moves = 0; moves < 30; moves++) {
            until(() -> flow.state().stage() != Stage.WORKING);
            switch (flow.state().stage()) {
                case GUIDANCE, RESULT, PRINTED, CONFIRM, SUBMITTED, LICENSE_SHOWN -> flow.proceed();
                case FORM -> flow.submitForm(Map.of("phone", "13812345678", "lossReason", "遗失",
                        "invoiceType", "数电发票（普通发票）", "bankAccount", "6222020000000000", "companyName", "x"));
                case REVIEW -> flow.review(5, List.of());
                case LICENSE -> {
                    demo.qrScanner().show("DZZZ:42");
                    until(() -> flow.state().stage() != Stage.LICENSE);
                }
                case CAPTURE -> {
                    if (flow.capture().orElseThrow().pages() == 0) {
                        flow.capturePage();
                        until(() -> flow.state().pages() == 1);
                    } else {
                        flow.finishCapture();
                    }
                }
                case DONE -> {
                    return;
                }
                default -> throw new AssertionError("stopped at " + flow.state());
            }
        }
        throw new AssertionError("no end: " + flow.state());
    }

    @Test
    void theFaceItemRunsTheCameraStepWithLivenessAndGoesOn() throws Exception {
        ServiceFlow flow = open("SI-PENSION-CERTIFY");
        assertThat(flow.state().stage(), is(Stage.FACE));
        assertThat(faceCamera().previewing(), is(true));
        FaceStep step = flow.faceStep().orElseThrow();
        List<String> guidance = new CopyOnWriteArrayList<>();
        step.addListener(s -> guidance.add(s.guidance()));
        until(() -> flow.state().stage() == Stage.FORM);
        assertThat(demo.platform().identityVerifications(), is(1));
        assertThat(guidance.contains("face.guide.blink"), is(true)); // a good frame first, then the blink asked
        assertThat(step.outcome(), is(FaceStep.Outcome.MATCH));
        assertThat(faceCamera().previewing(), is(false)); // the camera is off as soon as the step is done
        runToTheEnd(flow);
    }

    @Test
    void leavingDuringTheCameraStepTurnsTheCameraOff() throws Exception {
        ServiceFlow flow = open("SI-PENSION-CERTIFY");
        assertThat(faceCamera().previewing(), is(true));
        nav.back(); // a started service: the review is offered, the camera is already off
        assertThat(faceCamera().previewing(), is(false));
        assertThat(flow.faceStep().isPresent(), is(false));
        if (flow.leaving()) {
            flow.skipReview();
        }
        assertThat(flow.cancelled(), is(true));
    }

    @Test
    void aFaceThatDoesNotMatchCanBeTriedAgain() throws Exception {
        demo.platform().answerIdentity(false, 0.2);
        ServiceFlow flow = open("SI-PENSION-CERTIFY");
        until(() -> flow.state().stage() == Stage.FAILED);
        assertThat(flow.state().message(), is("flow.face.noMatch"));
        assertThat(flow.state().canRetry(), is(true));
        assertThat(faceCamera().previewing(), is(false));
        demo.platform().answerIdentity(true, 0.95);
        flow.retry();
        until(() -> flow.state().stage() == Stage.FORM);
    }

    @Test
    void offlineTheFaceStepSaysItNeedsThePlatform() throws Exception {
        nav.cardRead(Demo.sampleCard());
        nav.openItem("SI-PENSION-CERTIFY");
        ServiceFlow flow = nav.flow().orElseThrow();
        demo.platform().stop();
        until(() -> !demo.terminal().sync().reachability().online());
        flow.proceed();
        until(() -> flow.state().stage() == Stage.NEEDS_PLATFORM);
        assertThat(flow.state().message(), is("flow.face.offline"));
        assertThat(faceCamera().framesDrawn(), is(0L));
    }

    @Test
    void anItemWithoutVerifyFaceNeverOpensTheCameraForAFace() throws Exception {
        for (String item : List.of("SI-CARD-LOSS", "TAX-INVOICE-FIRST", "HF-WITHDRAW-RENT")) {
            ServiceFlow flow = open(item);
            runToTheEnd(flow);
            nav.finish();
        }
        assertThat(faceCamera().framesDrawn(), is(0L)); // the face camera never took a single frame
    }

    @Test
    void theFaceIsWipedAfterVerificationAndNeverWrittenToDiskOrLog(@TempDir Path clips) throws Exception {
        // The step on its own, with the platform call watched: what it sends must be zeroes afterwards.
        SimulatedCamera camera = new SimulatedCamera("camera", 640, 480, SimulatedCamera.JPEG, Duration.ofMillis(50));
        camera.playClip(DemoClips.writeFaceClip(clips).orElseThrow());
        camera.openClaimEnable(Duration.ofSeconds(1));
        List<byte[]> sent = new ArrayList<>();
        List<FaceStep.Outcome> outcome = new CopyOnWriteArrayList<>();
        FaceStep step = new FaceStep(camera, FaceGate.fromOptions(Map.of()), (applicant, face, liveness) -> {
            sent.add(face);
            assertThat(face[0], is((byte) 0xFF)); // a JPEG while it is being sent
            return demo.terminal().platform().verifyIdentity(applicant, face, liveness);
        }, IdentifyHandler.applicantOf(Demo.sampleCard()), Clock.systemUTC(), Duration.ofSeconds(20), outcome::add);
        long since = System.currentTimeMillis();
        step.start();
        until(() -> !outcome.isEmpty());
        camera.close();
        assertThat(outcome, equalTo(List.of(FaceStep.Outcome.MATCH)));
        assertThat(sent.size(), is(1));
        for (byte b : sent.get(0)) {
            if (b != 0) {
                throw new AssertionError("the face picture sent was not wiped");
            }
        }
        // Nothing with a JPEG in it was written by the terminal, and the log holds no base64 JPEG ("/9j/").
        Path data = Path.of(demo.terminal().config().kiosk().dataDir());
        for (Path file : files(data)) {
            if (Files.getLastModifiedTime(file).toMillis() >= since - 1000) {
                byte[] head = Files.readAllBytes(file);
                assertThat(file + " holds a JPEG", indexOf(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}), is(-1));
            }
        }
        Path logs = Path.of(System.getProperty("tongban.logDir", "target/test-logs"));
        for (Path log : files(logs)) {
            assertThat(Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1), not(containsString("/9j/")));
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void paperMaterialsAreCapturedRetakenAndFiledAsOnePdf() throws Exception {
        ServiceFlow flow = open("HF-WITHDRAW-RENT");
        flow.submitForm(Map.of("phone", "13812345678", "bankAccount", "6222020000000000"));
        until(() -> flow.state().stage() == Stage.CAPTURE);
        flow.capturePage();
        until(() -> flow.state().stage() == Stage.CAPTURE && flow.state().pages() == 1);
        assertThat(flow.state().message(), is("flow.capture.added"));
        flow.capturePage();
        until(() -> flow.state().stage() == Stage.CAPTURE && flow.state().pages() == 2);
        flow.retakePage(0);
        until(() -> flow.state().stage() == Stage.CAPTURE && flow.state().message().equals("flow.capture.retaken"));
        flow.removePage(1);
        assertThat(flow.state().pages(), is(1));
        flow.finishCapture();
        until(() -> flow.state().stage() == Stage.CONFIRM);
        runToTheEnd(flow);
        until(() -> demo.platform().transactions().stream().anyMatch(t -> "HF-WITHDRAW-RENT".equals(t.itemCode())));
        Transaction filed = demo.platform().transactions().stream()
                .filter(t -> "HF-WITHDRAW-RENT".equals(t.itemCode())).findFirst().orElseThrow();
        assertThat(filed.attachments().size(), is(1));
        assertThat(filed.attachments().get(0).mediaType(), is("application/pdf"));
        byte[] pdf = java.util.Base64.getDecoder().decode(filed.attachments().get(0).contentBase64());
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII), is("%PDF-"));
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages(), is(1));
        }
    }
}
