package org.tongban.devices.vision;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** QR codes in generated 1280x720 camera frames: plain, rotated, noisy, small, Chinese. */
public class QrDecoderTest {

    private static QrDecoder decoder;

    @BeforeAll
    static void load() {
        OpenCv.load();
        decoder = new QrDecoder();
    }

    /** A phone screen with the code, {@code size} px wide, placed in a 720p frame of a grey hall. */
    public static Mat frame(String text, int size, double angle, double noise) throws Exception {
        BitMatrix bits = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size,
                Map.of(EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.MARGIN, 2));
        Mat code = new Mat(bits.getHeight(), bits.getWidth(), CvType.CV_8UC3);
        byte[] px = new byte[bits.getWidth() * bits.getHeight() * 3];
        for (int y = 0; y < bits.getHeight(); y++) {
            for (int x = 0; x < bits.getWidth(); x++) {
                byte v = bits.get(x, y) ? (byte) 20 : (byte) 235;
                int i = (y * bits.getWidth() + x) * 3;
                px[i] = v;
                px[i + 1] = v;
                px[i + 2] = v;
            }
        }
        code.put(0, 0, px);
        Mat frame = new Mat(720, 1280, CvType.CV_8UC3, new Scalar(90, 100, 110));
        Mat place = frame.submat(new Rect((1280 - code.cols()) / 2, (720 - code.rows()) / 2, code.cols(), code.rows()));
        code.copyTo(place);
        place.release();
        code.release();
        if (angle != 0) {
            Mat r = Imgproc.getRotationMatrix2D(new Point(640, 360), angle, 1.0);
            Imgproc.warpAffine(frame, frame, r, frame.size(), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT,
                    new Scalar(90, 100, 110));
            r.release();
        }
        if (noise > 0) {
            Mat n = new Mat(frame.size(), CvType.CV_16SC3);
            Core.randn(n, 0, noise);
            Mat wide = new Mat();
            frame.convertTo(wide, CvType.CV_16SC3);
            Core.add(wide, n, wide);
            wide.convertTo(frame, CvType.CV_8UC3);
            n.release();
            wide.release();
        }
        return frame;
    }

    private static Optional<String> decode(Mat m) {
        try {
            return decoder.decode(m);
        } finally {
            m.release();
        }
    }

    @Test
    void aPlainCode() throws Exception {
        assertThat(decode(frame("DZZZ:91530100MA6K000001", 400, 0, 0)), is(Optional.of("DZZZ:91530100MA6K000001")));
    }

    @Test
    void aChineseUtf8Payload() throws Exception {
        String text = "电子营业执照:云南通办信息技术股份有限公司;统一社会信用代码91530100MA6K000001";
        assertThat(decode(frame(text, 420, 0, 0)), is(Optional.of(text)));
    }

    @Test
    void aRotatedCode() throws Exception {
        assertThat(decode(frame("DZZZ:rotated", 380, 33, 0)), is(Optional.of("DZZZ:rotated")));
    }

    @Test
    void aNoisyCode() throws Exception {
        assertThat(decode(frame("DZZZ:noisy", 400, 0, 15)), is(Optional.of("DZZZ:noisy")));
    }

    @Test
    void smallCodesAcrossTheTroublesomeSizes() throws Exception {
        // 200-240 px: the sizes where ZXing alone sometimes misses and the 1.5x retry finds the code.
        for (int size = 120; size <= 260; size += 10) {
            assertThat("size " + size, decode(frame("DZZZ:small-" + size, size, 0, 8)),
                    is(Optional.of("DZZZ:small-" + size)));
        }
    }

    @Test
    void noCodeIsEmpty() {
        Mat noise = new Mat(720, 1280, CvType.CV_8UC3);
        Core.randu(noise, 0, 255);
        assertThat(decode(noise), is(Optional.empty()));
        Mat blurred = new Mat(720, 1280, CvType.CV_8UC1, new Scalar(new Random(1).nextInt(255)));
        Imgproc.GaussianBlur(blurred, blurred, new Size(5, 5), 0);
        assertThat(decode(blurred), is(Optional.empty()));
    }
}
