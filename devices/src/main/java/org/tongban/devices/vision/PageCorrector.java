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
 * the page. The rectangle has the sheet's true proportions, recovered from the outline and the camera
 * ({@link #aspectRatio}), and snapped to a paper size a kiosk expects when it is close to one.
 * Stateless and thread-safe.
 */
public final class PageCorrector {

    /** The outline is searched on a copy this wide: enough for a page's edges, and fast. */
    private static final int WORK_WIDTH = 800;
    /** A page smaller than this share of the photo is not the document laid under the camera. */
    private static final double MIN_AREA = 0.15;
    /** A "page" filling the whole photo is the photo's own border (a blank or uniform picture), not a sheet. */
    private static final double MAX_AREA = 0.97;
    /**
     * The focal length assumed, as a share of the photo's longer side, when the outline cannot tell it
     * (a page seen straight on, or tilted about one axis only): about a 60° field of view, as document
     * cameras and the webcams in kiosks have. A wrong guess costs a few percent only in strong perspective.
     */
    private static final double GUESSED_FOCAL = 0.87;
    /**
     * Height over width of the sheets a kiosk is given: A4, A5 and B5 (all about √2), and the resident ID
     * card (85.6 x 54 mm); an estimate this close (relative) to one of them, either way up, is taken as it.
     */
    private static final double[] PAPER_SIZES = {Math.sqrt(2), 85.6 / 54};
    private static final double SNAP = 0.05;
    /** Sides converge enough to tell the focal length when the depths of their ends differ by this share. */
    private static final double CONVERGING = 0.05;

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
        double ratio = snapToPaper(aspectRatio(c, bgr.size()));
        // As large as the photo shows the page, in the sheet's proportions.
        double height = Math.max(Math.max(dist(c[0], c[3]), dist(c[1], c[2])),
                Math.max(dist(c[0], c[1]), dist(c[3], c[2])) * ratio);
        double width = height / ratio;
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

    /**
     * The sheet's height over its width, from its corners in a photo (clockwise from top left) of this size.
     * Zhang and He's method ("Whiteboard scanning and image enhancement", Digital Signal Processing 17, 2007):
     * the outline's two vanishing points give the camera's focal length (principal point in the middle,
     * square pixels), and with it the true ratio of the rectangle's sides. When the outline has fewer than two
     * vanishing points, or they give an impossible focal length, a typical one is assumed.
     */
    public static double aspectRatio(Point[] corners, Size photo) {
        double u0 = photo.width / 2;
        double v0 = photo.height / 2;
        // The paper's corner names: m1 top left, m2 top right, m3 bottom left, m4 bottom right.
        double[] m1 = {corners[0].x, corners[0].y, 1};
        double[] m2 = {corners[1].x, corners[1].y, 1};
        double[] m3 = {corners[3].x, corners[3].y, 1};
        double[] m4 = {corners[2].x, corners[2].y, 1};
        double[] m1m4 = cross(m1, m4);
        double k2 = dot(m1m4, m3) / dot(cross(m2, m4), m3);
        double k3 = dot(m1m4, m2) / dot(cross(m3, m4), m2);
        double[] n2 = {k2 * m2[0] - m1[0], k2 * m2[1] - m1[1], k2 - 1};
        double[] n3 = {k3 * m3[0] - m1[0], k3 * m3[1] - m1[1], k3 - 1};

        double guessed = GUESSED_FOCAL * Math.max(photo.width, photo.height);
        double f = guessed;
        double both = n2[2] * n3[2];
        // Only when both pairs of sides clearly converge: k - 1 is 0 for sides parallel in the photo, and a pixel
        // of noise on nearly parallel sides would give a wild focal length.
        if (Math.abs(n2[2]) > CONVERGING && Math.abs(n3[2]) > CONVERGING) {
            double f2 = -((n2[0] * n3[0] - (n2[0] * n3[2] + n2[2] * n3[0]) * u0 + both * u0 * u0)
                    + (n2[1] * n3[1] - (n2[1] * n3[2] + n2[2] * n3[1]) * v0 + both * v0 * v0)) / both;
            if (f2 > 0 && Math.sqrt(f2) > guessed / 4 && Math.sqrt(f2) < guessed * 4) {
                f = Math.sqrt(f2);
            }
        }
        double widthSquared = normSquared(n2, f, u0, v0);
        double heightSquared = normSquared(n3, f, u0, v0);
        return Math.sqrt(heightSquared / widthSquared);
    }

    /** The ratio, or the paper size it is close to (A4/A5, ID card; portrait or landscape). */
    static double snapToPaper(double ratio) {
        for (double paper : PAPER_SIZES) {
            for (double size : new double[] {paper, 1 / paper}) {
                if (Math.abs(ratio - size) <= SNAP * size) {
                    return size;
                }
            }
        }
        return ratio;
    }

    /** |A⁻¹ n|² for the camera matrix A with focal length f and principal point (u0, v0). */
    private static double normSquared(double[] n, double f, double u0, double v0) {
        double x = (n[0] - u0 * n[2]) / f;
        double y = (n[1] - v0 * n[2]) / f;
        return x * x + y * y + n[2] * n[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
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

    /**
     * Top left, top right, bottom right, bottom left: clockwise around the centre, starting at the corner
     * nearest the photo's top left. (Picking each corner by x+y and x-y alone picks one corner twice for a
     * page in strong perspective, whose far edge is much shorter than its near one.)
     */
    private static Point[] order(Point[] p) {
        double cx = Arrays.stream(p).mapToDouble(q -> q.x).average().orElseThrow();
        double cy = Arrays.stream(p).mapToDouble(q -> q.y).average().orElseThrow();
        Point[] clockwise = Arrays.stream(p).sorted(Comparator.comparingDouble(q -> Math.atan2(q.y - cy, q.x - cx)))
                .toArray(Point[]::new);
        int first = 0;
        for (int i = 1; i < 4; i++) {
            if (clockwise[i].x + clockwise[i].y < clockwise[first].x + clockwise[first].y) {
                first = i;
            }
        }
        Point[] ordered = new Point[4];
        for (int i = 0; i < 4; i++) {
            ordered[i] = clockwise[(first + i) % 4];
        }
        return ordered;
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
