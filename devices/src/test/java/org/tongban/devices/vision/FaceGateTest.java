package org.tongban.devices.vision;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

/** The quality gate on real photos from opencv-doc and on frames made from them. */
class FaceGateTest {

    private static FaceGate gate;

    @BeforeAll
    static void photos() {
        TestPhotos.require();
        gate = FaceGate.fromOptions(Map.of());
    }

    private static FaceVerdict check(Mat m) {
        try {
            return gate.check(m);
        } finally {
            m.release();
        }
    }

    @Test
    void oneCentredSharpFaceIsAccepted() {
        FaceVerdict v = check(TestPhotos.centredFace());
        assertThat(v.reasons(), is(empty()));
        assertThat(v.accepted(), is(true));
        assertThat(v.faces(), is(1));
        assertThat(v.face().eyes() > 0, is(true));
    }

    @Test
    void theTutorialPictureHasFourFaces() {
        FaceVerdict v = check(OpenCv.read(TestPhotos.FACEREG.toString()));
        assertThat(v.faces(), is(4));
        assertThat(v.reasons(), contains(FaceQuality.MORE_THAN_ONE_FACE));
    }

    @Test
    void twoPeopleInFrontOfTheCamera() {
        FaceVerdict v = check(TestPhotos.twoFaces());
        assertThat(v.faces(), is(2));
        assertThat(v.accepted(), is(false));
        assertThat(v.reasons(), contains(FaceQuality.MORE_THAN_ONE_FACE));
    }

    @Test
    void aFaceFarAwayIsTooSmall() {
        FaceVerdict v = check(OpenCv.read(TestPhotos.MESSI.toString()));
        assertThat(v.faces(), is(1));
        assertThat(v.reasons(), hasItem(FaceQuality.TOO_SMALL));
    }

    @Test
    void aFaceAtTheEdgeIsNotCentred() {
        FaceVerdict v = check(TestPhotos.face(3, 220, 10, 10));
        assertThat(v.reasons(), hasItem(FaceQuality.NOT_CENTRED));
    }

    @Test
    void aDarkRoomIsTooDark() {
        Mat face = TestPhotos.centredFace();
        FaceVerdict v = check(TestPhotos.darker(face, 0.25));
        face.release();
        assertThat(v.reasons(), hasItem(FaceQuality.TOO_DARK));
    }

    @Test
    void aBlurredFaceIsBlurred() {
        Mat face = TestPhotos.centredFace();
        FaceVerdict v = check(TestPhotos.blurred(face));
        face.release();
        assertThat(v.accepted(), is(false));
        assertThat(v.reasons(), hasItem(FaceQuality.BLURRED));
    }

    @Test
    void closedEyesAreSaid() {
        Mat face = TestPhotos.centredFace();
        FaceVerdict v = check(TestPhotos.eyesClosed(face));
        face.release();
        assertThat(v.reasons(), contains(FaceQuality.EYES_CLOSED));
    }

    @Test
    void theLbpModelLoadsToo() {
        FaceGate lbp = FaceGate.fromOptions(Map.of("faceDetector", "lbp"));
        assertThat(lbp.describe(), containsString("lbpcascade_frontalface_improved.xml"));
        FaceVerdict v = check(TestPhotos.face(0, 300, 170, 90));
        assertThat(v.faces(), is(1));
    }

    @Test
    void aMissingYuNetModelIsAClearError(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FaceGate.fromOptions(Map.of("faceDetector", "yunet", "faceModel", dir.resolve("yunet.onnx").toString())));
        assertThat(e.getMessage(), containsString("YuNet model"));
        assertThat(e.getMessage(), containsString("not found"));
        IllegalArgumentException noPath = assertThrows(IllegalArgumentException.class,
                () -> FaceGate.fromOptions(Map.of("faceDetector", "yunet")));
        assertThat(noPath.getMessage(), containsString("faceModel"));
    }

    @Test
    void aFileThatIsNotAModelIsRefusedByOpenCv(@TempDir Path dir) throws Exception {
        Path junk = java.nio.file.Files.writeString(dir.resolve("yunet.onnx"), "not a model");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new YuNetFaceDetector(junk));
        assertThat(e.getMessage(), containsString("could not be loaded"));
    }
}
