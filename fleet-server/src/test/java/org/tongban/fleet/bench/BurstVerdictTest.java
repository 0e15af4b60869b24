package org.tongban.fleet.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BurstVerdictTest {

    private static Map<String, double[]> cpu(double postgres, double instance) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("instance A", new double[] {instance, 300});
        m.put("PostgreSQL", new double[] {postgres, 260});
        return m;
    }

    @Test
    void heldWithinTheGoalIsMet() {
        BurstVerdict v = BurstVerdict.of(1700, 1699, 0, 180.0, cpu(60, 30), 2);
        assertThat(v.met(), is(true));
        assertThat(v.text(), containsString("met (p99 180.0 ms)"));
    }

    @Test
    void aSlowP99NamesTheBusiestProcessAndWhetherTheCoresAreFull() {
        BurstVerdict v = BurstVerdict.of(1700, 1700, 0, 214.9, cpu(150, 30), 2);
        assertThat(v.met(), is(false));
        assertThat(v.text(), containsString("p99 214.9 ms"));
        assertThat(v.text(), containsString("the busiest PostgreSQL at 150 % of a core — the cores are full"));
    }

    @Test
    void errorsOrAShortfallMissTheGoalEvenWithAFastP99() {
        assertThat(BurstVerdict.of(1700, 1700, 3, 20, cpu(60, 30), 2).met(), is(false));
        assertThat(BurstVerdict.of(1700, 1500, 0, 20, cpu(60, 30), 2).met(), is(false));
        assertThat(BurstVerdict.of(1700, 1500, 0, 20, cpu(60, 30), 2).text(), containsString("90 %"));
    }
}
