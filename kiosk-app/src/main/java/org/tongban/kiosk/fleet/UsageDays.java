package org.tongban.kiosk.fleet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the service items were used here, per local day: started, completed, abandoned (and at which step), and
 * the reviews (level, and the reasons given for a low one). Totals since the day began, in SQLite in the data
 * folder; about items, never about people. A day is reported in every heartbeat until the fleet server
 * acknowledges the totals sent; a day that changes after that is reported again (the server replaces a day).
 */
public final class UsageDays implements AutoCloseable {

    public static final String FILE = "usage-days.db";

    /** One item's totals on one day, as the heartbeat's {@code usage[].items[]} carry them. */
    public record ItemUsage(String itemCode, int started, int completed, int abandoned,
                            Map<String, Integer> abandonedAt, Map<String, Integer> reviews,
                            Map<String, Integer> reviewReasons) {
    }

    /** A day's totals, and the change number they were taken at (acknowledging it acknowledges those). */
    public record Day(LocalDate date, long version, List<ItemUsage> items) {
    }

    private final Connection db;
    private final Clock clock;
    private final ZoneId zone;

    private UsageDays(Connection db, Clock clock, ZoneId zone) {
        this.db = db;
        this.clock = clock;
        this.zone = zone;
    }

    public static UsageDays open(Path dataDir, Clock clock, ZoneId zone) throws java.io.IOException {
        return new UsageDays(DurableFile.open(dataDir.resolve(FILE),
                // kind: started, completed, abandoned, abandoned_at (key: the step), review (key: level), reason (key: reason)
                "CREATE TABLE IF NOT EXISTS tally (day TEXT NOT NULL, item_code TEXT NOT NULL, kind TEXT NOT NULL,"
                        + " key TEXT NOT NULL DEFAULT '', n INTEGER NOT NULL, PRIMARY KEY (day, item_code, kind, key))",
                "CREATE TABLE IF NOT EXISTS day (day TEXT PRIMARY KEY, version INTEGER NOT NULL,"
                        + " acknowledged INTEGER NOT NULL DEFAULT 0)"), clock, zone);
    }

    public void started(String itemCode) {
        count(itemCode, "started", "");
    }

    public void completed(String itemCode) {
        count(itemCode, "completed", "");
    }

    /** The citizen left the item unfinished, at {@code step} (a step type, e.g. FORM). */
    public void abandoned(String itemCode, String step) {
        count(itemCode, "abandoned", "");
        count(itemCode, "abandoned_at", step == null ? "" : step);
    }

    /** A review of the item: level 1..5 and the reasons picked from the fixed list (never the free comment). */
    public void reviewed(String itemCode, int level, List<String> reasons) {
        count(itemCode, "review", Integer.toString(level));
        reasons.forEach(r -> count(itemCode, "reason", r));
    }

    private synchronized void count(String itemCode, String kind, String key) {
        String today = LocalDate.now(clock.withZone(zone)).toString();
        try {
            db.setAutoCommit(false);
            try (var up = db.prepareStatement("INSERT INTO tally (day, item_code, kind, key, n) VALUES (?, ?, ?, ?, 1)"
                    + " ON CONFLICT (day, item_code, kind, key) DO UPDATE SET n = n + 1");
                    var day = db.prepareStatement("INSERT INTO day (day, version) VALUES (?, 1)"
                            + " ON CONFLICT (day) DO UPDATE SET version = version + 1")) {
                up.setString(1, today);
                up.setString(2, itemCode);
                up.setString(3, kind);
                up.setString(4, key);
                up.executeUpdate();
                day.setString(1, today);
                day.executeUpdate();
            }
            db.commit();
        } catch (SQLException e) {
            rollback();
            // Counters are statistics: a failed write is logged and the citizen goes on.
            org.slf4j.LoggerFactory.getLogger(UsageDays.class).warn("usage of {} not counted: {}", itemCode, e.getMessage());
        } finally {
            autoCommit();
        }
    }

    /** Every day whose latest totals the server has not acknowledged, oldest first (at most 31). */
    public synchronized List<Day> unacknowledged() throws SQLException {
        List<Day> days = new ArrayList<>();
        try (var st = db.prepareStatement("SELECT day, version FROM day WHERE version > acknowledged ORDER BY day LIMIT 31");
                var rs = st.executeQuery()) {
            while (rs.next()) {
                days.add(new Day(LocalDate.parse(rs.getString(1)), rs.getLong(2), List.of()));
            }
        }
        List<Day> out = new ArrayList<>();
        for (Day d : days) {
            out.add(new Day(d.date(), d.version(), items(d.date())));
        }
        return out;
    }

    /** The totals of one day, by item. */
    public synchronized List<ItemUsage> day(LocalDate date) throws SQLException {
        return items(date);
    }

    private List<ItemUsage> items(LocalDate date) throws SQLException {
        Map<String, Map<String, Map<String, Integer>>> byItem = new TreeMap<>();
        try (var st = db.prepareStatement("SELECT item_code, kind, key, n FROM tally WHERE day = ?")) {
            st.setString(1, date.toString());
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    byItem.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new TreeMap<>()).put(rs.getString(3), rs.getInt(4));
                }
            }
        }
        List<ItemUsage> out = new ArrayList<>();
        byItem.forEach((code, kinds) -> out.add(new ItemUsage(code, total(kinds, "started"), total(kinds, "completed"),
                total(kinds, "abandoned"), kinds.getOrDefault("abandoned_at", Map.of()),
                kinds.getOrDefault("review", Map.of()), kinds.getOrDefault("reason", Map.of()))));
        return out;
    }

    private static int total(Map<String, Map<String, Integer>> kinds, String kind) {
        return kinds.getOrDefault(kind, Map.of()).getOrDefault("", 0);
    }

    /** The server stored these days as sent: each is done unless it changed since. */
    public synchronized void acknowledged(List<Day> sent, List<LocalDate> acknowledged) throws SQLException {
        try (var st = db.prepareStatement("UPDATE day SET acknowledged = max(acknowledged, ?) WHERE day = ?")) {
            for (Day d : sent) {
                if (acknowledged.contains(d.date())) {
                    st.setLong(1, d.version());
                    st.setString(2, d.date().toString());
                    st.addBatch();
                }
            }
            st.executeBatch();
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the write failed already; nothing more to undo
        }
    }

    private void autoCommit() {
        try {
            db.setAutoCommit(true);
        } catch (SQLException ignored) {
            // next use sets it again
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
