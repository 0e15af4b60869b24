package org.tongban.fleet.rollouts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The wave text operators type, the window, wave membership, and a terminal's progress from its update report. */
class RolloutPlanTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void wavesAreReadWithTheirSettingsAndDefaults() {
        List<RolloutPlan.Wave> waves = RolloutPlan.parseWaves(List.of("hall=Pilot Hall, Wuhua Hall; soak=30m\n30%; threshold=2%", "region=Dali"),
                5, Duration.ofHours(1));
        assertThat(waves.size(), is(3));
        assertThat(waves.get(0).selector(), is(new RolloutPlan.Halls(new java.util.LinkedHashSet<>(List.of("Pilot Hall", "Wuhua Hall")))));
        assertThat(waves.get(0).soak(), is(Duration.ofMinutes(30)));
        assertThat(waves.get(0).thresholdPercent(), is(5.0));
        assertThat(waves.get(1).selector(), is(new RolloutPlan.Percent(30)));
        assertThat(waves.get(1).thresholdPercent(), is(2.0));
        assertThat(waves.get(1).soak(), is(Duration.ofHours(1)));
        assertThat(waves.get(2).selector(), is(new RolloutPlan.Regions(java.util.Set.of("Dali"))));
    }

    @Test
    void badWavesSayWhichLineAndWhy() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> RolloutPlan.parseWaves(List.of("10%\nhalls=X"), 5, Duration.ZERO))
                .getMessage(), containsString("wave 2 (\"halls=X\")"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> RolloutPlan.parseWaves(List.of("150%"), 5, Duration.ZERO))
                .getMessage(), containsString("1..100"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> RolloutPlan.parseWaves(List.of("10%; soak=soon"), 5, Duration.ZERO))
                .getMessage(), containsString("not a duration"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> RolloutPlan.parseWaves(List.of("10%; color=red"), 5, Duration.ZERO))
                .getMessage(), containsString("unknown setting"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> RolloutPlan.parseWaves(List.of(" \n"), 5, Duration.ZERO))
                .getMessage(), containsString("at least one wave"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> RolloutPlan.Window.parse("1am-5am")).getMessage(),
                containsString("01:00-05:00"));
    }

    @Test
    void aWindowMaySpanMidnight() {
        RolloutPlan.Window night = RolloutPlan.Window.parse("23:00-05:00");
        assertThat(night.contains(LocalTime.of(23, 30)), is(true));
        assertThat(night.contains(LocalTime.of(4, 59)), is(true));
        assertThat(night.contains(LocalTime.of(5, 0)), is(false));
        assertThat(night.contains(LocalTime.of(12, 0)), is(false));
        assertThat(RolloutPlan.Window.parse("").contains(LocalTime.NOON), is(true));
    }

    @Test
    void percentagesPickAStableShareAndATerminalBelongsToTheFirstWaveThatCoversIt() {
        RolloutPlan plan = new RolloutPlan(RolloutPlan.parseWaves(List.of("hall=Pilot", "10%", "100%"), 5, Duration.ZERO), RolloutPlan.Window.ANY_TIME);
        UUID rollout = UUID.randomUUID();
        int[] perWave = new int[3];
        for (int i = 0; i < 20_000; i++) {
            perWave[plan.waveOf(rollout, "T-" + i, "Hall " + (i % 7), "R")]++;
        }
        assertThat(perWave[0], is(0));
        assertThat(perWave[1] / 20_000.0, closeTo(0.10, 0.01));
        assertThat(perWave[1] + perWave[2], is(20_000));
        assertThat(plan.waveOf(rollout, "T-1", "Pilot", "R"), is(0));
        assertThat(plan.waveOf(rollout, "T-5", "Hall 5", "R"), is(plan.waveOf(rollout, "T-5", "Hall 5", "R")));
    }

    @Test
    void progressComesFromTheUpdateReportAndFailuresStay() throws Exception {
        assertThat(Progress.OFFERED.after(json.readTree("{\"installedSequence\":41,\"downloading\":{\"sequence\":42}}"), 42, "1.4.3"),
                is(Progress.DOWNLOADING));
        assertThat(Progress.DOWNLOADING.after(json.readTree("{\"installedSequence\":42,\"appOnTrial\":true}"), 42, "1.4.3"), is(Progress.INSTALLED));
        assertThat(Progress.INSTALLED.after(json.readTree("{\"installedSequence\":42,\"appOnTrial\":false}"), 42, "1.4.3"), is(Progress.HEALTHY));
        assertThat(Progress.INSTALLED.after(json.readTree("{\"installedSequence\":41,\"lastRollback\":{\"release\":\"1.4.3\"}}"), 42, "1.4.3"),
                is(Progress.ROLLED_BACK));
        assertThat(Progress.OFFERED.after(json.readTree("{\"installedSequence\":41,\"lastRefusal\":{\"release\":\"sequence 42\"}}"), 42, "1.4.3"),
                is(Progress.REFUSED));
        assertThat(Progress.ROLLED_BACK.after(json.readTree("{\"installedSequence\":42,\"appOnTrial\":false}"), 42, "1.4.3"), is(Progress.ROLLED_BACK));
        // an old rollback of another release is not this one's
        assertThat(Progress.OFFERED.after(json.readTree("{\"installedSequence\":41,\"lastRollback\":{\"release\":\"1.4.1\"}}"), 42, "1.4.3"),
                is(Progress.OFFERED));
    }
}
