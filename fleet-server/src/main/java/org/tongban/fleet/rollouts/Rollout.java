package org.tongban.fleet.rollouts;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** A rollout as stored, with the state of each wave. */
public record Rollout(UUID id, long sequence, String version, Status status, Instant startAt, RolloutPlan.Window window, ZoneId zone,
        int currentWave, String pausedReason, String createdBy, Instant createdAt, List<WaveState> waves) {

    public enum Status { SCHEDULED, RUNNING, PAUSED, ABORTED, COMPLETED }

    public record WaveState(int index, RolloutPlan.Wave wave, int acceptedFailures, Instant openedAt, Instant completedAt) {
    }

    public RolloutPlan plan() {
        return new RolloutPlan(waves.stream().map(WaveState::wave).toList(), window);
    }

    /** The gate for a terminal the rollout has not (yet) reached: everything before this release. */
    public long previousSequence() {
        return sequence - 1;
    }
}
