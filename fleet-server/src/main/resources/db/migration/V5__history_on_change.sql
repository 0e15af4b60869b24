-- The heartbeat history is written when what a terminal reports changes, or when its last entry is older than
-- HeartbeatService.HISTORY_EVERY, not with every heartbeat: history_digest is what its last entry said (SHA-256
-- of the heartbeat without the fields that change every time), history_at when it was written, history_count how
-- many were (the ring's slot is history_count mod 50).
ALTER TABLE terminal
    ADD COLUMN history_digest text,
    ADD COLUMN history_at     timestamptz,
    ADD COLUMN history_count  bigint NOT NULL DEFAULT 0;
