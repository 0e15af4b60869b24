package org.tongban.devices.camera;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.opencv.core.Mat;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.AbstractDevice;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.DeviceState;
import org.tongban.devices.vision.OpenCv;

/**
 * A camera through OpenCV's video I/O: a V4L2 camera ({@code port: "0"} or {@code /dev/video0}), or for
 * tests and the demo an MJPEG {@code .avi} or an image sequence ({@code frames/f_%04d.jpg}) played at
 * {@code fps} and looped.
 *
 * <p>Frames are grabbed on the camera's own thread only while a preview runs or a capture waits: an idle
 * camera reads nothing (no face is taken when no step asks for one). The buffer between the grabber and
 * its readers holds one frame, the newest, so nothing piles up; the grabber reuses one native {@code Mat}.
 */
public final class OpenCvCamera extends AbstractDevice implements Camera {

    /** The driver name in {@code devices.yaml}. */
    public static final String DRIVER = "opencv";
    private static final Logger log = LoggerFactory.getLogger(OpenCvCamera.class);

    /**
     * @param source a V4L2 index, a device path, an {@code .avi} file or an image-sequence pattern
     * @param fps frames a second read from a file source (0: as fast as they decode); a live camera sets its own pace
     * @param loop whether a file source starts over at its end (else the camera goes OFFLINE there)
     */
    public record Settings(String source, int width, int height, double fps, boolean loop, int jpegQuality) {

        public Settings {
            if (source == null || source.isBlank()) {
                throw new IllegalArgumentException("the camera needs a source: a V4L2 index, /dev/videoN, an .avi or an image sequence");
            }
            if (fps < 0 || jpegQuality < 1 || jpegQuality > 100) {
                throw new IllegalArgumentException("fps must be >= 0 and jpegQuality 1..100");
            }
        }

        public static Settings of(String source) {
            return new Settings(source, 640, 480, 15, true, 85);
        }

        public Settings withFps(double f) {
            return new Settings(source, width, height, f, loop, jpegQuality);
        }

        boolean live() {
            return source.chars().allMatch(Character::isDigit) || source.startsWith("/dev/");
        }
    }

    private final Settings settings;
    private final AtomicLong grabbed = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wanted = lock.newCondition();
    private final Condition arrived = lock.newCondition();
    // guarded by lock
    private Frame latest;
    private boolean preview;
    private int waitingCaptures;
    private VideoCapture capture;
    private Thread grabber;

    public OpenCvCamera(String name, Settings settings) {
        super(name, DeviceClass.CAMERA);
        this.settings = settings;
    }

    /** From {@code devices.yaml}: {@code port} is the source; options {@code width, height, fps, loop, jpegQuality}. */
    public static OpenCvCamera fromSpec(DeviceSpec spec) throws DeviceException {
        try {
            Settings d = Settings.of(spec.port() == null ? "0" : spec.port());
            return new OpenCvCamera(spec.name(), new Settings(d.source(),
                    Integer.parseInt(spec.option("width", "640")), Integer.parseInt(spec.option("height", "480")),
                    Double.parseDouble(spec.option("fps", "15")), Boolean.parseBoolean(spec.option("loop", "true")),
                    Integer.parseInt(spec.option("jpegQuality", "85"))));
        } catch (IllegalArgumentException e) {
            throw new DeviceException(DeviceException.Reason.ILLEGAL_STATE, spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** Frames read from the source so far. */
    public long framesGrabbed() {
        return grabbed.get();
    }

    // ---- the device --------------------------------------------------------------------------

    @Override
    protected void onOpen() throws DeviceException {
        OpenCv.load();
        VideoCapture c = openSource();
        lock.lock();
        try {
            capture = c;
        } finally {
            lock.unlock();
        }
        setState(DeviceState.ONLINE, "camera ready: " + settings.source());
    }

    private VideoCapture openSource() throws DeviceException {
        String src = settings.source();
        VideoCapture c;
        if (src.chars().allMatch(Character::isDigit)) {
            c = new VideoCapture(Integer.parseInt(src), Videoio.CAP_V4L2);
        } else if (src.startsWith("/dev/")) {
            c = new VideoCapture(src, Videoio.CAP_V4L2);
        } else if (src.contains("%")) {
            c = new VideoCapture(src, Videoio.CAP_IMAGES);
        } else {
            if (!Files.isReadable(Path.of(src))) {
                throw new DeviceException(DeviceException.Reason.OFFLINE, name() + ": video file " + src + " not found");
            }
            c = new VideoCapture(src, Videoio.CAP_OPENCV_MJPEG); // OpenCV's own reader: no FFmpeg in the jar
        }
        if (!c.isOpened()) {
            c.release();
            throw new DeviceException(DeviceException.Reason.OFFLINE, name() + ": cannot open camera source " + src
                    + (settings.live() ? " (camera unplugged, or in use by another program?)" : ""));
        }
        if (settings.live()) {
            c.set(Videoio.CAP_PROP_FRAME_WIDTH, settings.width());
            c.set(Videoio.CAP_PROP_FRAME_HEIGHT, settings.height());
        }
        return c;
    }

    @Override
    protected void onEnable() {
        Thread t = new Thread(this::grabLoop, "camera-grabber-" + name());
        t.setDaemon(true);
        lock.lock();
        try {
            grabber = t;
        } finally {
            lock.unlock();
        }
        t.start();
    }

    @Override
    protected void onDisable() {
        Thread t;
        lock.lock();
        try {
            t = grabber;
            grabber = null;
            preview = false;
            wanted.signalAll();
        } finally {
            lock.unlock();
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        forgetLatest();
    }

    @Override
    protected void onClose() {
        lock.lock();
        try {
            if (capture != null) {
                capture.release();
                capture = null;
            }
        } finally {
            lock.unlock();
        }
        forgetLatest();
    }

    @Override
    protected String healthDetail() {
        return "OpenCV camera " + settings.source() + ", " + grabbed.get() + " frames grabbed, preview "
                + (previewing() ? "on" : "off");
    }

    @Override
    public Frame capture(Duration timeout) throws DeviceException {
        return perform("capture", timeout, () -> {
            lock.lock();
            try {
                waitingCaptures++;
                wanted.signalAll();
                Frame before = latest;
                long deadline = System.nanoTime() + timeout.toNanos();
                while (latest == before) { // a frame taken after this call, not an old one
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !arrived.await(left, TimeUnit.NANOSECONDS) && latest == before) {
                        throw new DeviceException(DeviceException.Reason.TIMEOUT, name() + ": no frame from "
                                + settings.source() + " in " + timeout.toMillis() + " ms");
                    }
                }
                Frame f = latest;
                // The caller owns (and wipes) its copy; the shared preview frame stays intact for the screen.
                return new Frame(f.image().clone(), f.mediaType(), f.width(), f.height(), f.capturedAt());
            } finally {
                waitingCaptures--;
                lock.unlock();
            }
        });
    }

    @Override
    public void startPreview() throws DeviceException {
        perform("start preview", Duration.ofSeconds(2), () -> {
            lock.lock();
            try {
                preview = true;
                wanted.signalAll();
            } finally {
                lock.unlock();
            }
            return null;
        });
    }

    @Override
    public void stopPreview() {
        lock.lock();
        try {
            preview = false;
        } finally {
            lock.unlock();
        }
        forgetLatest();
    }

    @Override
    public boolean previewing() {
        lock.lock();
        try {
            return preview;
        } finally {
            lock.unlock();
        }
    }

    /** Wipes the buffered frame: a face must not stay in memory once nobody looks. */
    private void forgetLatest() {
        lock.lock();
        try {
            if (latest != null && waitingCaptures == 0) {
                latest.wipe();
                latest = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private void grabLoop() {
        Mat mat = new Mat();
        long frameNanos = settings.fps() > 0 && !settings.live() ? (long) (1e9 / settings.fps()) : 0;
        long next = System.nanoTime();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                VideoCapture c;
                lock.lock();
                try {
                    while (!preview && waitingCaptures == 0) {
                        wanted.await();
                    }
                    c = capture;
                } finally {
                    lock.unlock();
                }
                if (c == null) {
                    return;
                }
                if (!c.read(mat) || mat.empty()) {
                    if (!settings.live() && settings.loop() && rewind(c)) {
                        continue;
                    }
                    setState(DeviceState.OFFLINE, "camera source " + settings.source() + " gave no frame"
                            + (settings.live() ? " (unplugged?)" : " (end of file)"));
                    return;
                }
                grabbed.incrementAndGet();
                Frame frame = new Frame(OpenCv.jpeg(mat, settings.jpegQuality()), SimulatedCamera.JPEG, mat.cols(),
                        mat.rows(), Instant.now());
                boolean publish;
                lock.lock();
                try {
                    latest = frame; // the one-frame buffer: the newest replaces the previous
                    arrived.signalAll();
                    publish = preview;
                } finally {
                    lock.unlock();
                }
                if (publish) {
                    publishData(frame);
                }
                if (frameNanos > 0) {
                    next += frameNanos;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    } else {
                        next = System.nanoTime();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("{}: grabbing stopped: {}", name(), e.toString());
            setState(DeviceState.HARDWARE_ERROR, "camera grabbing failed: " + e.getMessage());
        } finally {
            mat.release();
        }
    }

    private boolean rewind(VideoCapture c) {
        // CAP_IMAGES has no seeking: reopening the pattern starts it over.
        if (settings.source().contains("%")) {
            return c.open(settings.source(), Videoio.CAP_IMAGES);
        }
        return c.set(Videoio.CAP_PROP_POS_FRAMES, 0);
    }
}
