package org.tongban.kiosk.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.DataEvent;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceListener;
import org.tongban.devices.camera.Camera;
import org.tongban.devices.camera.Frame;
import org.tongban.devices.vision.BlinkLiveness;
import org.tongban.devices.vision.FaceGate;
import org.tongban.devices.vision.FaceQuality;
import org.tongban.devices.vision.FaceVerdict;
import org.tongban.devices.vision.OpenCv;
import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.IdentityVerification;
import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.kiosk.platform.PlatformException;

/**
 * One face verification: the camera's preview frames go through the quality gate and the blink challenge
 * on a thread of their own (a frame arriving while one is analysed is skipped, so nothing piles up), the
 * guidance follows each verdict, and once the citizen has blinked the sharpest accepted frame is sent to
 * the platform. Face pictures live only in memory: every copy is zeroed when it is no longer needed, and
 * nothing of them is logged.
 */
public final class FaceStep {

    /** The platform's identity check (a function so tests can watch what is sent). */
    @FunctionalInterface
    public interface Verifier {
        IdentityVerification verify(Applicant applicant, byte[] faceJpeg, Double livenessScore) throws PlatformException;
    }

    public enum Outcome { RUNNING, MATCH, NO_MATCH, TIMED_OUT, PLATFORM_DOWN, CAMERA_FAILED, CANCELLED }

    private static final Logger log = LoggerFactory.getLogger(FaceStep.class);

    private final Camera camera;
    private final FaceGate gate;
    private final Verifier verifier;
    private final Applicant applicant;
    private final Clock clock;
    private final Duration timeout;
    private final Consumer<Outcome> done;
    private final BlinkLiveness liveness = new BlinkLiveness();
    private final ExecutorService analysis = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "face-analysis");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean analysing = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final List<Consumer<FaceStep>> listeners = new CopyOnWriteArrayList<>();
    private final DeviceListener frames = e -> {
        if (e instanceof DataEvent<?> d && d.data() instanceof Frame f) {
            onFrame(f);
        }
    };

    private volatile String guidance = "face.guide.look";
    private volatile Outcome outcome = Outcome.RUNNING;
    private volatile Instant startedAt;
    private volatile String verificationId;
    // only touched on the analysis thread
    private byte[] best;
    private double bestSharpness;
    private volatile long analysed; // written by the analysis thread only

    FaceStep(Camera camera, FaceGate gate, Verifier verifier, Applicant applicant, Clock clock, Duration timeout,
             Consumer<Outcome> done) {
        this.camera = camera;
        this.gate = gate;
        this.verifier = verifier;
        this.applicant = applicant;
        this.clock = clock;
        this.timeout = timeout;
        this.done = done;
    }

    /** The camera whose preview the screen shows. */
    public Camera camera() {
        return camera;
    }

    /** The message key of what the citizen should do now ("move closer", "hold still", "blink"). */
    public String guidance() {
        return guidance;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The platform's id of the verification once it matched (no picture, no score). */
    public String verificationId() {
        return verificationId;
    }

    /** Frames analysed so far (for tests and the health line). */
    public long framesAnalysed() {
        return analysed;
    }

    /** Called on the analysis thread whenever the guidance changes. */
    public void addListener(Consumer<FaceStep> l) {
        listeners.add(l);
    }

    void start() throws DeviceException {
        startedAt = clock.instant();
        camera.addListener(frames);
        camera.startPreview();
    }

    /** The citizen left or the flow moved on: the camera stops and every face copy is wiped. */
    void cancel() {
        try {
            analysis.execute(this::forgetBest); // queued before the shutdown below, so it still runs
        } catch (java.util.concurrent.RejectedExecutionException alreadyEnded) {
            // the step had ended: its copies were wiped then
        }
        finish(Outcome.CANCELLED);
    }

    private void onFrame(Frame f) {
        if (finished.get() || !analysing.compareAndSet(false, true)) {
            return; // still busy with the previous frame: this one is skipped
        }
        byte[] copy = f.image().clone(); // the preview frame is shared with the screen: work on our own copy
        try {
            analysis.execute(() -> {
                try {
                    analyse(copy);
                } catch (RuntimeException e) {
                    Arrays.fill(copy, (byte) 0);
                    log.warn("face analysis failed: {}", e.getClass().getSimpleName());
                    finish(Outcome.CAMERA_FAILED);
                } finally {
                    analysing.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            Arrays.fill(copy, (byte) 0);
            analysing.set(false);
        }
    }

    private void analyse(byte[] jpeg) {
        if (finished.get()) {
            Arrays.fill(jpeg, (byte) 0);
            return;
        }
        Mat m = OpenCv.decode(jpeg);
        FaceVerdict v;
        try {
            v = m.empty() ? null : gate.check(m);
        } finally {
            m.release();
        }
        analysed++;
        if (v == null) {
            Arrays.fill(jpeg, (byte) 0);
            return;
        }
        liveness.observe(v);
        if (v.accepted() && v.sharpness() > bestSharpness) {
            forgetBest();
            best = jpeg;
            bestSharpness = v.sharpness();
        } else {
            Arrays.fill(jpeg, (byte) 0);
        }
        guide(guidanceFor(v));
        if (liveness.passed() && best != null) {
            verify();
        } else if (Duration.between(startedAt, clock.instant()).compareTo(timeout) > 0) {
            forgetBest();
            finish(Outcome.TIMED_OUT);
        }
    }

    private String guidanceFor(FaceVerdict v) {
        List<FaceQuality> r = v.reasons();
        if (r.isEmpty() || (r.equals(List.of(FaceQuality.EYES_CLOSED)) && liveness.score() > 0)) {
            return "face.guide.blink"; // a good frame: now the challenge (closed eyes mid-blink are expected)
        }
        // Light first: in the dark nothing else can be judged.
        FaceQuality first = r.contains(FaceQuality.TOO_DARK) ? FaceQuality.TOO_DARK : r.get(0);
        return switch (first) {
            case NO_FACE -> "face.guide.look";
            case MORE_THAN_ONE_FACE -> "face.guide.alone";
            case TOO_SMALL -> "face.guide.closer";
            case NOT_CENTRED -> "face.guide.centre";
            case BLURRED -> "face.guide.still";
            case TOO_DARK -> "face.guide.dark";
            case TOO_BRIGHT -> "face.guide.bright";
            case UNEVEN_LIGHT -> "face.guide.uneven";
            case EYES_CLOSED -> "face.guide.eyes";
        };
    }

    private void guide(String key) {
        if (!key.equals(guidance)) {
            guidance = key;
            listeners.forEach(l -> l.accept(this));
        }
    }

    private void verify() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        stopCamera();
        guide("face.guide.checking");
        byte[] upload = fitForUpload(best);
        try {
            IdentityVerification answer = verifier.verify(applicant, upload, liveness.score());
            verificationId = answer.verificationId();
            end(answer.match() ? Outcome.MATCH : Outcome.NO_MATCH);
        } catch (PlatformException e) {
            log.warn("identity verification failed: {}", e.kind());
            end(e.kind() == PlatformException.Kind.UNREACHABLE || e.kind() == PlatformException.Kind.RETRY_LATER
                    ? Outcome.PLATFORM_DOWN : Outcome.NO_MATCH);
        } catch (RuntimeException e) {
            log.warn("identity verification failed: {}", e.getClass().getSimpleName());
            end(Outcome.PLATFORM_DOWN);
        } finally {
            if (upload != best) {
                Arrays.fill(upload, (byte) 0);
            }
            forgetBest();
        }
    }

    /** The contract takes at most 200 KiB: a larger frame is sent smaller, never cut. */
    private static byte[] fitForUpload(byte[] jpeg) {
        if (jpeg.length <= PlatformClient.MAX_FACE_IMAGE_BYTES) {
            return jpeg;
        }
        Mat m = OpenCv.decode(jpeg);
        Mat small = new Mat();
        try {
            byte[] out = jpeg;
            double scale = 1.0;
            while (out.length > PlatformClient.MAX_FACE_IMAGE_BYTES && scale > 0.2) {
                scale *= 0.75;
                Imgproc.resize(m, small, new Size(m.cols() * scale, m.rows() * scale), 0, 0, Imgproc.INTER_AREA);
                if (out != jpeg) {
                    Arrays.fill(out, (byte) 0);
                }
                out = OpenCv.jpeg(small, 85);
            }
            return out;
        } finally {
            m.release();
            small.release();
        }
    }

    private void forgetBest() {
        if (best != null) {
            Arrays.fill(best, (byte) 0);
            best = null;
            bestSharpness = 0;
        }
    }

    private void finish(Outcome o) {
        if (finished.compareAndSet(false, true)) {
            stopCamera();
            end(o);
        }
    }

    private void end(Outcome o) {
        outcome = o;
        analysis.shutdown();
        if (o != Outcome.CANCELLED) {
            done.accept(o);
        }
    }

    private void stopCamera() {
        camera.removeListener(frames);
        camera.stopPreview();
    }
}
