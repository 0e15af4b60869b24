package org.tongban.fleet.console;

import static org.tongban.fleet.console.Html.esc;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.tongban.fleet.stats.Statistics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The statistics page for the people who improve services: use per day, completion and abandonment per item,
 * the steps where visits are abandoned, the five-level review per item (and per hall, with reasons), the busiest
 * hours; charts drawn in the browser by Chart.js (WebJar) from the same numbers as the tables; each table as CSV.
 */
public final class StatisticsPages {

    /** The CSV files: one per table of the page. */
    enum Table { ITEMS, DAYS, STEPS, REVIEWS, HOURS }

    private final ConsoleRoutes console;
    private final Statistics statistics;
    private final ObjectMapper json;
    private final ZoneId zone;

    public StatisticsPages(ConsoleRoutes console, Statistics statistics, ObjectMapper json, ZoneId zone) {
        this.console = console;
        this.statistics = statistics;
        this.json = json;
        this.zone = zone;
    }

    public void register(Javalin app) {
        app.get("/console/static/stats.js", ctx -> {
            try (var in = StatisticsPages.class.getResourceAsStream("/console/static/stats.js")) {
                ctx.contentType("text/javascript; charset=utf-8").result(in.readAllBytes());
            }
        });
        app.get("/console/stats", this::page);
        app.get("/console/stats.csv", this::csv);
    }

    private Statistics.Period period(Context ctx) {
        LocalDate today = LocalDate.now(zone);
        try {
            String from = ctx.queryParam("from");
            String to = ctx.queryParam("to");
            return new Statistics.Period(from == null || from.isBlank() ? today.minusDays(29) : LocalDate.parse(from),
                    to == null || to.isBlank() ? today : LocalDate.parse(to), ctx.queryParam("hall"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("from and to are dates (YYYY-MM-DD)");
        }
    }

    private void page(Context ctx) throws SQLException {
        Optional<Views.Page> p = console.page(ctx);
        if (p.isEmpty()) {
            return;
        }
        Messages m = p.get().m();
        Statistics.Period period;
        try {
            period = period(ctx);
        } catch (IllegalArgumentException e) {
            ctx.status(400).html(Views.message(p.get(), "400", m.t("error.badRequest", e.getMessage())));
            return;
        }
        Statistics.Report r = statistics.report(period);
        String query = "from=" + period.from() + "&to=" + period.to() + (period.hall() == null ? "" : "&hall=" + Html.url(period.hall()));
        StringBuilder b = new StringBuilder("<form method=\"get\" action=\"/console/stats\" id=\"period\">")
                .append("<label class=\"inline\">").append(esc(m.t("stats.from"))).append("<input type=\"date\" name=\"from\" value=\"")
                .append(period.from()).append("\"></label> <label class=\"inline\">").append(esc(m.t("stats.to")))
                .append("<input type=\"date\" name=\"to\" value=\"").append(period.to()).append("\"></label> <label class=\"inline\">")
                .append(esc(m.t("rollout.hall"))).append("<input type=\"text\" name=\"hall\" value=\"").append(esc(period.hall()))
                .append("\"></label> <button>").append(esc(m.t("stats.show"))).append("</button></form>");
        b.append("<p class=\"hint\">").append(esc(m.t("stats.noPersonalData"))).append("</p>");

        // use per day
        Map<LocalDate, long[]> perDay = new TreeMap<>();
        for (Statistics.HallDay d : r.hallDays()) {
            long[] v = perDay.computeIfAbsent(d.day(), k -> new long[3]);
            v[0] += d.started();
            v[1] += d.completed();
            v[2] += d.abandoned();
        }
        section(b, m, "stats.perDay", "chart-days", Table.DAYS, query);
        b.append("<table id=\"table-days\"><tr><th>").append(esc(m.t("rollout.hall"))).append("</th><th>").append(esc(m.t("stats.day")))
                .append("</th>").append(counts(m)).append("</tr>");
        for (Statistics.HallDay d : r.hallDays()) {
            b.append("<tr><td>").append(esc(d.hall())).append("</td><td>").append(d.day()).append("</td><td>").append(d.started())
                    .append("</td><td>").append(d.completed()).append("</td><td>").append(d.abandoned()).append("</td></tr>");
        }
        b.append("</table>");

        // per item
        section(b, m, "stats.perItem", "chart-items", Table.ITEMS, query);
        b.append("<table id=\"table-items\"><tr><th>").append(esc(m.t("stats.item"))).append("</th>").append(counts(m)).append("<th>")
                .append(esc(m.t("stats.completion"))).append("</th><th>").append(esc(m.t("stats.meanReview"))).append("</th></tr>");
        for (Statistics.ItemRow i : r.items()) {
            b.append("<tr id=\"item-").append(esc(i.itemCode())).append("\"><td>").append(esc(i.itemCode())).append("</td><td>").append(i.started())
                    .append("</td><td>").append(i.completed()).append("</td><td>").append(i.abandoned()).append("</td><td>")
                    .append(i.started() == 0 ? "–" : String.format(java.util.Locale.ROOT, "%.1f %%", 100.0 * i.completed() / i.started()))
                    .append("</td><td>").append(i.meanReview() == 0 ? "–" : String.format(java.util.Locale.ROOT, "%.2f", i.meanReview()))
                    .append("</td></tr>");
        }
        b.append("</table>");

        // where visits are abandoned
        List<String[]> steps = steps(r);
        section(b, m, "stats.abandonedAt", "chart-steps", Table.STEPS, query);
        b.append("<table id=\"table-steps\"><tr><th>").append(esc(m.t("stats.item"))).append("</th><th>").append(esc(m.t("stats.step")))
                .append("</th><th>").append(esc(m.t("stats.abandoned"))).append("</th></tr>");
        for (String[] s : steps) {
            b.append("<tr><td>").append(esc(s[0])).append("</td><td>").append(esc(s[1])).append("</td><td>").append(s[2]).append("</td></tr>");
        }
        b.append("</table>");

        // reviews per item and hall, with reasons
        section(b, m, "stats.reviews", "chart-reviews", Table.REVIEWS, query);
        b.append("<table id=\"table-reviews\"><tr><th>").append(esc(m.t("rollout.hall"))).append("</th><th>").append(esc(m.t("stats.item")))
                .append("</th>");
        for (int level = 1; level <= 5; level++) {
            b.append("<th>").append(esc(m.t("stats.level"))).append(' ').append(level).append("</th>");
        }
        b.append("<th>").append(esc(m.t("stats.reasons"))).append("</th></tr>");
        for (Statistics.HallReview h : r.hallReviews()) {
            b.append("<tr><td>").append(esc(h.hall())).append("</td><td>").append(esc(h.itemCode())).append("</td>");
            for (int level = 1; level <= 5; level++) {
                b.append("<td>").append(h.reviews().getOrDefault(Integer.toString(level), 0L)).append("</td>");
            }
            b.append("<td>");
            h.reasons().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> b.append(esc(e.getKey())).append(" ×").append(e.getValue()).append(' '));
            b.append("</td></tr>");
        }
        b.append("</table>");

        // busiest hours
        section(b, m, "stats.hours", "chart-hours", Table.HOURS, query);

        ObjectNode data = json.createObjectNode();
        ObjectNode labels = data.putObject("labels");
        for (String k : List.of("started", "completed", "abandoned", "abandonedAt", "level")) {
            labels.put(k, m.t("stats." + k));
        }
        ArrayNode days = data.putArray("days");
        perDay.forEach((day, v) -> days.addObject().put("day", day.toString()).put("started", v[0]).put("completed", v[1]).put("abandoned", v[2]));
        ArrayNode items = data.putArray("items");
        for (Statistics.ItemRow i : r.items()) {
            ObjectNode n = items.addObject().put("itemCode", i.itemCode()).put("completed", i.completed()).put("abandoned", i.abandoned());
            i.reviews().forEach(n.putObject("reviews")::put);
        }
        ArrayNode stepData = data.putArray("steps");
        steps.stream().limit(15).forEach(s -> stepData.addObject().put("itemCode", s[0]).put("step", s[1]).put("count", Long.parseLong(s[2])));
        ArrayNode hours = data.putArray("hours");
        for (long h : r.hours()) {
            hours.add(h);
        }
        // JSON inside <script>: "</" must not end the element early.
        b.append("<script type=\"application/json\" id=\"stats-data\">").append(data.toString().replace("</", "<\\/")).append("</script>")
                .append("<script src=\"/webjars/chart.js/4.4.1/dist/chart.umd.js\"></script><script src=\"/console/static/stats.js\"></script>");
        ctx.html(Views.layout(p.get(), m.t("nav.stats"), null, b.toString()));
    }

    private static void section(StringBuilder b, Messages m, String title, String canvas, Table table, String query) {
        b.append("<h2>").append(esc(m.t(title))).append(" <a class=\"csv\" id=\"csv-").append(table.name().toLowerCase()).append("\" href=\"/console/stats.csv?table=")
                .append(table.name().toLowerCase()).append('&').append(esc(query)).append("\">CSV</a></h2><div class=\"chart\"><canvas id=\"")
                .append(canvas).append("\"></canvas></div>");
    }

    private static String counts(Messages m) {
        return "<th>" + esc(m.t("stats.started")) + "</th><th>" + esc(m.t("stats.completed")) + "</th><th>" + esc(m.t("stats.abandoned")) + "</th>";
    }

    /** Item, step, visits abandoned there; most first. */
    private static List<String[]> steps(Statistics.Report r) {
        List<String[]> out = new ArrayList<>();
        for (Statistics.ItemRow i : r.items()) {
            i.abandonedAt().forEach((step, n) -> out.add(new String[] {i.itemCode(), step, Long.toString(n)}));
        }
        out.sort(Comparator.comparingLong((String[] s) -> Long.parseLong(s[2])).reversed());
        return out;
    }

    private void csv(Context ctx) throws SQLException {
        Optional<Views.Page> p = console.page(ctx);
        if (p.isEmpty()) {
            return;
        }
        Table table;
        Statistics.Period period;
        try {
            table = Table.valueOf(Optional.ofNullable(ctx.queryParam("table")).orElse("items").toUpperCase(java.util.Locale.ROOT));
            period = period(ctx);
        } catch (IllegalArgumentException e) {
            ctx.status(400).contentType("text/plain; charset=utf-8").result("bad request: " + e.getMessage());
            return;
        }
        Statistics.Report r = statistics.report(period);
        StringBuilder out = new StringBuilder();
        switch (table) {
            case ITEMS -> {
                row(out, "item", "started", "completed", "abandoned", "review_1", "review_2", "review_3", "review_4", "review_5");
                for (Statistics.ItemRow i : r.items()) {
                    List<Object> cells = new ArrayList<>(List.of(i.itemCode(), i.started(), i.completed(), i.abandoned()));
                    for (int level = 1; level <= 5; level++) {
                        cells.add(i.reviews().getOrDefault(Integer.toString(level), 0L));
                    }
                    row(out, cells.toArray());
                }
            }
            case DAYS -> {
                row(out, "hall", "day", "started", "completed", "abandoned");
                r.hallDays().forEach(d -> row(out, d.hall(), d.day(), d.started(), d.completed(), d.abandoned()));
            }
            case STEPS -> {
                row(out, "item", "step", "abandoned");
                steps(r).forEach(s -> row(out, (Object[]) s));
            }
            case REVIEWS -> {
                row(out, "hall", "item", "level_or_reason", "kind", "count");
                for (Statistics.HallReview h : r.hallReviews()) {
                    h.reviews().forEach((level, n) -> row(out, h.hall(), h.itemCode(), level, "level", n));
                    h.reasons().forEach((reason, n) -> row(out, h.hall(), h.itemCode(), reason, "reason", n));
                }
            }
            case HOURS -> {
                row(out, "hour", "started");
                for (int h = 0; h < 24; h++) {
                    row(out, h, r.hours()[h]);
                }
            }
        }
        ctx.header("Content-Disposition", "attachment; filename=\"tongban-" + table.name().toLowerCase() + "-" + period.from() + "-" + period.to() + ".csv\"");
        // with a byte order mark: spreadsheet programs in Chinese locales then read UTF-8
        ctx.contentType("text/csv; charset=utf-8").result("\uFEFF" + out);
    }

    /** One CSV line (RFC 4180), with cells that a spreadsheet would take for a formula made plain text. */
    static void row(StringBuilder out, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String s = cells[i] == null ? "" : cells[i].toString();
            if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(cells[i] instanceof Number)) {
                s = "'" + s;
            }
            if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
                s = "\"" + s.replace("\"", "\"\"") + "\"";
            }
            out.append(s);
        }
        out.append("\r\n");
    }
}
