package org.tongban.devices.vision;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * QR codes in camera frames, with ZXing. Clean codes of about 200-240 px in a 720p frame sometimes fail
 * ZXing's finder; the same frame upscaled 1.5x passes, so a miss is retried that way once. Sensor noise of a
 * dim hall breaks ZXing's local thresholds inside large modules, so a last try looks at a median-filtered copy.
 */
public final class QrDecoder {

    private static final double RETRY_SCALE = 1.5;

    private final Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);

    public QrDecoder() {
        OpenCv.load();
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        // Chinese payloads without an ECI header are UTF-8 in practice (not ISO-8859-1, the standard's default).
        hints.put(DecodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
    }

    /** The text of the QR code in a BGR or grey frame, if there is one. */
    public Optional<String> decode(Mat frame) {
        Mat grey = new Mat();
        Mat bigger = new Mat();
        try {
            if (frame.channels() == 1) {
                frame.copyTo(grey);
            } else {
                Imgproc.cvtColor(frame, grey, Imgproc.COLOR_BGR2GRAY);
            }
            Optional<String> text = decodeGrey(grey);
            if (text.isPresent()) {
                return text;
            }
            Imgproc.resize(grey, bigger, new Size(grey.cols() * RETRY_SCALE, grey.rows() * RETRY_SCALE), 0, 0,
                    Imgproc.INTER_LINEAR);
            text = decodeGrey(bigger);
            if (text.isPresent()) {
                return text;
            }
            Imgproc.medianBlur(grey, bigger, 5);
            return decodeGrey(bigger);
        } finally {
            grey.release();
            bigger.release();
        }
    }

    private Optional<String> decodeGrey(Mat grey) {
        int w = grey.cols();
        int h = grey.rows();
        byte[] luminance = new byte[w * h];
        grey.get(0, 0, luminance);
        // A grey picture is the Y plane of a YUV frame: ZXing reads it without copying into ARGB.
        LuminanceSource source = new PlanarYUVLuminanceSource(luminance, w, h, 0, 0, w, h, false);
        QRCodeReader reader = new QRCodeReader();
        try {
            Result r = reader.decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
            return Optional.of(r.getText());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (ReaderException e) { // checksum or format: a damaged code is no code
            return Optional.empty();
        }
    }
}
