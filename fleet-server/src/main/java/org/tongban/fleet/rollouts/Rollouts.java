package org.tongban.fleet.rollouts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;

import org.tongban.fleet.alerts.AlertKind;
import org.tongban.fleet.alerts.Alerts;
import org.tongban.fleet.audit.AuditLog;
import org.tongban.fleet.commands.CommandType;
import org.tongban.fleet.commands.Commands;
import org.tongban.fleet.db.Database;
import org.tongban.fleet.events.FleetEvents;
import org.tongban.fleet.operators.Principal;
import org.tongban.fleet.operators.Role;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Staged rollouts: the operator's decisions (start, resume, abort), the gate each heartbeat answer carries
 * ({@code release.maxSequence}), each terminal's progress from its update reports, and the rollout's own
 * decisions (open the next wave, pause when a wave fails too often, finish), every one in the audit log.
 *
 * <p>Each instance runs {@link #evaluate} every few seconds; the rollout's row is locked while it decides
 * ({@code FOR UPDATE SKIP LOCKED}), so two instances never decide twice. Heartbeats read the newest rollout
 * through a one-second cache: an instance learns another's decision within a second, through the database.
 */
public final class Rollouts {

    public static final String SYSTEM = "system:rollout";

    /** One wave's numbers: how many terminals it has in each state. */
    public record WaveSummary(Rollout.WaveState state, Map<Progress, Integer> counts) {
        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int failed() {
            return counts.get(Progress.REFUSED) + counts.get(Progress.ROLLED_BACK);
        }

        public double failedPercent() {
            return total() == 0 ? 0 : 100.0 * failed() / total();
        }
    }

    public record TerminalProgress(String terminalId, String hall, int wave, Progress progress, Instant updatedAt) {
    }

    private static final String SELECT = "SELECT id, sequence, version, status, start_at, window_from, window_to, zone, current_wave,"
            + " paused_reason, created_by, created_at FROM rollout ";

    private final Database db;
    private final AuditLog audit;
    private final Alerts alerts;
    private final Commands commands;
    private final FleetEvents events;
    private final ZoneId defaultZone;
    private volatile Cached cached = new Cached(null, 0);

    private record Cached(Rollout rollout, long readAtNanos) {
    }

    public Rollouts(Database db, AuditLog audit, Alerts alerts, Commands commands, FleetEvents events, ZoneId defaultZone) {
        this.db = db;
        this.audit = audit;
        this.alerts = alerts;
        this.commands = commands;
        this.events = events;
        this.defaultZone = defaultZone;
    }

    // ---- the operator's decisions

    /** Starts (or schedules, when {@code startAt} is later) a rollout; refused while another one is not finished. */
    public Rollout start(long sequence, String version, RolloutPlan plan, Instant startAt, String actor, String address)
            throws SQLException {
        if (sequence < 1) {
            throw new IllegalArgumentException("the channel sequence must be 1 or more");
        }
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("say which version the sequence carries (--version)");
        }
        UUID id = UUID.randomUUID();
        Instant start = startAt == null ? Instant.now() : startAt;
        db.inTransaction(c -> {
            try (var lock = c.createStatement()) {
                lock.execute("LOCK TABLE rollout IN SHARE ROW EXCLUSIVE MODE");
            }
            try (var st = c.prepareStatement("SELECT id, status FROM rollout WHERE status IN ('SCHEDULED', 'RUNNING', 'PAUSED')");
                    ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    throw new IllegalArgumentException("rollout " + rs.getString(1) + " is " + rs.getString(2) + ": abort it first");
                }
            }
            try (var st = c.prepareStatement("INSERT INTO rollout (id, sequence, version, status, start_at, window_from, window_to, zone,"
                    + " created_by) VALUES (?, ?, ?, 'SCHEDULED', ?, ?, ?, ?, ?)")) {
                st.setObject(1, id);
                st.setLong(2, sequence);
                st.setString(3, version.strip());
                st.setTimestamp(4, Timestamp.from(start));
                st.setObject(5, plan.window().from());
                st.setObject(6, plan.window().to());
                st.setString(7, defaultZone.getId());
                st.setString(8, actor);
                st.executeUpdate();
            }
            try (var st = c.prepareStatement("INSERT INTO rollout_wave (rollout_id, index, selector, threshold_percent, soak_seconds)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < plan.waves().size(); i++) {
                    RolloutPlan.Wave w = plan.waves().get(i);
                    st.setObject(1, id);
                    st.setInt(2, i);
                    st.setString(3, w.selector().text());
                    st.setDouble(4, w.thresholdPercent());
                    st.setLong(5, w.soak().toSeconds());
                    st.addBatch();
                }
                st.executeBatch();
            }
            // Every enrolled terminal gets its wave now (terminals enrolled later get theirs on their first heartbeat).
            try (var read = c.prepareStatement("SELECT id, hall, region FROM terminal WHERE revoked_at IS NULL");
                    var ins = c.prepareStatement("INSERT INTO rollout_terminal (rollout_id, terminal_id, wave, status) VALUES (?, ?, ?, 'WAITING')");
                    ResultSet rs = read.executeQuery()) {
                int n = 0;
                while (rs.next()) {
                    ins.setObject(1, id);
                    ins.setString(2, rs.getString(1));
                    ins.setInt(3, plan.waveOf(id, rs.getString(1), rs.getString(2), rs.getString(3)));
                    ins.addBatch();
                    if (++n % 1000 == 0) {
                        ins.executeBatch();
                    }
                }
                ins.executeBatch();
            }
            audit.record(c, actor, "rollout.start", id.toString(), "sequence " + sequence + " (" + version.strip() + "), start "
                    + start + (plan.window().from() == null ? "" : ", window " + plan.window().text()) + ", waves: "
                    + String.join(" | ", plan.waves().stream().map(RolloutPlan.Wave::text).toList()), address);
            return null;
        });
        changed();
        evaluate(Duration.ofDays(1));
        return find(id).orElseThrow();
    }

    /** An operator lets a paused rollout go on; the failures seen so far in the wave are accepted. */
    public Rollout resume(UUID id, String actor, String address) throws SQLException {
        db.inTransaction(c -> {
            Rollout r = locked(c, id);
            if (r.status() != Rollout.Status.PAUSED) {
                throw new IllegalArgumentException("rollout " + id + " is " + r.status() + ", not PAUSED");
            }
            int failed = counts(c, id).getOrDefault(r.currentWave(), emptyCounts()).entrySet().stream()
                    .filter(e -> e.getKey().failed()).mapToInt(Map.Entry::getValue).sum();
            try (var st = c.prepareStatement("UPDATE rollout_wave SET accepted_failures = ? WHERE rollout_id = ? AND index = ?")) {
                st.setInt(1, failed);
                st.setObject(2, id);
                st.setInt(3, r.currentWave());
                st.executeUpdate();
            }
            setStatus(c, id, Rollout.Status.RUNNING, null);
            alerts.closeFleetAlert(c, AlertKind.ROLLOUT_PAUSED);
            audit.record(c, actor, "rollout.resume", id.toString(), "wave " + (r.currentWave() + 1) + ": " + failed
                    + " refusals/rollbacks accepted", address);
            return null;
        });
        changed();
        return find(id).orElseThrow();
    }

    /**
     * An operator stops a rollout: the gate goes back below the release for every terminal. Terminals already on
     * it stay there unless {@code rollBack}, which sends each of them a ROLLBACK command.
     */
    public Rollout abort(UUID id, boolean rollBack, Principal by, String address) throws SQLException {
        List<String> updated = db.inTransaction(c -> {
            Rollout r = locked(c, id);
            if (r.status() == Rollout.Status.ABORTED || r.status() == Rollout.Status.COMPLETED) {
                throw new IllegalArgumentException("rollout " + id + " is already " + r.status());
            }
            setStatus(c, id, Rollout.Status.ABORTED, r.pausedReason());
            alerts.closeFleetAlert(c, AlertKind.ROLLOUT_PAUSED);
            List<String> ids = new ArrayList<>();
            try (var st = c.prepareStatement("SELECT terminal_id FROM rollout_terminal WHERE rollout_id = ? AND status IN ('INSTALLED', 'HEALTHY')"
                    + " ORDER BY terminal_id")) {
                st.setObject(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            audit.record(c, by.name(), "rollout.abort", id.toString(), "gate lowered to sequence " + r.previousSequence() + "; "
                    + ids.size() + " terminals on the release " + (rollBack ? "told to roll back" : "left on it"), address);
            return ids;
        });
        changed();
        if (rollBack && !updated.isEmpty()) {
            commands.send(CommandType.ROLLBACK, null, new Commands.Target(updated, null, null), by, address);
        }
        return find(id).orElseThrow();
    }

    // ---- what heartbeats see

    /**
     * The gate for one terminal, called in its heartbeat's transaction: records its progress from the update
     * report and answers the highest sequence it may install now (empty: no rollout, the manifest decides).
     */
    public OptionalLong gate(Connection c, String terminalId, String hall, String region, JsonNode update) throws SQLException {
        Rollout r = latestCached(c);
        if (r == null) {
            return OptionalLong.empty();
        }
        if (r.status() == Rollout.Status.SCHEDULED) {
            return OptionalLong.of(r.previousSequence());
        }
        int wave;
        Progress before;
        try (var st = c.prepareStatement("SELECT wave, status FROM rollout_terminal WHERE rollout_id = ? AND terminal_id = ?")) {
            st.setObject(1, r.id());
            st.setString(2, terminalId);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    wave = rs.getInt(1);
                    before = Progress.valueOf(rs.getString(2));
                } else {
                    wave = -2; // not seen by this rollout yet
                    before = null;
                }
            }
        }
        if (before == null) {
            wave = r.plan().waveOf(r.id(), terminalId, hall, region);
            try (var st = c.prepareStatement("INSERT INTO rollout_terminal (rollout_id, terminal_id, wave, status) VALUES (?, ?, ?, 'WAITING')"
                    + " ON CONFLICT DO NOTHING")) {
                st.setObject(1, r.id());
                st.setString(2, terminalId);
                st.setInt(3, wave);
                st.executeUpdate();
            }
            before = Progress.WAITING;
        }
        boolean reached = wave >= 0 && (r.status() == Rollout.Status.COMPLETED
                || (wave <= r.currentWave() && (r.status() == Rollout.Status.RUNNING || r.status() == Rollout.Status.PAUSED)));
        boolean offered = before != Progress.WAITING || (reached
                && (r.status() == Rollout.Status.RUNNING || r.status() == Rollout.Status.COMPLETED)
                && r.window().contains(LocalTime.now(r.zone())));
        Progress now = before.after(update, r.sequence(), r.version());
        if (now == Progress.WAITING && offered) {
            now = Progress.OFFERED;
        }
        if (now != before) {
            try (var st = c.prepareStatement("UPDATE rollout_terminal SET status = ?, updated_at = now() WHERE rollout_id = ? AND terminal_id = ?")) {
                st.setString(1, now.name());
                st.setObject(2, r.id());
                st.setString(3, terminalId);
                st.executeUpdate();
            }
        }
        boolean open = offered && r.status() != Rollout.Status.ABORTED;
        return OptionalLong.of(open ? r.sequence() : r.previousSequence());
    }

    /** On the heartbeat's own connection: taking a second one from the pool inside a transaction could starve it. */
    private Rollout latestCached(Connection c) throws SQLException {
        Cached now = cached;
        if (System.nanoTime() - now.readAtNanos() > 1_000_000_000L) {
            now = new Cached(latest(c).orElse(null), System.nanoTime());
            cached = now;
        }
        return now.rollout();
    }

    private void changed() {
        cached = new Cached(null, 0);
        events.publish(new FleetEvents.Change(null, null, "rollout"));
    }

    // ---- the rollout's own decisions

    /** Opens, pauses and completes waves; each instance calls it every few seconds. */
    public void evaluate(Duration offlineAfter) throws SQLException {
        boolean decided = db.inTransaction(c -> {
            UUID id;
            try (var st = c.prepareStatement("SELECT id FROM rollout WHERE status IN ('SCHEDULED', 'RUNNING') FOR UPDATE SKIP LOCKED");
                    ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                id = rs.getObject(1, UUID.class);
            }
            Rollout r = read(c, id).orElseThrow();
            Instant now = Instant.now();
            if (r.status() == Rollout.Status.SCHEDULED) {
                if (now.isBefore(r.startAt())) {
                    return false;
                }
                setStatus(c, id, Rollout.Status.RUNNING, null);
                openWave(c, r, 0);
                return true;
            }
            Rollout.WaveState w = r.waves().get(r.currentWave());
            Map<Progress, Integer> counts = counts(c, id).getOrDefault(r.currentWave(), emptyCounts());
            WaveSummary s = new WaveSummary(w, counts);
            int newFailures = s.failed() - w.acceptedFailures();
            if (s.total() > 0 && 100.0 * newFailures / s.total() > w.wave().thresholdPercent()) {
                String reason = String.format(java.util.Locale.ROOT, "wave %d (%s): %d of %d terminals refused or rolled back (%.1f %% > %s %%)",
                        w.index() + 1, w.wave().selector().text(), s.failed(), s.total(), s.failedPercent(), RolloutPlan.trim(w.wave().thresholdPercent()));
                setStatus(c, id, Rollout.Status.PAUSED, reason);
                alerts.openFleetAlert(c, AlertKind.ROLLOUT_PAUSED, "rollout of sequence " + r.sequence() + " paused: " + reason);
                audit.record(c, SYSTEM, "rollout.pause", id.toString(), reason, null);
                return true;
            }
            if (w.openedAt().plus(w.wave().soak()).isAfter(now) || pendingOnline(c, id, w.index(), offlineAfter) > 0) {
                return false;
            }
            try (var st = c.prepareStatement("UPDATE rollout_wave SET completed_at = now() WHERE rollout_id = ? AND index = ?")) {
                st.setObject(1, id);
                st.setInt(2, w.index());
                st.executeUpdate();
            }
            audit.record(c, SYSTEM, "rollout.wave-done", id.toString(), "wave " + (w.index() + 1) + ": " + counts.get(Progress.HEALTHY)
                    + " healthy, " + s.failed() + " refused/rolled back, of " + s.total(), null);
            if (w.index() + 1 < r.waves().size()) {
                openWave(c, r, w.index() + 1);
            } else {
                setStatus(c, id, Rollout.Status.COMPLETED, null);
                audit.record(c, SYSTEM, "rollout.complete", id.toString(), "sequence " + r.sequence() + " everywhere it was planned", null);
            }
            return true;
        });
        if (decided) {
            changed();
        }
    }

    private void openWave(Connection c, Rollout r, int index) throws SQLException {
        try (var st = c.prepareStatement("UPDATE rollout SET current_wave = ?, updated_at = now() WHERE id = ?")) {
            st.setInt(1, index);
            st.setObject(2, r.id());
            st.executeUpdate();
        }
        try (var st = c.prepareStatement("UPDATE rollout_wave SET opened_at = now() WHERE rollout_id = ? AND index = ?")) {
            st.setObject(1, r.id());
            st.setInt(2, index);
            st.executeUpdate();
        }
        audit.record(c, SYSTEM, "rollout.wave-open", r.id().toString(), "wave " + (index + 1) + " ("
                + r.waves().get(index).wave().selector().text() + ") offered sequence " + r.sequence(), null);
    }

    /** Terminals of a wave that are still on their way and have reported recently (the offline ones do not hold it up). */
    private static int pendingOnline(Connection c, UUID id, int wave, Duration offlineAfter) throws SQLException {
        try (var st = c.prepareStatement("SELECT count(*) FROM rollout_terminal rt JOIN terminal t ON t.id = rt.terminal_id"
                + " WHERE rt.rollout_id = ? AND rt.wave = ? AND rt.status NOT IN ('HEALTHY', 'REFUSED', 'ROLLED_BACK')"
                + " AND t.revoked_at IS NULL AND t.last_seen > now() - make_interval(secs => ?)")) {
            st.setObject(1, id);
            st.setInt(2, wave);
            st.setDouble(3, offlineAfter.toMillis() / 1000.0);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    // ---- reading

    public Optional<Rollout> latest() throws SQLException {
        try (Connection c = db.connection()) {
            return latest(c);
        }
    }

    private static Optional<Rollout> latest(Connection c) throws SQLException {
        try (var st = c.prepareStatement(SELECT + "ORDER BY created_at DESC LIMIT 1"); ResultSet rs = st.executeQuery()) {
            return rs.next() ? read(c, rs.getObject(1, UUID.class)) : Optional.empty();
        }
    }

    public Optional<Rollout> find(UUID id) throws SQLException {
        try (Connection c = db.connection()) {
            return read(c, id);
        }
    }

    public List<Rollout> list(int limit) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = db.connection(); var st = c.prepareStatement("SELECT id FROM rollout ORDER BY created_at DESC LIMIT ?")) {
            st.setInt(1, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            List<Rollout> out = new ArrayList<>();
            for (UUID id : ids) {
                read(c, id).ifPresent(out::add);
            }
            return out;
        }
    }

    public List<WaveSummary> summary(Rollout r) throws SQLException {
        try (Connection c = db.connection()) {
            Map<Integer, Map<Progress, Integer>> counts = counts(c, r.id());
            return r.waves().stream().map(w -> new WaveSummary(w, counts.getOrDefault(w.index(), emptyCounts()))).toList();
        }
    }

    /** Terminals of a rollout, those that failed first, then by wave. */
    public List<TerminalProgress> terminals(UUID id, int limit) throws SQLException {
        try (Connection c = db.connection(); var st = c.prepareStatement("SELECT rt.terminal_id, t.hall, rt.wave, rt.status, rt.updated_at"
                + " FROM rollout_terminal rt JOIN terminal t ON t.id = rt.terminal_id WHERE rt.rollout_id = ? AND rt.status <> 'WAITING'"
                + " ORDER BY (rt.status IN ('REFUSED', 'ROLLED_BACK')) DESC, rt.wave, rt.terminal_id LIMIT ?")) {
            st.setObject(1, id);
            st.setInt(2, limit);
            List<TerminalProgress> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new TerminalProgress(rs.getString(1), rs.getString(2), rs.getInt(3), Progress.valueOf(rs.getString(4)),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return out;
        }
    }

    private static Map<Progress, Integer> emptyCounts() {
        Map<Progress, Integer> m = new EnumMap<>(Progress.class);
        for (Progress p : Progress.values()) {
            m.put(p, 0);
        }
        return m;
    }

    private static Map<Integer, Map<Progress, Integer>> counts(Connection c, UUID id) throws SQLException {
        Map<Integer, Map<Progress, Integer>> out = new TreeMap<>();
        try (var st = c.prepareStatement("SELECT wave, status, count(*) FROM rollout_terminal WHERE rollout_id = ? GROUP BY wave, status")) {
            st.setObject(1, id);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getInt(1), k -> emptyCounts()).put(Progress.valueOf(rs.getString(2)), rs.getInt(3));
                }
            }
        }
        return out;
    }

    private Rollout locked(Connection c, UUID id) throws SQLException {
        try (var st = c.prepareStatement("SELECT 1 FROM rollout WHERE id = ? FOR UPDATE")) {
            st.setObject(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no rollout " + id);
                }
            }
        }
        return read(c, id).orElseThrow();
    }

    private static void setStatus(Connection c, UUID id, Rollout.Status status, String reason) throws SQLException {
        try (var st = c.prepareStatement("UPDATE rollout SET status = ?, paused_reason = ?, updated_at = now() WHERE id = ?")) {
            st.setString(1, status.name());
            st.setString(2, reason);
            st.setObject(3, id);
            st.executeUpdate();
        }
    }

    private static Optional<Rollout> read(Connection c, UUID id) throws SQLException {
        List<Rollout.WaveState> waves = new ArrayList<>();
        try (var st = c.prepareStatement("SELECT index, selector, threshold_percent, soak_seconds, accepted_failures, opened_at, completed_at"
                + " FROM rollout_wave WHERE rollout_id = ? ORDER BY index")) {
            st.setObject(1, id);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    waves.add(new Rollout.WaveState(rs.getInt(1), new RolloutPlan.Wave(RolloutPlan.selector(rs.getString(2)),
                            rs.getDouble(3), Duration.ofSeconds(rs.getLong(4))), rs.getInt(5), instant(rs.getTimestamp(6)),
                            instant(rs.getTimestamp(7))));
                }
            }
        }
        try (var st = c.prepareStatement(SELECT + "WHERE id = ?")) {
            st.setObject(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                LocalTime from = rs.getObject(6, LocalTime.class);
                LocalTime to = rs.getObject(7, LocalTime.class);
                return Optional.of(new Rollout(id, rs.getLong(2), rs.getString(3), Rollout.Status.valueOf(rs.getString(4)),
                        rs.getTimestamp(5).toInstant(), from == null ? RolloutPlan.Window.ANY_TIME : new RolloutPlan.Window(from, to),
                        ZoneId.of(rs.getString(8)), rs.getInt(9), rs.getString(10), rs.getString(11), rs.getTimestamp(12).toInstant(), waves));
            }
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** The principal the command line acts as (an operator at the server's console, by their system account). */
    public static Principal commandLine(String actor) {
        return new Principal(actor, actor, Role.ADMIN, java.util.Set.of());
    }
}
