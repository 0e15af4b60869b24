package org.tongban.devices.vision.bench;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tongban.devices.vision.DemoClips;
import org.tongban.devices.vision.FaceGate;
import org.tongban.devices.vision.FaceVerdict;
import org.tongban.devices.vision.OpenCv;
import org.tongban.devices.vision.PageCorrector;
import org.tongban.devices.vision.QrDecoder;
import org.tongban.devices.vision.QrDecoderTest;

/**
 * The vision work per frame, on one core (OpenCV's own threads off): face detection + quality gate at
 * 640x480 (goal: at least 15 frames/s, i.e. at most 66 ms), QR decoding at 1280x720 (goal: at most 20 ms;
 * a frame without a code pays for both retries), and one page's correction from a 1280x960 photo.
 * Run: {@code .ci/bench devices VisionBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class VisionBench {

    private FaceGate gate;
    private Mat face;
    private QrDecoder qr;
    private Mat code;
    private Mat noCode;
    private PageCorrector corrector;
    private Mat pagePhoto;

    @Setup
    public void setUp() throws Exception {
        OpenCv.load();
        Core.setNumThreads(1); // one core, as the goal says
        gate = FaceGate.fromOptions(Map.of());
        face = DemoClips.centredFace();
        qr = new QrDecoder();
        code = QrDecoderTest.frame("DZZZ:91530100MA6K7Y2X3B|云南通办信息技术股份有限公司", 300, 0, 5);
        noCode = DemoClips.onDesk(DemoClips.page(), new Point(0, 0), new Point(1279, 0), new Point(1279, 959),
                new Point(0, 959)).submat(0, 720, 0, 1280);
        Mat page = DemoClips.page();
        pagePhoto = DemoClips.onDesk(page, new Point(420, 120), new Point(900, 180), new Point(960, 860),
                new Point(330, 800));
        page.release();
        corrector = new PageCorrector();
    }

    @TearDown
    public void tearDown() {
        face.release();
        code.release();
        noCode.release();
        pagePhoto.release();
    }

    @Benchmark
    public FaceVerdict faceGate640x480() {
        return gate.check(face);
    }

    @Benchmark
    public Optional<String> qrDecode1280x720() {
        return qr.decode(code);
    }

    @Benchmark
    public Optional<String> qrNoCode1280x720() {
        return qr.decode(noCode);
    }

    @Benchmark
    public int pageCorrection1280x960() {
        Mat page = corrector.correct(pagePhoto).orElseThrow();
        int rows = page.rows();
        page.release();
        return rows;
    }
}
