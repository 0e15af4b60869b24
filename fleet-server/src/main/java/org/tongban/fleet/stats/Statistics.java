package org.tongban.fleet.stats;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tongban.fleet.db.Database;

/**
 * Service statistics from the terminals' usage counters (no personal data): use per item, hall and day;
 * completion, abandonment and the step where visits were abandoned; the five-level review per item and hall
 * with its reasons; the busiest hours. What the console's statistics page, its CSV files and the operator
 * API's {@code /fleet/v1/stats/items} show.
 */
public final class Statistics {

    /** Days {@code from}..{@code to} (inclusive), one hall or all ({@code hall} null). */
    public record Period(LocalDate from, LocalDate to, String hall) {
        public static final int MAX_DAYS = 366;

        public Period {
            if (from == null || to == null) {
                throw new IllegalArgumentException("from and to are dates (YYYY-MM-DD)");
            }
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
            }
            if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
                throw new IllegalArgumentException("a period is at most " + MAX_DAYS + " days");
            }
            hall = hall == null || hall.isBlank() ? null : hall.strip();
        }
    }

    public record ItemRow(String itemCode, long started, long completed, long abandoned, Map<String, Long> reviews,
            Map<String, Long> abandonedAt, Map<String, Long> reviewReasons) {
        /** The mean review level (1..5), or 0 without reviews. */
        public double meanReview() {
            long n = 0;
            long sum = 0;
            for (Map.Entry<String, Long> e : reviews.entrySet()) {
                try {
                    sum += Integer.parseInt(e.getKey()) * e.getValue();
                    n += e.getValue();
                } catch (NumberFormatException ignored) {
                    // not a level
                }
            }
            return n == 0 ? 0 : (double) sum / n;
        }
    }

    public record HallDay(String hall, LocalDate day, long started, long completed, long abandoned) {
    }

    public record HallReview(String hall, String itemCode, Map<String, Long> reviews, Map<String, Long> reasons) {
    }

    public record Report(Period period, List<ItemRow> items, List<HallDay> hallDays, List<HallReview> hallReviews, long[] hours) {
    }

    private static final String FROM = " FROM usage_day u JOIN terminal t ON t.id = u.terminal_id";
    private static final String WHERE = " WHERE u.day BETWEEN ? AND ? AND (?::text IS NULL OR t.hall = ?)";

    private final Database db;

    public Statistics(Database db) {
        this.db = db;
    }

    public List<ItemRow> items(Period p) throws SQLException {
        try (Connection c = db.connection()) {
            return items(c, p);
        }
    }

    public Report report(Period p) throws SQLException {
        try (Connection c = db.connection()) {
            List<HallDay> days = new ArrayList<>();
            try (PreparedStatement st = prepare(c, "SELECT t.hall, u.day, sum(u.started), sum(u.completed), sum(u.abandoned)" + FROM + WHERE
                    + " GROUP BY t.hall, u.day ORDER BY u.day, t.hall", p); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    days.add(new HallDay(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                }
            }
            Map<List<String>, Map<String, Long>> reviews = maps(c, p, "reviews", "t.hall, u.item_code");
            Map<List<String>, Map<String, Long>> reasons = maps(c, p, "review_reasons", "t.hall, u.item_code");
            List<HallReview> hallReviews = new ArrayList<>();
            for (Map.Entry<List<String>, Map<String, Long>> e : reviews.entrySet()) {
                hallReviews.add(new HallReview(e.getKey().get(0), e.getKey().get(1), e.getValue(), reasons.getOrDefault(e.getKey(), Map.of())));
            }
            long[] hours = new long[24];
            try (PreparedStatement st = prepare(c, "SELECT h.hour, sum(h.started) FROM usage_hour h JOIN terminal t ON t.id = h.terminal_id"
                    + " WHERE h.day BETWEEN ? AND ? AND (?::text IS NULL OR t.hall = ?) GROUP BY h.hour", p); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    hours[rs.getInt(1)] = rs.getLong(2);
                }
            }
            return new Report(p, items(c, p), days, hallReviews, hours);
        }
    }

    private static List<ItemRow> items(Connection c, Period p) throws SQLException {
        Map<List<String>, Map<String, Long>> reviews = maps(c, p, "reviews", "u.item_code");
        Map<List<String>, Map<String, Long>> steps = maps(c, p, "abandoned_at", "u.item_code");
        Map<List<String>, Map<String, Long>> reasons = maps(c, p, "review_reasons", "u.item_code");
        List<ItemRow> out = new ArrayList<>();
        try (PreparedStatement st = prepare(c, "SELECT u.item_code, sum(u.started), sum(u.completed), sum(u.abandoned)" + FROM + WHERE
                + " GROUP BY u.item_code ORDER BY sum(u.started) DESC, u.item_code", p); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                List<String> key = List.of(rs.getString(1));
                out.add(new ItemRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), reviews.getOrDefault(key, Map.of()),
                        steps.getOrDefault(key, Map.of()), reasons.getOrDefault(key, Map.of())));
            }
        }
        return out;
    }

    /** Sums a jsonb column of counters ({"key": n}) by the given grouping columns. */
    private static Map<List<String>, Map<String, Long>> maps(Connection c, Period p, String column, String groupBy) throws SQLException {
        int keys = groupBy.split(",").length;
        Map<List<String>, Map<String, Long>> out = new LinkedHashMap<>();
        try (PreparedStatement st = prepare(c, "SELECT " + groupBy + ", r.key, sum(CASE WHEN jsonb_typeof(r.value) = 'number' THEN (r.value)::numeric"
                + " ELSE 0 END)" + FROM + ", jsonb_each(u." + column + ") r" + WHERE + " GROUP BY " + groupBy + ", r.key ORDER BY " + groupBy
                + ", r.key", p); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                List<String> key = new ArrayList<>();
                for (int i = 1; i <= keys; i++) {
                    key.add(rs.getString(i));
                }
                out.computeIfAbsent(List.copyOf(key), k -> new TreeMap<>()).put(rs.getString(keys + 1), rs.getLong(keys + 2));
            }
        }
        return out;
    }

    private static PreparedStatement prepare(Connection c, String sql, Period p) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        st.setDate(1, Date.valueOf(p.from()));
        st.setDate(2, Date.valueOf(p.to()));
        st.setString(3, p.hall());
        st.setString(4, p.hall());
        return st;
    }
}
