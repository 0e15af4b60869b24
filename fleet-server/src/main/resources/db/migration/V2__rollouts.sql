-- Staged rollouts (docs/adr/0014-fleet-at-scale.md). The server only gates: release.maxSequence in the heartbeat
-- answer; the signed channel and its key stay where they are.

-- A fleet-wide alert (a rollout paused itself) names no terminal.
ALTER TABLE alert ALTER COLUMN terminal_id DROP NOT NULL;

CREATE TABLE rollout (
    id             uuid PRIMARY KEY,
    sequence       bigint NOT NULL,          -- the channel sequence being rolled out
    version        text NOT NULL,            -- its version, as terminals report it (lastRollback.release)
    status         text NOT NULL,            -- SCHEDULED, RUNNING, PAUSED, ABORTED, COMPLETED
    start_at       timestamptz NOT NULL,
    window_from    time,                     -- maintenance window, local time in zone; null: any time
    window_to      time,
    zone           text NOT NULL,
    current_wave   int NOT NULL DEFAULT 0,
    paused_reason  text,
    created_by     text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rollout_created ON rollout (created_at DESC);

CREATE TABLE rollout_wave (
    rollout_id         uuid NOT NULL REFERENCES rollout (id) ON DELETE CASCADE,
    index              int NOT NULL,
    selector           text NOT NULL,        -- '10%', 'hall=A,B' or 'region=X' (cumulative percent of the fleet)
    threshold_percent  numeric NOT NULL,     -- refusals + rollbacks above this share of the wave pause the rollout
    soak_seconds       int NOT NULL,         -- the wave stays open at least this long before the next opens
    accepted_failures  int NOT NULL DEFAULT 0, -- failures an operator accepted by resuming
    opened_at          timestamptz,
    completed_at       timestamptz,
    PRIMARY KEY (rollout_id, index)
);

-- Which wave each terminal belongs to and how far it got: WAITING, OFFERED, DOWNLOADING, INSTALLED, HEALTHY,
-- REFUSED, ROLLED_BACK. wave -1: no wave covers it.
CREATE TABLE rollout_terminal (
    rollout_id   uuid NOT NULL REFERENCES rollout (id) ON DELETE CASCADE,
    terminal_id  text NOT NULL REFERENCES terminal (id) ON DELETE CASCADE,
    wave         int NOT NULL,
    status       text NOT NULL,
    detail       text,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (rollout_id, terminal_id)
);
CREATE INDEX rollout_terminal_wave ON rollout_terminal (rollout_id, wave, status);
