package org.tongban.fleet.heartbeat;

import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.tongban.fleet.alerts.Alert;
import org.tongban.fleet.alerts.AlertRules;
import org.tongban.fleet.alerts.Alerts;
import org.tongban.fleet.commands.CommandView;
import org.tongban.fleet.commands.Commands;
import org.tongban.fleet.db.Database;
import org.tongban.fleet.events.FleetEvents;
import org.tongban.fleet.rollouts.Rollouts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Takes an authenticated, valid heartbeat and stores everything it says in one transaction: the latest state
 * and a bounded history, command results, usage counters (a day's report replaces the day), alerts. Answers
 * with the interval, the commands still due and the acknowledgement of a staff call.
 */
public final class HeartbeatService {

    /** How many heartbeats of each terminal the history keeps. */
    public static final int HISTORY = 50;

    private final Database db;
    private final Commands commands;
    private final Alerts alerts;
    private final AlertRules rules;
    private final FleetEvents events;
    private final ObjectMapper json;
    private final Duration interval;
    private final Rollouts rollouts;

    public HeartbeatService(Database db, Commands commands, Alerts alerts, AlertRules rules, Rollouts rollouts, FleetEvents events,
            ObjectMapper json, Duration interval) {
        this.rollouts = rollouts;
        this.db = db;
        this.commands = commands;
        this.alerts = alerts;
        this.rules = rules;
        this.events = events;
        this.json = json;
        this.interval = interval;
    }

    /** A heartbeat already checked and valid; empty when its nonce was seen before (a replay: nothing is stored). */
    public Optional<ObjectNode> accept(String terminalId, String nonce, JsonNode heartbeat) throws SQLException {
        record Outcome(String hall, List<CommandView> due, Optional<Alert> staffComing, List<String> usageDays, List<Alert> opened,
                OptionalLong maxSequence) {
        }
        Outcome o = db.inTransaction(c -> {
            try (var st = c.prepareStatement("INSERT INTO nonce (terminal_id, nonce) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                st.setString(1, terminalId);
                st.setString(2, nonce.toLowerCase(java.util.Locale.ROOT));
                if (st.executeUpdate() == 0) {
                    return null;
                }
            }
            String hall;
            String region;
            long count;
            try (var st = c.prepareStatement("UPDATE terminal SET last_seen = now(), heartbeat = ?::jsonb,"
                    + " heartbeat_count = heartbeat_count + 1 WHERE id = ? RETURNING hall, heartbeat_count, region")) {
                st.setString(1, heartbeat.toString());
                st.setString(2, terminalId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    hall = rs.getString(1);
                    count = rs.getLong(2);
                    region = rs.getString(3);
                }
            }
            try (var st = c.prepareStatement("INSERT INTO heartbeat_history (terminal_id, slot, received_at, body) VALUES (?, ?, now(), ?::jsonb)"
                    + " ON CONFLICT (terminal_id, slot) DO UPDATE SET received_at = excluded.received_at, body = excluded.body")) {
                st.setString(1, terminalId);
                st.setInt(2, (int) (count % HISTORY));
                st.setString(3, heartbeat.toString());
                st.executeUpdate();
            }
            commands.recordResults(c, terminalId, heartbeat.path("commandResults"));
            List<String> days = storeUsage(c, terminalId, heartbeat.path("usage"));
            List<Alert> opened = alerts.reconcile(c, terminalId, rules.wanted(heartbeat));
            List<CommandView> due = commands.due(c, terminalId);
            OptionalLong gate = rollouts.gate(c, terminalId, hall, region, heartbeat.path("update"));
            return new Outcome(hall, due, alerts.acknowledgedStaffCall(c, terminalId), days, opened, gate);
        });
        if (o == null) {
            return Optional.empty();
        }
        events.publish(new FleetEvents.Change(terminalId, o.hall(), "heartbeat"));

        ObjectNode answer = json.createObjectNode();
        answer.put("serverTime", Instant.now().toString());
        answer.put("intervalSeconds", interval.toSeconds());
        ArrayNode list = answer.putArray("commands");
        for (CommandView cmd : o.due()) {
            ObjectNode n = list.addObject();
            n.put("id", cmd.id().toString());
            n.put("type", cmd.type().name());
            n.set("args", cmd.args());
            n.put("issuedAt", cmd.issuedAt().toString());
        }
        if (!o.usageDays().isEmpty()) {
            ArrayNode days = answer.putArray("usageAcknowledged");
            o.usageDays().forEach(days::add);
        }
        o.maxSequence().ifPresent(max -> answer.putObject("release").put("maxSequence", max));
        o.staffComing().ifPresent(a -> answer.putObject("assistance").put("acknowledgedBy", a.acknowledgedBy())
                .put("at", a.acknowledgedAt().toString()));
        return Optional.of(answer);
    }

    /** Replaces each reported day's counters: a resent report counts nothing twice. */
    private static List<String> storeUsage(Connection c, String terminalId, JsonNode usage) throws SQLException {
        List<String> days = new ArrayList<>();
        for (JsonNode day : usage) {
            LocalDate date = LocalDate.parse(day.path("date").asText());
            for (String table : List.of("usage_day", "usage_hour")) {
                try (var del = c.prepareStatement("DELETE FROM " + table + " WHERE terminal_id = ? AND day = ?")) {
                    del.setString(1, terminalId);
                    del.setDate(2, Date.valueOf(date));
                    del.executeUpdate();
                }
            }
            try (var ins = c.prepareStatement("INSERT INTO usage_day (terminal_id, day, item_code, started, completed, abandoned, reviews,"
                    + " abandoned_at, review_reasons) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)"
                    + " ON CONFLICT (terminal_id, day, item_code) DO UPDATE SET started = excluded.started, completed = excluded.completed,"
                    + " abandoned = excluded.abandoned, reviews = excluded.reviews, abandoned_at = excluded.abandoned_at,"
                    + " review_reasons = excluded.review_reasons")) {
                for (JsonNode item : day.path("items")) {
                    ins.setString(1, terminalId);
                    ins.setDate(2, Date.valueOf(date));
                    ins.setString(3, item.path("itemCode").asText());
                    ins.setInt(4, item.path("started").asInt());
                    ins.setInt(5, item.path("completed").asInt());
                    ins.setInt(6, item.path("abandoned").asInt());
                    ins.setString(7, counters(item.path("reviews")));
                    ins.setString(8, counters(item.path("abandonedAt")));
                    ins.setString(9, counters(item.path("reviewReasons")));
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            JsonNode hours = day.path("hours");
            if (hours.isObject()) {
                try (var ins = c.prepareStatement("INSERT INTO usage_hour (terminal_id, day, hour, started) VALUES (?, ?, ?, ?)")) {
                    for (var it = hours.fields(); it.hasNext();) {
                        var e = it.next();
                        ins.setString(1, terminalId);
                        ins.setDate(2, Date.valueOf(date));
                        ins.setInt(3, Integer.parseInt(e.getKey()));
                        ins.setInt(4, e.getValue().asInt());
                        ins.addBatch();
                    }
                    ins.executeBatch();
                }
            }
            days.add(date.toString());
        }
        return days;
    }

    /** A map of counters as the validator let it through ({"key": non-negative integer}), or {} when absent. */
    private static String counters(JsonNode n) {
        return n.isObject() ? n.toString() : "{}";
    }
}
