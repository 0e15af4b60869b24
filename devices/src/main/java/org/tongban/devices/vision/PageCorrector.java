package org.tongban.devices.vision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A page in a document camera's photo: finds its outline (edges, then the largest convex quadrilateral),
 * and maps it to an upright rectangle (perspective corrected, which also removes the skew), cropped to
 * the page. Stateless and thread-safe.
 */
public final class PageCorrector {

    /** The outline is searched on a copy this wide: enough for a page's edges, and fast. */
    private static final int WORK_WIDTH = 800;
    /** A page smaller than this share of the photo is not the document laid under the camera. */
    private static final double MIN_AREA = 0.15;
    /** A "page" filling the whole photo is the photo's own border (a blank or uniform picture), not a sheet. */
    private static final double MAX_AREA = 0.97;

    public PageCorrector() {
        OpenCv.load();
    }

    /** The page's corners in the photo, clockwise from top left, if a page is found. */
    public Optional<Point[]> findPage(Mat bgr) {
        double scale = Math.min(1.0, (double) WORK_WIDTH / bgr.cols());
        Mat grey = new Mat();
        Mat small = new Mat();
        Mat edges = new Mat();
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
        try {
            if (bgr.channels() == 1) {
                bgr.copyTo(grey);
            } else {
                Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
            }
            Imgproc.resize(grey, small, new Size(Math.round(grey.cols() * scale), Math.round(grey.rows() * scale)), 0, 0,
                    Imgproc.INTER_AREA);
            Imgproc.GaussianBlur(small, small, new Size(5, 5), 0);
            Imgproc.Canny(small, edges, 50, 150);
            Imgproc.dilate(edges, edges, kernel);
            Optional<Point[]> quad = largestQuad(edges, small.size().area());
            if (quad.isEmpty()) {
                // Faint edges (white page on a light desk): a bright page stands out after Otsu's threshold.
                Imgproc.threshold(small, edges, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
                quad = largestQuad(edges, small.size().area());
            }
            return quad.map(q -> Arrays.stream(q).map(p -> new Point(p.x / scale, p.y / scale)).toArray(Point[]::new));
        } finally {
            grey.release();
            small.release();
            edges.release();
            kernel.release();
        }
    }

    /** The page cut out and made upright, or empty when no page is found; the caller releases the Mat. */
    public Optional<Mat> correct(Mat bgr) {
        return findPage(bgr).map(corners -> warp(bgr, corners));
    }

    private static Mat warp(Mat bgr, Point[] c) {
        double width = Math.max(dist(c[0], c[1]), dist(c[3], c[2]));
        double height = Math.max(dist(c[0], c[3]), dist(c[1], c[2]));
        MatOfPoint2f from = new MatOfPoint2f(c);
        MatOfPoint2f to = new MatOfPoint2f(new Point(0, 0), new Point(width - 1, 0), new Point(width - 1, height - 1),
                new Point(0, height - 1));
        Mat transform = Imgproc.getPerspectiveTransform(from, to);
        try {
            Mat page = new Mat();
            Imgproc.warpPerspective(bgr, page, transform, new Size(Math.round(width), Math.round(height)),
                    Imgproc.INTER_LINEAR);
            return page;
        } finally {
            from.release();
            to.release();
            transform.release();
        }
    }

    private static Optional<Point[]> largestQuad(Mat binary, double imageArea) {
        List<MatOfPoint> contours = new ArrayList<>();
        Mat hierarchy = new Mat();
        try {
            Imgproc.findContours(binary.clone(), contours, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
            Point[] best = null;
            double bestArea = MIN_AREA * imageArea;
            for (MatOfPoint contour : contours) {
                MatOfPoint2f curve = new MatOfPoint2f(contour.toArray());
                MatOfPoint2f approx = new MatOfPoint2f();
                MatOfPoint hull = new MatOfPoint();
                try {
                    Imgproc.approxPolyDP(curve, approx, 0.02 * Imgproc.arcLength(curve, true), true);
                    if (approx.rows() != 4) {
                        continue;
                    }
                    approx.convertTo(hull, org.opencv.core.CvType.CV_32S);
                    double area = Imgproc.contourArea(approx);
                    if (area > bestArea && area < MAX_AREA * imageArea && Imgproc.isContourConvex(hull)) {
                        bestArea = area;
                        best = approx.toArray();
                    }
                } finally {
                    curve.release();
                    approx.release();
                    hull.release();
                }
            }
            return Optional.ofNullable(best).map(PageCorrector::order);
        } finally {
            contours.forEach(Mat::release);
            hierarchy.release();
        }
    }

    /** Top left, top right, bottom right, bottom left. */
    private static Point[] order(Point[] p) {
        Point tl = Arrays.stream(p).min(Comparator.comparingDouble(q -> q.x + q.y)).orElseThrow();
        Point br = Arrays.stream(p).max(Comparator.comparingDouble(q -> q.x + q.y)).orElseThrow();
        Point tr = Arrays.stream(p).max(Comparator.comparingDouble(q -> q.x - q.y)).orElseThrow();
        Point bl = Arrays.stream(p).min(Comparator.comparingDouble(q -> q.x - q.y)).orElseThrow();
        return new Point[] {tl, tr, br, bl};
    }

    private static double dist(Point a, Point b) {
        return Math.hypot(a.x - b.x, a.y - b.y);
    }

    /** Mean absolute difference per pixel of two same-size grey or BGR pictures, 0-255: how the tests compare pages. */
    public static double meanDifference(Mat a, Mat b) {
        Mat diff = new Mat();
        try {
            Core.absdiff(a, b, diff);
            double[] perChannel = Core.mean(diff).val;
            double sum = 0;
            for (int i = 0; i < a.channels(); i++) {
                sum += perChannel[i];
            }
            return sum / a.channels();
        } finally {
            diff.release();
        }
    }
}
