-- Pruning the heartbeat history by age (HeartbeatHistory.prune) finds the old rows by this index.
CREATE INDEX heartbeat_history_received ON heartbeat_history (received_at);
