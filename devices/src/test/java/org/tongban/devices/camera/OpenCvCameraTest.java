package org.tongban.devices.camera;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.tongban.devices.DataEvent;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceState;
import org.tongban.devices.vision.OpenCv;
import org.tongban.devices.vision.TestPhotos;

/** The OpenCV camera on MJPEG files and image sequences the test writes. */
class OpenCvCameraTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private OpenCvCamera camera;

    @BeforeAll
    static void load() {
        OpenCv.load();
    }

    @AfterEach
    void close() {
        if (camera != null) {
            camera.close();
        }
    }

    /** Small numbered frames: a white disc moving over grey, the frame number in its brightness. */
    private static List<Mat> frames(int n, int w, int h) {
        List<Mat> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Mat m = new Mat(h, w, CvType.CV_8UC3, new Scalar(90, 90, 90));
            Imgproc.circle(m, new Point(10 + (i * 7) % (w - 20), h / 2.0), 8, new Scalar(250, 250, 250), -1);
            frames.add(m);
        }
        return frames;
    }

    private OpenCvCamera open(OpenCvCamera.Settings settings) throws DeviceException {
        camera = new OpenCvCamera("camera", settings);
        camera.openClaimEnable(TIMEOUT);
        return camera;
    }

    @Test
    void capturesFromAnMjpegFile() throws Exception {
        Path avi = TestPhotos.video(dir.resolve("clip.avi"), frames(20, 320, 240), 15);
        open(OpenCvCamera.Settings.of(avi.toString()).withFps(0));
        Frame f = camera.capture(TIMEOUT);
        assertThat(f.mediaType(), is("image/jpeg"));
        assertThat(f.width(), is(320));
        assertThat(f.height(), is(240));
        assertThat(Imgcodecs.imdecode(new org.opencv.core.MatOfByte(f.image()), Imgcodecs.IMREAD_COLOR).cols(), is(320));
    }

    @Test
    void anIdleCameraReadsNothing() throws Exception {
        Path avi = TestPhotos.video(dir.resolve("clip.avi"), frames(20, 160, 120), 15);
        open(OpenCvCamera.Settings.of(avi.toString()).withFps(0));
        Thread.sleep(300);
        assertThat(camera.framesGrabbed(), is(0L));
    }

    @Test
    void previewPublishesFramesAndStops() throws Exception {
        Path avi = TestPhotos.video(dir.resolve("clip.avi"), frames(10, 160, 120), 15);
        open(OpenCvCamera.Settings.of(avi.toString()).withFps(100));
        CountDownLatch twenty = new CountDownLatch(20); // more than the file holds: the file loops
        camera.addListener(e -> {
            if (e instanceof DataEvent<?> d && d.data() instanceof Frame) {
                twenty.countDown();
            }
        });
        camera.startPreview();
        assertThat(twenty.await(5, TimeUnit.SECONDS), is(true));
        camera.stopPreview();
        Thread.sleep(100);
        long after = camera.framesGrabbed();
        Thread.sleep(300);
        assertThat(camera.framesGrabbed(), is(after));
    }

    @Test
    void playsAnImageSequence() throws Exception {
        List<Mat> frames = frames(5, 200, 100);
        for (int i = 0; i < frames.size(); i++) {
            Imgcodecs.imwrite(dir.resolve(String.format("f_%03d.jpg", i)).toString(), frames.get(i));
            frames.get(i).release();
        }
        open(OpenCvCamera.Settings.of(dir.resolve("f_%03d.jpg").toString()).withFps(0));
        for (int i = 0; i < 12; i++) { // past the end: the sequence starts over
            assertThat(camera.capture(TIMEOUT).width(), is(200));
        }
    }

    @Test
    void aMissingFileIsOffline() {
        camera = new OpenCvCamera("camera", OpenCvCamera.Settings.of(dir.resolve("none.avi").toString()));
        DeviceException e = assertThrows(DeviceException.class, camera::open);
        assertThat(e.reason(), is(DeviceException.Reason.OFFLINE));
        assertThat(e.getMessage(), containsString("not found"));
        assertThat(camera.state(), is(DeviceState.OFFLINE));
    }

    @Test
    void aMissingV4l2CameraIsOffline() {
        camera = new OpenCvCamera("camera", OpenCvCamera.Settings.of("/dev/video97"));
        DeviceException e = assertThrows(DeviceException.class, camera::open);
        assertThat(e.reason(), is(DeviceException.Reason.OFFLINE));
    }

    @Test
    void aCaptureIsTheCallersCopyToWipe() throws Exception {
        Path avi = TestPhotos.video(dir.resolve("clip.avi"), frames(10, 160, 120), 15);
        open(OpenCvCamera.Settings.of(avi.toString()).withFps(0));
        Frame mine = camera.capture(TIMEOUT);
        mine.wipe();
        Frame next = camera.capture(TIMEOUT);
        assertThat(next.image()[0], is((byte) 0xFF)); // JPEG's SOI marker: untouched by the wipe of the other
    }

    /**
     * 10,000 frames through the grabber (decode, JPEG encode, publish): the process's memory outside the Java
     * heap must stay flat, so no native Mat is leaked. A leak of one 160x120 frame per grab would be 570 MB.
     */
    @Test
    void nativeMemoryStaysFlatOver10000Frames() throws Exception {
        Path avi = TestPhotos.video(dir.resolve("clip.avi"), frames(50, 160, 120), 30);
        open(OpenCvCamera.Settings.of(avi.toString()).withFps(0));
        AtomicLong seen = new AtomicLong();
        CountDownLatch warm = new CountDownLatch(1000);
        CountDownLatch done = new CountDownLatch(10_000);
        camera.addListener(e -> {
            if (e instanceof DataEvent<?> d && d.data() instanceof Frame) {
                seen.incrementAndGet();
                warm.countDown();
                done.countDown();
            }
        });
        camera.startPreview();
        assertThat(warm.await(30, TimeUnit.SECONDS), is(true));
        long before = nativeBytes();
        assertThat(done.await(120, TimeUnit.SECONDS), is(true));
        camera.stopPreview();
        long after = nativeBytes();
        assertThat(seen.get(), greaterThan(9_999L));
        assertThat("native memory grew by " + (after - before) / 1024 + " KiB", after - before, lessThan(24L << 20));
    }

    /** Resident memory minus what the JVM itself has committed (heap and non-heap): roughly the native allocations. */
    private static long nativeBytes() throws IOException {
        System.gc();
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        var memory = ManagementFactory.getMemoryMXBean();
        return rss - memory.getHeapMemoryUsage().getCommitted() - memory.getNonHeapMemoryUsage().getCommitted();
    }
}
