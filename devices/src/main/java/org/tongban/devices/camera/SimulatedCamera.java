package org.tongban.devices.camera;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.ErrorEvent;
import org.tongban.devices.simulation.SimulatedDevice;

/**
 * The simulator twin of the face camera: draws synthetic frames (a gradient with a face-sized oval
 * that drifts from frame to frame) and encodes them as PNG or JPEG, or plays a clip (an MJPEG .avi or an
 * image sequence, see {@link #playClip}) so the demo's face and document steps have something to look at.
 * A test can cover the lens, break the sensor or unplug the camera.
 */
public final class SimulatedCamera extends SimulatedDevice implements Camera {

    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";

    /** Mean brightness (0-255) below which a frame counts as dark: covered lens or no light. */
    private static final int DARK = 16;

    private final int width;
    private final int height;
    private final String mediaType;
    private final Duration previewInterval;

    private final AtomicLong frames = new AtomicLong();
    private volatile boolean covered;
    private volatile boolean lastFrameDark;
    private volatile ClipPlayer clip;

    private final Object previewLock = new Object();
    private ScheduledExecutorService preview; // guarded by previewLock; null when no preview runs

    /** A small 320x240 PNG camera with 5 preview frames a second: enough for screens and tests. */
    public SimulatedCamera(String name) {
        this(name, 320, 240, PNG, Duration.ofMillis(200));
    }

    public SimulatedCamera(String name, int width, int height, String mediaType, Duration previewInterval) {
        super(name, DeviceClass.CAMERA, "camera");
        if (!PNG.equals(mediaType) && !JPEG.equals(mediaType)) {
            throw new IllegalArgumentException("the simulated camera makes " + PNG + " or " + JPEG + ", not " + mediaType);
        }
        if (width < 16 || height < 16 || previewInterval.isNegative() || previewInterval.isZero()) {
            throw new IllegalArgumentException("a frame needs at least 16x16 pixels and the preview a positive interval");
        }
        this.width = width;
        this.height = height;
        this.mediaType = mediaType;
        this.previewInterval = previewInterval;
    }

    // ---- scripting, for tests and the demo -----------------------------------------------------

    /**
     * Covers the lens: frames come out black. The state does not change, because a real camera
     * cannot tell a covered lens from a dark room; the health line mentions the dark frames.
     */
    public void cover() {
        covered = true;
    }

    public void uncover() {
        covered = false;
    }

    /** The image sensor fails: HARDWARE_ERROR until {@link #clearFault()}; a running preview stops. */
    public void sensorFault() {
        stopPreview();
        breakDown("image sensor fault, the camera needs replacing");
    }

    public void clearFault() {
        repair();
    }

    /** A running preview stops with the cable, as its stream is gone. */
    @Override
    protected void onUnplugged() {
        stopPreview();
    }

    /**
     * Plays {@code source} (an MJPEG .avi or an image-sequence pattern) in a loop instead of drawing frames.
     *
     * @throws IllegalArgumentException when there is no such clip (one OpenCV cannot play shows at the first frame, as
     *         a device error)
     */
    public void playClip(String source) {
        ClipPlayer previous = clip;
        clip = new ClipPlayer(source);
        if (previous != null) {
            previous.close();
        }
    }

    /** Frames drawn so far, captures and preview together. */
    public long framesDrawn() {
        return frames.get();
    }

    // ---- the device --------------------------------------------------------------------------

    @Override
    protected void onDisable() {
        stopPreview();
    }

    @Override
    protected void onClose() {
        stopPreview();
    }

    /** Lets go of the clip's native player; the camera can be opened again but draws frames then. */
    public void stopClip() {
        ClipPlayer c = clip;
        clip = null;
        if (c != null) {
            c.close();
        }
    }

    @Override
    protected String healthDetail() {
        return "simulated camera " + width + "x" + height + " " + mediaType + ", " + frames.get() + " frames, preview "
                + (previewing() ? "on" : "off")
                + (lastFrameDark ? ", last frame dark: lens covered or no light in front of the camera" : "");
    }

    @Override
    public Frame capture(Duration timeout) throws DeviceException {
        return perform("capture", timeout, () -> {
            throwScriptedFailure();
            return draw();
        });
    }

    @Override
    public void startPreview() throws DeviceException {
        // Through perform, so a closed, unplugged or faulty camera refuses with the usual reason.
        perform("start preview", Duration.ofSeconds(2), () -> {
            synchronized (previewLock) {
                if (preview == null) {
                    ScheduledExecutorService stream = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "camera-preview-" + name());
                        t.setDaemon(true);
                        return t;
                    });
                    preview = stream;
                    stream.scheduleAtFixedRate(() -> previewFrame(stream), 0, previewInterval.toMillis(),
                            TimeUnit.MILLISECONDS);
                }
            }
            return null;
        });
    }

    @Override
    public void stopPreview() {
        synchronized (previewLock) {
            if (preview != null) {
                preview.shutdownNow();
                preview = null;
            }
        }
    }

    @Override
    public boolean previewing() {
        synchronized (previewLock) {
            return preview != null;
        }
    }

    private void previewFrame(ScheduledExecutorService stream) {
        try {
            Frame frame = draw();
            // Published under the lock, so no frame arrives after stopPreview() has returned.
            synchronized (previewLock) {
                if (preview == stream) {
                    publishData(frame);
                }
            }
        } catch (DeviceException | RuntimeException e) {
            // An exception would silently end the schedule; say so instead and keep the stream going.
            publish(new ErrorEvent(name(), DeviceException.Reason.HARDWARE, name() + ": preview frame failed: " + e,
                    Instant.now()));
        }
    }

    private Frame draw() throws DeviceException {
        long n = frames.incrementAndGet();
        ClipPlayer playing = clip;
        if (playing != null && !covered) {
            try {
                return playing.next(Instant.now());
            } catch (IllegalStateException e) {
                throw new DeviceException(DeviceException.Reason.HARDWARE, name() + ": " + e.getMessage(), e);
            }
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        if (!covered) { // a covered lens leaves the picture black, as the new image already is
            Graphics2D g = image.createGraphics();
            try {
                g.setPaint(new GradientPaint(0, 0, new Color(200, 220, 240), 0, height, new Color(90, 110, 140)));
                g.fillRect(0, 0, width, height);
                int faceWidth = width / 4;
                int x = (int) ((n * 7) % (width - faceWidth)); // drifts, so consecutive frames differ
                g.setColor(new Color(224, 180, 150));
                g.fillOval(x, height / 4, faceWidth, height / 2);
            } finally {
                g.dispose();
            }
        }
        lastFrameDark = meanBrightness(image) < DARK;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, PNG.equals(mediaType) ? "png" : "jpeg", out)) {
                throw new DeviceException(DeviceException.Reason.HARDWARE, name() + ": no encoder for " + mediaType);
            }
        } catch (IOException e) {
            throw new DeviceException(DeviceException.Reason.HARDWARE, name() + ": encoding failed: " + e, e);
        }
        return new Frame(out.toByteArray(), mediaType, width, height, Instant.now());
    }

    /** Average of the red, green and blue channels over every 4th pixel in each direction. */
    private static int meanBrightness(BufferedImage image) {
        long sum = 0;
        long count = 0;
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                int rgb = image.getRGB(x, y);
                sum += ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
                count += 3;
            }
        }
        return (int) (sum / count);
    }
}
