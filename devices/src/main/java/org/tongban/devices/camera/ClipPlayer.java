package org.tongban.devices.camera;

import org.opencv.core.Mat;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;
import org.tongban.devices.vision.OpenCv;

/** Plays an MJPEG .avi or an image sequence in a loop, frame by frame as JPEG: the simulated camera's clip. */
final class ClipPlayer implements AutoCloseable {

    private final String source;
    private final VideoCapture capture;
    private final Mat frame = new Mat();

    ClipPlayer(String source) {
        OpenCv.load();
        this.source = source;
        this.capture = open(source);
        if (!capture.isOpened()) {
            capture.release();
            frame.release();
            throw new IllegalArgumentException("the clip " + source + " cannot be played (an MJPEG .avi or an image sequence such as f_%03d.jpg)");
        }
    }

    private static VideoCapture open(String source) {
        return new VideoCapture(source, source.contains("%") ? Videoio.CAP_IMAGES : Videoio.CAP_OPENCV_MJPEG);
    }

    /** The next frame as JPEG with its size, starting over at the end. */
    synchronized Frame next(java.time.Instant now) {
        if (!capture.read(frame) || frame.empty()) {
            capture.open(source, source.contains("%") ? Videoio.CAP_IMAGES : Videoio.CAP_OPENCV_MJPEG);
            if (!capture.read(frame) || frame.empty()) {
                throw new IllegalStateException("the clip " + source + " has no frames");
            }
        }
        return new Frame(OpenCv.jpeg(frame, 85), SimulatedCamera.JPEG, frame.cols(), frame.rows(), now);
    }

    @Override
    public synchronized void close() {
        capture.release();
        frame.release();
    }
}
