-- Every heartbeat rewrites its terminal's row (last_seen, heartbeat, counters; none of them indexed). Room left on
-- each page lets PostgreSQL put the new version beside the old one (a HOT update): no index entries to add, and the
-- page is cleaned as it is read. Tables filled before this takes effect only as their pages are rewritten.
ALTER TABLE terminal SET (fillfactor = 70);
