package org.tongban.fleet.api;

import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.tongban.fleet.alerts.Alert;
import org.tongban.fleet.alerts.Alerts;
import org.tongban.fleet.app.FleetClock;
import org.tongban.fleet.commands.CommandType;
import org.tongban.fleet.commands.CommandView;
import org.tongban.fleet.commands.Commands;
import org.tongban.fleet.db.Database;
import org.tongban.fleet.http.ApiError;
import org.tongban.fleet.operators.Operators;
import org.tongban.fleet.operators.Principal;
import org.tongban.fleet.stats.Statistics;
import org.tongban.fleet.terminals.Terminal;
import org.tongban.fleet.terminals.TerminalRepository;
import org.tongban.fleet.terminals.TerminalState;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.Javalin;
import io.javalin.http.Context;

/** The operators' JSON API (docs/contracts/fleet-api.yaml), with bearer tokens. */
public final class OperatorApi {

    private final Database db;
    private final Operators operators;
    private final TerminalRepository terminals;
    private final Commands commands;
    private final Alerts alerts;
    private final FleetClock clock;
    private final ObjectMapper json;
    private final Statistics statistics;

    public OperatorApi(Database db, Operators operators, TerminalRepository terminals, Commands commands, Alerts alerts,
            Statistics statistics, FleetClock clock, ObjectMapper json) {
        this.db = db;
        this.statistics = statistics;
        this.operators = operators;
        this.terminals = terminals;
        this.commands = commands;
        this.alerts = alerts;
        this.clock = clock;
        this.json = json;
    }

    public void register(Javalin app) {
        app.get("/fleet/v1/terminals", this::listTerminals);
        app.get("/fleet/v1/terminals/{terminalId}", this::getTerminal);
        app.post("/fleet/v1/commands", this::sendCommand);
        app.get("/fleet/v1/commands/{commandId}", this::getCommand);
        app.get("/fleet/v1/alerts", this::listAlerts);
        app.post("/fleet/v1/alerts/{alertId}/acknowledge", this::acknowledge);
        app.get("/fleet/v1/stats/items", this::itemStats);
    }

    private Principal principal(Context ctx) throws SQLException {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiError(401, "Bearer token required", null);
        }
        return operators.byToken(header.substring(7)).orElseThrow(() -> new ApiError(401, "Unknown or revoked token", null));
    }

    private void listTerminals(Context ctx) throws SQLException {
        principal(ctx);
        String state = ctx.queryParam("state");
        if (state != null) {
            try {
                TerminalState.valueOf(state);
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "Unknown state", state);
            }
        }
        Instant now = Instant.now();
        ArrayNode list = json.createArrayNode();
        for (Terminal t : terminals.list(ctx.queryParam("region"), ctx.queryParam("hall"))) {
            if (state == null || t.state(now, clock.offlineAfter()).name().equals(state)) {
                list.add(view(t, now));
            }
        }
        ObjectNode out = json.createObjectNode();
        out.set("terminals", list);
        ctx.json(out);
    }

    private void getTerminal(Context ctx) throws SQLException {
        principal(ctx);
        Terminal t = terminals.find(ctx.pathParam("terminalId")).orElseThrow(() -> new ApiError(404, "No such terminal", null));
        ctx.json(view(t, Instant.now()));
    }

    private void sendCommand(Context ctx) throws SQLException {
        Principal p = principal(ctx);
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "Malformed JSON", e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new ApiError(400, "The body must be a JSON object", null);
        }
        if (body.has("args") && !body.path("args").isObject()) {
            throw new ApiError(400, "args must be an object", null);
        }
        List<String> ids = new ArrayList<>();
        body.path("terminals").forEach(n -> ids.add(n.asText()));
        try {
            List<CommandView> sent = commands.send(CommandType.parse(body.path("type").asText(null)),
                    body.has("args") ? (ObjectNode) body.path("args") : null,
                    new Commands.Target(ids, body.path("hall").asText(null), body.path("region").asText(null)), p, ctx.ip());
            ObjectNode out = json.createObjectNode();
            ArrayNode list = out.putArray("commands");
            sent.forEach(v -> list.add(view(v)));
            ctx.status(202).json(out);
        } catch (SecurityException e) {
            throw new ApiError(403, "Role too low", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "Bad command", e.getMessage());
        }
    }

    private void getCommand(Context ctx) throws SQLException {
        principal(ctx);
        java.util.Optional<UUID> id = uuid(ctx.pathParam("commandId"));
        CommandView v = (id.isEmpty() ? java.util.Optional.<CommandView>empty() : commands.find(id.get()))
                .orElseThrow(() -> new ApiError(404, "No such command", null));
        ctx.json(view(v));
    }

    private void listAlerts(Context ctx) throws SQLException {
        principal(ctx);
        boolean openOnly = "true".equals(ctx.queryParam("open"));
        ObjectNode out = json.createObjectNode();
        ArrayNode list = out.putArray("alerts");
        for (Alert a : alerts.list(openOnly, null, null, 1000)) {
            list.add(view(a));
        }
        ctx.json(out);
    }

    private void acknowledge(Context ctx) throws SQLException {
        Principal p = principal(ctx);
        UUID id = uuid(ctx.pathParam("alertId")).orElseThrow(() -> new ApiError(404, "No such alert", null));
        switch (alerts.acknowledge(id, p, ctx.ip())) {
            case NOT_FOUND -> throw new ApiError(404, "No such alert", null);
            case NOT_YOUR_HALL -> throw new ApiError(403, "Role too low", "STAFF acknowledge alerts of their own halls only");
            case ACKNOWLEDGED -> ctx.json(view(alerts.find(id).orElseThrow()));
        }
    }

    private void itemStats(Context ctx) throws SQLException {
        principal(ctx);
        Statistics.Period period;
        try {
            period = new Statistics.Period(LocalDate.parse(ctx.queryParam("from") == null ? "" : ctx.queryParam("from")),
                    LocalDate.parse(ctx.queryParam("to") == null ? "" : ctx.queryParam("to")), ctx.queryParam("hall"));
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "from and to are dates (YYYY-MM-DD)", null);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "Bad period", e.getMessage());
        }
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("items");
        for (Statistics.ItemRow row : statistics.items(period)) {
            ObjectNode n = items.addObject().put("itemCode", row.itemCode()).put("started", row.started()).put("completed", row.completed())
                    .put("abandoned", row.abandoned());
            row.reviews().forEach(n.putObject("reviews")::put);
            if (!row.abandonedAt().isEmpty()) {
                row.abandonedAt().forEach(n.putObject("abandonedAt")::put);
            }
            if (!row.reviewReasons().isEmpty()) {
                row.reviewReasons().forEach(n.putObject("reviewReasons")::put);
            }
        }
        ctx.json(out);
    }

    public ObjectNode view(Terminal t, Instant now) {
        ObjectNode n = json.createObjectNode();
        n.put("terminalId", t.id());
        n.put("region", t.region());
        n.put("hall", t.hall());
        n.put("profile", t.profile());
        n.put("state", t.state(now, clock.offlineAfter()).name());
        if (t.lastSeen() != null) {
            n.put("lastSeen", t.lastSeen().toString());
            JsonNode hb = t.heartbeat();
            for (String f : new String[] {"softwareVersion", "catalogVersion", "screen"}) {
                if (hb.hasNonNull(f)) {
                    n.put(f, hb.path(f).asText());
                }
            }
            for (String f : new String[] {"outboxDepth", "oldestPendingAgeSeconds"}) {
                if (hb.hasNonNull(f)) {
                    n.put(f, hb.path(f).asLong());
                }
            }
            n.put("assistanceRequested", t.assistanceRequested());
            n.set("devices", hb.path("devices").isArray() ? hb.path("devices") : json.createArrayNode());
            if (hb.path("update").isObject()) {
                n.set("update", hb.path("update"));
            }
        }
        n.put("openAlerts", t.openAlerts());
        return n;
    }

    private ObjectNode view(CommandView v) {
        ObjectNode n = json.createObjectNode();
        n.put("id", v.id().toString());
        n.put("terminalId", v.terminalId());
        n.put("type", v.type().name());
        n.set("args", v.args());
        n.put("status", v.status());
        if (v.detail() != null) {
            n.put("detail", v.detail());
        }
        n.put("issuedBy", v.issuedBy());
        n.put("issuedAt", v.issuedAt().toString());
        n.put("updatedAt", v.updatedAt().toString());
        return n;
    }

    private ObjectNode view(Alert a) {
        ObjectNode n = json.createObjectNode();
        n.put("id", a.id().toString());
        if (a.terminalId() != null) {
            n.put("terminalId", a.terminalId()); // absent: a fleet-wide alert (a rollout paused)
        }
        n.put("kind", a.kind().name());
        if (a.detail() != null) {
            n.put("detail", a.detail());
        }
        n.put("openedAt", a.openedAt().toString());
        if (a.closedAt() != null) {
            n.put("closedAt", a.closedAt().toString());
        }
        if (a.acknowledgedBy() != null) {
            n.put("acknowledgedBy", a.acknowledgedBy());
            n.put("acknowledgedAt", a.acknowledgedAt().toString());
        }
        return n;
    }

    private static java.util.Optional<UUID> uuid(String text) {
        try {
            return java.util.Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
