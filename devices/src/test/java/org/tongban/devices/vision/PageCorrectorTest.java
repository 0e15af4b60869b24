package org.tongban.devices.vision;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Synthetic document-camera photos: a generated A4 page drawn in perspective onto a desk. The corrected page
 * must match the original within a mean difference of 12 grey levels (of 255) per pixel, after scaling it to
 * the original's size: interpolation at the page's edges and the desk's texture cost a few levels, a wrong
 * corner or a mirrored page costs tens.
 */
public class PageCorrectorTest {

    static final double TOLERANCE = 12;
    private static PageCorrector corrector;

    @BeforeAll
    static void load() {
        OpenCv.load();
        corrector = new PageCorrector();
    }

    public static Mat page() {
        return DemoClips.page();
    }

    /** The page photographed on a dark wooden desk, its corners at {@code corners} of a 1280x960 photo. */
    public static Mat photo(Mat page, Point... corners) {
        return DemoClips.onDesk(page, corners);
    }

    private static double differenceAfterCorrection(Point... corners) {
        Mat page = page();
        Mat photo = photo(page, corners);
        Mat corrected = corrector.correct(photo).orElseThrow(() -> new AssertionError("no page found"));
        Mat resized = new Mat();
        try {
            Imgproc.resize(corrected, resized, page.size(), 0, 0, Imgproc.INTER_AREA);
            return PageCorrector.meanDifference(resized, page);
        } finally {
            page.release();
            photo.release();
            corrected.release();
            resized.release();
        }
    }

    @Test
    void aPageSeenAtAnAngleComesOutFlat() {
        assertThat(differenceAfterCorrection(new Point(420, 120), new Point(900, 180), new Point(960, 860),
                new Point(330, 800)), lessThan(TOLERANCE));
    }

    @Test
    void aSkewedPageIsDeskewed() {
        // turned by about 12 degrees, no perspective
        double a = Math.toRadians(12);
        Point c = new Point(640, 480);
        double w = 420 * 1.2;
        double hh = 594 * 1.2;
        List<Point> square = List.of(new Point(-w / 2, -hh / 2), new Point(w / 2, -hh / 2), new Point(w / 2, hh / 2),
                new Point(-w / 2, hh / 2));
        Point[] corners = square.stream().map(p -> new Point(c.x + p.x * Math.cos(a) - p.y * Math.sin(a),
                c.y + p.x * Math.sin(a) + p.y * Math.cos(a))).toArray(Point[]::new);
        assertThat(differenceAfterCorrection(corners), lessThan(TOLERANCE));
    }

    @Test
    void theCorrectedPageKeepsThePageProportions() {
        Mat page = page();
        Mat photo = photo(page, new Point(400, 100), new Point(880, 140), new Point(900, 820), new Point(380, 790));
        Mat corrected = corrector.correct(photo).orElseThrow();
        assertThat((double) corrected.rows() / corrected.cols(), closeTo(594.0 / 420, 0.12));
        page.release();
        photo.release();
        corrected.release();
    }

    @Test
    void noPageOnTheDeskIsEmpty() {
        Mat desk = new Mat(960, 1280, CvType.CV_8UC3, new Scalar(40, 60, 90));
        Mat grain = new Mat(desk.size(), desk.type());
        Core.randn(grain, 0, 6);
        Core.add(desk, grain, desk);
        Imgproc.GaussianBlur(desk, desk, new Size(5, 5), 0);
        Optional<Mat> none = corrector.correct(desk);
        assertThat(none.isPresent(), is(false));
        desk.release();
        grain.release();
    }
}
