package org.tongban.devices.vision;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Pages photographed by a pinhole camera at several angles: the sheet is placed in space (tilted, turned,
 * rolled), its corners are projected with the camera's focal length onto a 1280x960 photo, and the page is
 * drawn there. The corrected page must have the sheet's proportions, whatever the angle: a homography to the
 * longest sides alone (the old way) squashed an A4 page in strong perspective to nearly square.
 */
class PageProportionsTest {

    private static final double A4 = 297.0 / 210.0;
    private static PageCorrector corrector;

    @BeforeAll
    static void load() {
        corrector = new PageCorrector();
    }

    @ParameterizedTest(name = "A4, tilt {0}°, turn {1}°, roll {2}°, focal length {3} px")
    @CsvSource({
            "0, 0, 8, 1100",     // flat, turned on the desk
            "25, 0, 0, 1100",    // a gentle tilt towards the camera
            "40, 15, 5, 1100",
            "55, 0, 0, 1100",    // strong perspective, edges left and right meet far away
            "50, 25, 10, 900",   // strong perspective from a corner, wide lens
            "60, 20, 0, 1400",   // very strong, long lens
            "35, -30, -6, 1000"})
    void anA4PageKeepsItsProportionsAtAnyAngle(double tilt, double turn, double roll, double focal) {
        Point[] corners = photographed(210, 297, tilt, turn, roll, focal);
        double estimated = PageCorrector.aspectRatio(corners, new Size(1280, 960));
        assertThat("estimated from the outline alone", estimated, closeTo(A4, A4 * 0.05));
        assertThat("the corrected page", correctedAspect(DemoClips.page(), corners), closeTo(A4, A4 * 0.02));
    }

    @ParameterizedTest(name = "a square note, tilt {0}°, turn {1}°")
    @CsvSource({"0, 0", "40, 20", "55, 0"})
    void aPageOfNoKnownSizeKeepsItsOwnProportions(double tilt, double turn) {
        Mat square = new Mat(500, 500, CvType.CV_8UC3, new Scalar(240, 240, 240));
        Imgproc.rectangle(square, new Point(40, 40), new Point(460, 120), new Scalar(30, 30, 30), -1);
        assertThat(correctedAspect(square, photographed(150, 150, tilt, turn, 0, 1100)), closeTo(1.0, 0.05));
    }

    @ParameterizedTest(name = "A4 lying landscape, tilt {0}°")
    @CsvSource({"20", "50"})
    void aLandscapePageStaysLandscape(double tilt) {
        Mat page = DemoClips.page();
        Mat landscape = new Mat();
        org.opencv.core.Core.rotate(page, landscape, org.opencv.core.Core.ROTATE_90_CLOCKWISE);
        page.release();
        assertThat(correctedAspect(landscape, photographed(297, 210, tilt, 10, 0, 1100)), closeTo(1 / A4, 0.02));
    }

    /** Rows over columns of the corrected page (the page Mat is released). */
    private static double correctedAspect(Mat page, Point[] corners) {
        Mat photo = DemoClips.onDesk(page, corners);
        Mat corrected = corrector.correct(photo).orElseThrow(() -> new AssertionError("no page found"));
        try {
            return (double) corrected.rows() / corrected.cols();
        } finally {
            page.release();
            photo.release();
            corrected.release();
        }
    }

    /**
     * The corners (clockwise from top left) of a sheet {@code width} x {@code height} mm in a 1280x960 photo by a
     * camera with its principal point in the middle: the sheet is tilted about its horizontal axis, turned
     * about its vertical axis and rolled in its plane, then moved away until it fills most of the photo.
     */
    static Point[] photographed(double width, double height, double tilt, double turn, double roll, double focal) {
        double[][] sheet = {{-width / 2, -height / 2}, {width / 2, -height / 2}, {width / 2, height / 2},
                {-width / 2, height / 2}};
        double[][] rotated = new double[4][];
        for (int i = 0; i < 4; i++) {
            rotated[i] = rotate(sheet[i][0], sheet[i][1], Math.toRadians(tilt), Math.toRadians(turn),
                    Math.toRadians(roll));
        }
        for (double distance = 50; ; distance += 5) {
            Point[] corners = new Point[4];
            for (int i = 0; i < 4; i++) {
                double z = rotated[i][2] + distance;
                corners[i] = new Point(640 + focal * rotated[i][0] / z, 480 + focal * rotated[i][1] / z);
            }
            boolean inside = Arrays.stream(corners).allMatch(p -> p.x > 60 && p.x < 1220 && p.y > 60 && p.y < 900);
            double away = distance;
            if (inside && Arrays.stream(rotated).allMatch(r -> r[2] + away > 10)) {
                return corners;
            }
        }
    }

    /** Roll in the sheet's plane (z), then tilt about x, then turn about y. */
    private static double[] rotate(double x, double y, double tilt, double turn, double roll) {
        double x1 = x * Math.cos(roll) - y * Math.sin(roll);
        double y1 = x * Math.sin(roll) + y * Math.cos(roll);
        double y2 = y1 * Math.cos(tilt);
        double z2 = y1 * Math.sin(tilt);
        double x3 = x1 * Math.cos(turn) + z2 * Math.sin(turn);
        double z3 = -x1 * Math.sin(turn) + z2 * Math.cos(turn);
        return new double[] {x3, y2, z3};
    }
}
