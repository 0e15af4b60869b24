package org.tongban.devices.camera;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.tongban.devices.DeviceException;
import org.tongban.devices.vision.BlinkLiveness;
import org.tongban.devices.vision.FaceGate;
import org.tongban.devices.vision.FaceQuality;
import org.tongban.devices.vision.FaceVerdict;
import org.tongban.devices.vision.OpenCv;
import org.tongban.devices.vision.TestPhotos;

/**
 * MJPEG videos built from the opencv-doc photos (a citizen moving and blinking, a photo held still, a dark
 * hall, a shaking hand, two people), played through the OpenCV camera into the quality gate and the
 * liveness challenge, as the face step of a flow does.
 */
class FaceVideosTest {

    private static final int FRAMES = 24;
    @TempDir
    Path dir;

    @BeforeAll
    static void photos() {
        TestPhotos.require();
    }

    private record Outcome(List<FaceVerdict> verdicts, boolean live) {
        Set<FaceQuality> reasons() {
            Set<FaceQuality> all = EnumSet.noneOf(FaceQuality.class);
            verdicts.forEach(v -> all.addAll(v.reasons()));
            return all;
        }

        long accepted() {
            return verdicts.stream().filter(FaceVerdict::accepted).count();
        }
    }

    private Outcome play(String name, List<Mat> frames) throws DeviceException {
        Path avi = TestPhotos.video(dir.resolve(name + ".avi"), frames, 15);
        OpenCvCamera camera = new OpenCvCamera("camera", OpenCvCamera.Settings.of(avi.toString()).withFps(0));
        FaceGate gate = FaceGate.fromOptions(Map.of());
        BlinkLiveness liveness = new BlinkLiveness();
        List<FaceVerdict> verdicts = new ArrayList<>();
        try {
            camera.openClaimEnable(Duration.ofSeconds(2));
            for (int i = 0; i < FRAMES; i++) {
                Frame f = camera.capture(Duration.ofSeconds(5));
                Mat m = OpenCv.decode(f.image());
                f.wipe();
                FaceVerdict v = gate.check(m);
                m.release();
                verdicts.add(v);
                liveness.observe(v);
            }
        } finally {
            camera.close();
        }
        return new Outcome(verdicts, liveness.passed());
    }

    private static List<Mat> each(Mat base, UnaryOperator<Mat> change) {
        List<Mat> frames = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            Mat moved = TestPhotos.shifted(base, (i % 5) - 2, (i % 3) - 1);
            frames.add(change.apply(moved));
            if (frames.get(i) != moved) {
                moved.release();
            }
        }
        base.release();
        return frames;
    }

    @Test
    void aCitizenMovingAndBlinkingPasses() throws Exception {
        Outcome o = play("moving", TestPhotos.blinkingFrames());
        assertThat(o.accepted(), greaterThan(10L));
        assertThat(o.live(), is(true));
    }

    @Test
    void aPhotoHeldStillIsAcceptedButNotLive() throws Exception {
        Outcome o = play("still", each(TestPhotos.centredFace(), m -> m));
        assertThat(o.accepted(), is((long) FRAMES));
        assertThat(o.live(), is(false));
    }

    @Test
    void aDarkHallSaysTooDark() throws Exception {
        Outcome o = play("dark", each(TestPhotos.centredFace(), m -> TestPhotos.darker(m, 0.25)));
        assertThat(o.accepted(), is(0L));
        assertThat(o.reasons(), hasItem(FaceQuality.TOO_DARK));
    }

    @Test
    void aShakingCameraSaysHoldStill() throws Exception {
        Outcome o = play("blurred", each(TestPhotos.centredFace(), TestPhotos::blurred));
        assertThat(o.accepted(), is(0L));
        assertThat(o.reasons(), hasItem(FaceQuality.BLURRED));
        assertThat(o.live(), is(false));
    }

    @Test
    void twoPeopleAreNeverAccepted() throws Exception {
        Outcome o = play("two", each(TestPhotos.twoFaces(), m -> m));
        assertThat(o.accepted(), is(0L));
        assertThat(o.verdicts().stream().map(FaceVerdict::reasons).toList(),
                everyItem(is(List.of(FaceQuality.MORE_THAN_ONE_FACE))));
    }
}
