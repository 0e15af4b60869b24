package org.tongban.kiosk.accessibility;

import java.util.List;

/**
 * The rules' verdict on one rendered screen: its worst figures (null when it has no text or no
 * controls) and every rule it breaks.
 *
 * @param lowestContrast   the lowest text contrast ratio on the screen (x:1)
 * @param smallestTargetMm the shorter side of the smallest control, in millimetres
 * @param smallestGapMm    the smallest space between two controls, in millimetres
 * @param clipped          texts cut short by their container or running off what can be seen
 * @param unnamed          controls a screen reader cannot name (no text, no accessible text or role)
 * @param problems         every broken rule, in words; empty when the screen passes
 */
public record Verdict(Shot shot, Double lowestContrast, String lowestContrastAt, Double smallestTargetMm,
                      String smallestTargetAt, Double smallestGapMm, String smallestGapAt, List<String> clipped,
                      List<String> unnamed, List<String> problems) {

    public Verdict {
        clipped = List.copyOf(clipped);
        unnamed = List.copyOf(unnamed);
        problems = List.copyOf(problems);
    }

    public boolean passes() {
        return problems.isEmpty();
    }
}
