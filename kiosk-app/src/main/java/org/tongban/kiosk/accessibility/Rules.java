package org.tongban.kiosk.accessibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The measured accessibility rules of a citizen's screen.
 *
 * @param minTargetMm      every control at least this wide and high
 * @param minGapMm         at least this much space between two controls
 * @param contrast         WCAG 2.1 AA contrast for text (1.4.3)
 * @param largeTextContrast WCAG 2.1 AA contrast for large text
 * @param largeTextPt      text this size or larger is large
 * @param largeBoldTextPt  bold text this size or larger is large
 */
public record Rules(double minTargetMm, double minGapMm, double contrast, double largeTextContrast,
                    double largeTextPt, double largeBoldTextPt) {

    /** Issue 10's rules: 15 mm targets 2 mm apart, WCAG 2.1 AA (4.5:1, 3:1 from 18 pt or 14 pt bold). */
    public static final Rules KIOSK = new Rules(15, 2, 4.5, 3, 18, 14);

    /**
     * Large text by its size on this panel: WCAG's points are physical (1/72 inch), so a 24 px font is
     * large on a 4 px/mm panel but not on a fine one.
     */
    public boolean large(Observations.Text t, Panel panel) {
        double pt = t.fontPx() / panel.pxPerPoint();
        return pt >= largeTextPt || (t.bold() && pt >= largeBoldTextPt);
    }

    public double requiredContrast(Observations.Text t, Panel panel) {
        return large(t, panel) ? largeTextContrast : contrast;
    }

    /** Judges one rendered screen on one panel. */
    public Verdict judge(Shot shot, Observations seen, Panel panel) {
        List<String> problems = new ArrayList<>();
        Observations.Text lowest = null;
        for (Observations.Text t : seen.texts()) {
            if (lowest == null || t.contrast() < lowest.contrast()) {
                lowest = t;
            }
            double required = requiredContrast(t, panel);
            if (t.contrast() < required) {
                problems.add(String.format(Locale.ROOT, "contrast %.2f:1 < %.1f:1 (%.0f px%s): %s", t.contrast(),
                        required, t.fontPx(), t.bold() ? " bold" : "", t.where()));
            }
        }
        List<String> clipped = seen.texts().stream().filter(Observations.Text::clipped)
                .map(Observations.Text::where).toList();
        clipped.forEach(c -> problems.add("text clipped: " + c));

        Observations.Control smallest = null;
        List<String> unnamed = new ArrayList<>();
        for (Observations.Control c : seen.controls()) {
            double side = Math.min(c.box().width(), c.box().height());
            if (smallest == null || side < Math.min(smallest.box().width(), smallest.box().height())) {
                smallest = c;
            }
            if (panel.mm(side) < minTargetMm - 1e-9) {
                problems.add(String.format(Locale.ROOT, "target %.1f x %.1f mm < %.0f mm: %s",
                        panel.mm(c.box().width()), panel.mm(c.box().height()), minTargetMm, c.where()));
            }
            if (!c.named() || !c.hasRole()) {
                unnamed.add(c.where());
                problems.add((c.named() ? "no accessible role: " : "no accessible text: ") + c.where());
            }
            if (c.shown().height() > 0 && c.shown().y() < panel.reachLimitPx() - 0.5) {
                problems.add(String.format(Locale.ROOT, "out of a seated citizen's reach (top %.0f px, limit %.0f px): %s",
                        c.shown().y(), panel.reachLimitPx(), c.where()));
            }
        }
        double smallestGap = Double.POSITIVE_INFINITY;
        String gapAt = null;
        // Between the parts on the screen now: a control scrolled out of its list is not beside anything.
        List<Observations.Control> cs = seen.controls().stream().filter(c -> c.shown().height() > 0).toList();
        for (int i = 0; i < cs.size(); i++) {
            for (int j = i + 1; j < cs.size(); j++) {
                double gap = cs.get(i).shown().gap(cs.get(j).shown());
                if (gap < smallestGap) {
                    smallestGap = gap;
                    gapAt = cs.get(i).where() + " / " + cs.get(j).where();
                }
                if (panel.mm(gap) < minGapMm - 1e-9) {
                    problems.add(String.format(Locale.ROOT, "gap %.1f mm < %.0f mm: %s / %s", panel.mm(gap), minGapMm,
                            cs.get(i).where(), cs.get(j).where()));
                }
            }
        }
        return new Verdict(shot,
                lowest == null ? null : round(lowest.contrast()), lowest == null ? null : lowest.where(),
                smallest == null ? null : round(panel.mm(Math.min(smallest.box().width(), smallest.box().height()))),
                smallest == null ? null : smallest.where(),
                gapAt == null ? null : round(panel.mm(smallestGap)), gapAt,
                clipped, unnamed, problems);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
