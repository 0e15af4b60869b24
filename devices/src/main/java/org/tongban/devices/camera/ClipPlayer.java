package org.tongban.devices.camera;

import java.nio.file.Files;
import java.nio.file.Path;
import org.opencv.core.Mat;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;
import org.tongban.devices.vision.OpenCv;

/**
 * Plays an MJPEG .avi or an image sequence in a loop, frame by frame as JPEG: the simulated camera's clip. OpenCV
 * opens the clip at the first frame asked for, not when the camera is made: loading OpenCV's native library is
 * most of a second, which a terminal starting should not wait for (docs/adr/0015-start-time.md).
 */
final class ClipPlayer implements AutoCloseable {

    private final String source;
    private VideoCapture capture;
    private Mat frame;

    /** @throws IllegalArgumentException when there is no such clip (a sequence's first picture, or the .avi) */
    ClipPlayer(String source) {
        this.source = source;
        if (!Files.isRegularFile(firstFile(source))) {
            throw new IllegalArgumentException("the clip " + source + " cannot be played: no such file (an MJPEG .avi "
                    + "or an image sequence such as f_%03d.jpg)");
        }
    }

    /** The .avi itself, or the sequence's picture number 0 (or 1, where the numbers start there). */
    private static Path firstFile(String source) {
        if (!source.contains("%")) {
            return Path.of(source);
        }
        Path zero = Path.of(String.format(source, 0));
        return Files.exists(zero) ? zero : Path.of(String.format(source, 1));
    }

    private int api() {
        return source.contains("%") ? Videoio.CAP_IMAGES : Videoio.CAP_OPENCV_MJPEG;
    }

    /** The next frame as JPEG with its size, starting over at the end. */
    synchronized Frame next(java.time.Instant now) {
        if (capture == null) {
            OpenCv.load();
            capture = new VideoCapture(source, api());
            frame = new Mat();
            if (!capture.isOpened()) {
                close();
                throw new IllegalStateException("the clip " + source + " cannot be played (an MJPEG .avi or an image "
                        + "sequence such as f_%03d.jpg)");
            }
        }
        if (!capture.read(frame) || frame.empty()) {
            capture.open(source, api());
            if (!capture.read(frame) || frame.empty()) {
                throw new IllegalStateException("the clip " + source + " has no frames");
            }
        }
        return new Frame(OpenCv.jpeg(frame, 85), SimulatedCamera.JPEG, frame.cols(), frame.rows(), now);
    }

    @Override
    public synchronized void close() {
        if (capture != null) {
            capture.release();
            frame.release();
            capture = null;
        }
    }
}
