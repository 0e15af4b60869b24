package org.tongban.devices.camera;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceException.Reason;
import org.tongban.devices.DeviceState;
import org.tongban.devices.EventRecorder;

class SimulatedCameraTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final SimulatedCamera camera = new SimulatedCamera("face", 320, 240, SimulatedCamera.PNG,
            Duration.ofMillis(20));
    private final EventRecorder recorder = new EventRecorder();

    @BeforeEach
    void start() throws DeviceException {
        camera.addListener(recorder);
        camera.openClaimEnable(SECOND);
    }

    @AfterEach
    void stop() {
        camera.close();
    }

    private static Reason reasonOf(Executable call) {
        return assertThrows(DeviceException.class, call).reason();
    }

    private static BufferedImage decode(Frame frame) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(frame.image()));
    }

    @Test
    void aClipThatIsNotThereIsRefusedWhenGiven(@TempDir Path dir) {
        String missing = dir.resolve("face_%03d.jpg").toString();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> camera.playClip(missing));
        assertThat(e.getMessage(), containsString(missing));
    }

    @Test
    void aClipOpenCvCannotPlayIsADeviceErrorAtItsFirstFrame(@TempDir Path dir) throws IOException {
        // OpenCV is loaded at the first frame, not when the clip is given (a starting terminal does not wait for it)
        Files.writeString(dir.resolve("face_000.jpg"), "not a picture");
        camera.playClip(dir.resolve("face_%03d.jpg").toString());
        assertThat(reasonOf(() -> camera.capture(SECOND)), is(Reason.HARDWARE));
    }

    @Test
    void captureGivesAnEncodedFrameOfTheStatedSize() throws Exception {
        Frame frame = camera.capture(SECOND);
        assertThat(frame.mediaType(), is("image/png"));
        BufferedImage image = decode(frame);
        assertThat(image.getWidth(), is(320));
        assertThat(image.getHeight(), is(240));
        assertThat(frame.width(), is(320));
        assertThat(frame.height(), is(240));
        assertThat("not black", image.getRGB(5, 5) & 0xFFFFFF, not(0));
    }

    @Test
    void aJpegCameraMakesJpegs() throws Exception {
        SimulatedCamera jpeg = new SimulatedCamera("face2", 64, 48, SimulatedCamera.JPEG, Duration.ofMillis(50));
        try {
            jpeg.openClaimEnable(SECOND);
            Frame frame = jpeg.capture(SECOND);
            assertThat(frame.mediaType(), is("image/jpeg"));
            assertThat(frame.image()[0] & 0xFF, is(0xFF)); // JPEG start-of-image marker FF D8
            assertThat(frame.image()[1] & 0xFF, is(0xD8));
            assertThat(decode(frame).getWidth(), is(64));
        } finally {
            jpeg.close();
        }
    }

    @Test
    void consecutiveFramesDiffer() throws Exception {
        assertThat(Arrays.equals(camera.capture(SECOND).image(), camera.capture(SECOND).image()), is(false));
        assertThat(camera.framesDrawn(), is(2L));
    }

    @Test
    void aFrameNeverPrintsItsBytesAndCanBeWiped() throws Exception {
        Frame frame = camera.capture(SECOND);
        assertThat(frame.toString(), containsString("image/png 320x240"));
        assertThat(frame.toString().length(), lessThan(100));
        frame.wipe();
        assertArrayEquals(new byte[frame.image().length], frame.image());
    }

    @Test
    void aCoveredLensGivesBlackFramesAndTheHealthLineSaysSo() throws Exception {
        camera.cover();
        BufferedImage image = decode(camera.capture(SECOND));
        assertThat(image.getRGB(160, 120) & 0xFFFFFF, is(0));
        assertThat(camera.state(), is(DeviceState.ONLINE));
        assertThat(camera.checkHealth().text(), containsString("lens covered"));

        camera.uncover();
        assertThat(decode(camera.capture(SECOND)).getRGB(5, 5) & 0xFFFFFF, not(0));
        assertThat(camera.checkHealth().text(), not(containsString("lens covered")));
    }

    @Test
    void previewPublishesFramesUntilStopped() throws Exception {
        camera.startPreview();
        camera.startPreview(); // a second start is harmless
        assertThat(camera.previewing(), is(true));
        recorder.awaitData(Frame.class, 3, Duration.ofSeconds(5));
        camera.stopPreview();
        int afterStop = recorder.data(Frame.class).size();
        Thread.sleep(100); // five preview intervals
        assertThat(recorder.data(Frame.class).size(), is(afterStop));
        assertThat(camera.previewing(), is(false));
        assertThat(recorder.data(Frame.class).get(0).width(), is(320));
    }

    @Test
    void disablingStopsThePreviewAndAPreviewNeedsAnEnabledCamera() throws Exception {
        camera.startPreview();
        camera.disable();
        assertThat(camera.previewing(), is(false));
        assertThat(reasonOf(camera::startPreview), is(Reason.ILLEGAL_STATE));
    }

    @Test
    void unpluggingStopsThePreviewAndPlugInRecovers() throws Exception {
        camera.startPreview();
        recorder.awaitData(Frame.class, 1, Duration.ofSeconds(5));
        camera.unplug();
        assertThat(camera.previewing(), is(false));
        assertThat(camera.state(), is(DeviceState.OFFLINE));
        assertThat(camera.checkHealth().text(), containsString("USB cable"));
        assertThat(reasonOf(() -> camera.capture(SECOND)), is(Reason.OFFLINE));
        assertThat(reasonOf(camera::startPreview), is(Reason.OFFLINE));

        camera.plugIn();
        assertThat(camera.state(), is(DeviceState.ONLINE));
        assertThat(camera.capture(SECOND).width(), is(320));
    }

    @Test
    void aSensorFaultIsAHardwareErrorUntilCleared() throws Exception {
        camera.sensorFault();
        assertThat(camera.state(), is(DeviceState.HARDWARE_ERROR));
        assertThat(reasonOf(() -> camera.capture(SECOND)), is(Reason.HARDWARE));
        assertThat(camera.checkHealth().healthy(), is(false));
        assertThat(camera.checkHealth().text(), containsString("sensor"));
        camera.clearFault();
        assertThat(camera.capture(SECOND).height(), is(240));
        assertThat(recorder.states(), hasItem(DeviceState.HARDWARE_ERROR));
    }

    @Test
    void aFaultScriptedWhileClosedShowsWhenOpened() throws Exception {
        camera.close();
        camera.sensorFault();
        assertThat(camera.state(), is(DeviceState.OFFLINE));
        camera.open();
        assertThat(camera.state(), is(DeviceState.HARDWARE_ERROR));
        camera.clearFault();
        camera.claim(SECOND);
        camera.enable();
        assertThat(camera.capture(SECOND).width(), is(320));
    }
}
