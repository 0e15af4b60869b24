package org.tongban.kiosk.flow;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Mat;
import org.tongban.devices.DeviceException;
import org.tongban.devices.camera.Camera;
import org.tongban.devices.camera.Frame;
import org.tongban.devices.scanner.DocumentScanner;
import org.tongban.devices.scanner.ScanRequest;
import org.tongban.devices.scanner.ScannedPage;
import org.tongban.devices.vision.OpenCv;
import org.tongban.devices.vision.PageCorrector;
import org.tongban.devices.vision.PagesPdf;

/**
 * The paper materials of one capture step: each page from the document camera (found, corrected, cropped)
 * or from the scanner, kept in memory as JPEG until the step ends; a page can be retaken; the pages leave
 * as one PDF within the attachment limit. Calls block on the devices: the flow runs them on its executor.
 */
public final class CaptureStep {

    /** More pages than this is a folder of documents for a counter, not a kiosk. */
    public static final int MAX_PAGES = 10;
    private static final Duration DEVICE_TIMEOUT = Duration.ofSeconds(60);

    /** The page could not be taken; {@code messageKey} says why in the citizen's words. */
    public static final class NotTaken extends Exception {
        private static final long serialVersionUID = 1L;
        private final String messageKey;

        NotTaken(String messageKey, String detail) {
            super(detail);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private final Optional<Camera> documentCamera;
    private final Optional<DocumentScanner> scanner;
    private final PageCorrector corrector = new PageCorrector();
    private final int maxPdfBytes;
    private final List<byte[]> pages = new ArrayList<>();

    CaptureStep(Optional<Camera> documentCamera, Optional<DocumentScanner> scanner, int maxPdfBytes) {
        this.documentCamera = documentCamera;
        this.scanner = scanner;
        this.maxPdfBytes = maxPdfBytes;
    }

    public synchronized int pages() {
        return pages.size();
    }

    /** A copy of page {@code i} as JPEG, for the screen's thumbnail. */
    public synchronized byte[] page(int i) {
        return pages.get(i).clone();
    }

    /** Takes the next page; {@code at} replaces that page (a retake), or -1 appends. */
    synchronized void take(int at) throws NotTaken {
        if (at < 0 && pages.size() >= MAX_PAGES) {
            throw new NotTaken("flow.capture.tooMany", null);
        }
        byte[] jpeg = documentCamera.isPresent() ? fromCamera(documentCamera.get()) : fromScanner();
        if (at >= 0 && at < pages.size()) {
            Arrays.fill(pages.get(at), (byte) 0);
            pages.set(at, jpeg);
        } else {
            pages.add(jpeg);
        }
    }

    synchronized void remove(int i) {
        if (i >= 0 && i < pages.size()) {
            Arrays.fill(pages.remove(i), (byte) 0);
        }
    }

    /** All pages as one PDF within the size limit. */
    synchronized byte[] pdf() throws NotTaken {
        List<Mat> mats = new ArrayList<>();
        try {
            for (byte[] p : pages) {
                mats.add(OpenCv.decode(p));
            }
            return PagesPdf.of(mats, maxPdfBytes);
        } catch (IllegalArgumentException e) {
            throw new NotTaken("flow.capture.tooLarge", e.getMessage());
        } catch (IOException e) {
            throw new NotTaken("flow.capture.failed", e.getMessage());
        } finally {
            mats.forEach(Mat::release);
        }
    }

    /** Zeroes every page: the step is over or the citizen left. */
    synchronized void wipe() {
        pages.forEach(p -> Arrays.fill(p, (byte) 0));
        pages.clear();
    }

    private byte[] fromCamera(Camera camera) throws NotTaken {
        Frame f;
        try {
            f = camera.capture(DEVICE_TIMEOUT);
        } catch (DeviceException e) {
            throw new NotTaken("flow.capture.deviceFailed", e.getMessage());
        }
        Mat photo = OpenCv.decode(f.image());
        f.wipe();
        try {
            Mat page = corrector.correct(photo).orElseThrow(() -> new NotTaken("flow.capture.noPage", null));
            try {
                return OpenCv.jpeg(page, 85);
            } finally {
                page.release();
            }
        } finally {
            photo.release();
        }
    }

    private byte[] fromScanner() throws NotTaken {
        DocumentScanner s = scanner.orElseThrow(() -> new NotTaken("flow.capture.noDevice", null));
        ScannedPage scanned;
        try {
            scanned = s.scan(ScanRequest.document(), DEVICE_TIMEOUT);
        } catch (DeviceException e) {
            throw new NotTaken(e.reason() == DeviceException.Reason.NO_MEDIA ? "flow.capture.noPaper"
                    : "flow.capture.deviceFailed", e.getMessage());
        }
        Mat m = OpenCv.decode(scanned.image());
        scanned.wipe();
        try {
            return OpenCv.jpeg(m, 85);
        } finally {
            m.release();
        }
    }
}
