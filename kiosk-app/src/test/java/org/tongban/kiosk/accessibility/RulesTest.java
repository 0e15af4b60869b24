package org.tongban.kiosk.accessibility;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RulesTest {

    /** The shipped panel: 21.5" at 1920 x 1080, about 4.1 px per mm. */
    private static final Panel LANDSCAPE = new Panel(1920, 1080, 21.5, 40);
    private static final Shot SHOT = new Shot("home", "normal", "zh", "landscape");

    @Test
    void contrastRatiosAreWcags() {
        assertThat(Contrast.ratio(0x000000, 0xffffff), closeTo(21, 1e-9));
        assertThat(Contrast.ratio(0xffffff, 0xffffff), closeTo(1, 1e-9));
        // Known pairs: #767676 on white is the lightest grey that passes AA; #777777 just fails.
        assertThat(Contrast.ratio(0x767676, 0xffffff), closeTo(4.54, 0.01));
        assertThat(Contrast.ratio(0x777777, 0xffffff), closeTo(4.48, 0.01));
        // The shell's own pairs: brand blue on white, ink on the button grey, black on high-contrast yellow.
        assertThat(Contrast.ratio(0x0b4f8a, 0xffffff), closeTo(8.40, 0.01));
        assertThat(Contrast.ratio(0x1a1a1a, 0xe3e8ee), closeTo(14.13, 0.01));
        assertThat(Contrast.ratio(0x000000, 0xffff00), closeTo(19.56, 0.01));
        assertThat(Contrast.luminance(1, 1, 1), closeTo(1, 1e-9));
        assertThrows(IllegalArgumentException.class, () -> Contrast.luminance(1.2, 0, 0));
    }

    @Test
    void thePanelTurnsPixelsIntoMillimetresAndPoints() {
        assertThat(LANDSCAPE.pxPerMm(), closeTo(4.034, 0.001));
        assertThat(LANDSCAPE.px(15), closeTo(60.5, 0.1));
        assertThat(LANDSCAPE.pxPerPoint(), closeTo(1.423, 0.001));
        assertThat(LANDSCAPE.reachLimitPx(), equalTo(0.0));
        Panel portrait = LANDSCAPE.turned();
        assertThat(portrait.portrait(), is(true));
        assertThat(portrait.pxPerMm(), closeTo(LANDSCAPE.pxPerMm(), 1e-9));
        assertThat(portrait.reachLimitPx(), closeTo(768, 1e-9));
        assertThrows(IllegalArgumentException.class, () -> new Panel(1920, 1080, 0, 40));
        assertThrows(IllegalArgumentException.class, () -> new Panel(1920, 1080, 21.5, 95));
    }

    @Test
    void largeTextIsMeasuredInPhysicalPoints() {
        // 18 pt is 25.6 px on this panel; 14 pt bold is 19.9 px.
        assertThat(Rules.KIOSK.large(text(26, false, 5), LANDSCAPE), is(true));
        assertThat(Rules.KIOSK.large(text(25, false, 5), LANDSCAPE), is(false));
        assertThat(Rules.KIOSK.large(text(20, true, 5), LANDSCAPE), is(true));
        assertThat(Rules.KIOSK.large(text(19, true, 5), LANDSCAPE), is(false));
        // On a finer panel (15.6" at 1920 x 1080) the same 26 px is no longer large.
        assertThat(Rules.KIOSK.large(text(26, false, 5), new Panel(1920, 1080, 15.6, 40)), is(false));
    }

    @Test
    void aScreenThatKeepsTheRulesPasses() {
        Verdict v = Rules.KIOSK.judge(SHOT, new Observations(List.of(text(26, false, 7.1)),
                List.of(control("a", 0, 0, 80, 80), control("b", 90, 0, 80, 80))), LANDSCAPE);
        assertThat(v.problems(), empty());
        assertThat(v.passes(), is(true));
        assertThat(v.lowestContrast(), equalTo(7.1));
        assertThat(v.smallestTargetMm(), closeTo(19.83, 0.01));
        assertThat(v.smallestGapMm(), closeTo(2.48, 0.01));
    }

    @Test
    void eachBrokenRuleIsNamed() {
        Observations seen = new Observations(
                List.of(text(20, false, 4.4), text(30, false, 3.2), new Observations.Text("#title \"长\"", 9, 40, true, true)),
                List.of(control("small", 0, 0, 50, 80), control("near", 55, 0, 80, 80),
                        new Observations.Control("#icon", new Box(300, 0, 80, 80), new Box(300, 0, 80, 80), false, true)));
        Verdict v = Rules.KIOSK.judge(SHOT, seen, LANDSCAPE);
        assertThat(v.passes(), is(false));
        assertThat(v.problems(), hasSize(5));
        assertThat(v.problems().get(0), containsString("contrast 4.40:1 < 4.5:1"));   // small text
        assertThat(v.lowestContrast(), equalTo(3.2));                                  // large text: 3:1 is enough
        assertThat(v.clipped(), contains("#title \"长\""));
        assertThat(v.problems(), hasItem(containsString("target 12.4 x 19.8 mm < 15 mm: #small")));
        assertThat(v.problems(), hasItem(containsString("gap 1.2 mm < 2 mm: #small / #near")));
        assertThat(v.unnamed(), contains("#icon"));
        assertThat(v.smallestTargetAt(), equalTo("#small"));
    }

    @Test
    void inPortraitNothingToTouchSitsInTheTopPartAndHiddenPartsOfAListAreNotNeighbours() {
        Panel portrait = LANDSCAPE.turned();
        Observations seen = new Observations(List.of(), List.of(
                control("high", 0, 700, 80, 80),
                control("low", 0, 800, 80, 80),
                // scrolled out of its list: its whole box overlaps "low", but none of it is on the screen
                new Observations.Control("#hidden", new Box(0, 790, 80, 80), new Box(0, 790, 0, 0), true, true)));
        Verdict v = Rules.KIOSK.judge(new Shot("home", "normal", "zh", "portrait"), seen, portrait);
        assertThat(v.problems(), contains(containsString("out of a seated citizen's reach (top 700 px, limit 768 px): #high")));
        assertThat(Rules.KIOSK.judge(SHOT, seen, LANDSCAPE).passes(), is(true));
    }

    private static Observations.Text text(double px, boolean bold, double contrast) {
        return new Observations.Text("#t", contrast, px, bold, false);
    }

    private static Observations.Control control(String id, double x, double y, double w, double h) {
        return new Observations.Control("#" + id, new Box(x, y, w, h), new Box(x, y, w, h), true, true);
    }
}
