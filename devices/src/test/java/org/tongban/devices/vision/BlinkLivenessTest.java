package org.tongban.devices.vision;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/** The blink challenge on frames built from a real photo: a blink passes, a photo held still does not. */
class BlinkLivenessTest {

    private static FaceGate gate;

    @BeforeAll
    static void photos() {
        TestPhotos.require();
        gate = FaceGate.fromOptions(java.util.Map.of());
    }

    private static BlinkLiveness run(List<Mat> frames) {
        BlinkLiveness liveness = new BlinkLiveness();
        for (Mat f : frames) {
            liveness.observe(gate.check(f));
            f.release();
        }
        return liveness;
    }

    @Test
    void aBlinkPasses() {
        BlinkLiveness liveness = run(TestPhotos.blinkingFrames());
        assertThat(liveness.passed(), is(true));
        assertThat(liveness.score(), is(1.0));
    }

    @Test
    void aPrintedPhotoHeldStillDoesNotPass() {
        Mat photo = TestPhotos.centredFace();
        List<Mat> frames = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            frames.add(TestPhotos.shifted(photo, i % 2, 0)); // a hand's tremor, but the eyes never close
        }
        photo.release();
        BlinkLiveness liveness = run(frames);
        assertThat(liveness.passed(), is(false));
        assertThat(liveness.score(), is(0.0));
    }

    @Test
    void swappingPhotosMidwayStartsOver() {
        Mat open = TestPhotos.centredFace();
        Mat closedElsewhere = TestPhotos.eyesClosed(TestPhotos.face(3, 300, 20, 20));
        List<Mat> frames = new ArrayList<>(List.of(open.clone(), open.clone(), closedElsewhere.clone(), open.clone()));
        open.release();
        closedElsewhere.release();
        assertThat(run(frames).passed(), is(false));
    }
}
