package org.tongban.fleet.api;

import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.tongban.fleet.http.ApiError;
import org.tongban.fleet.operators.Operators;
import org.tongban.fleet.operators.Principal;
import org.tongban.fleet.operators.Role;
import org.tongban.fleet.rollouts.Progress;
import org.tongban.fleet.rollouts.Rollout;
import org.tongban.fleet.rollouts.RolloutPlan;
import org.tongban.fleet.rollouts.Rollouts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * Staged rollouts for scripts (docs/contracts/fleet-api.yaml, {@code /fleet/v1/rollouts}): the same decisions as
 * the console and {@code ./fleet rollout}, by {@link Rollouts}, which writes each to the audit log. Reading needs
 * any token, deciding OPERATOR.
 */
public final class RolloutApi {

    private final Rollouts rollouts;
    private final Bearer bearer;
    private final ObjectMapper json;

    public RolloutApi(Rollouts rollouts, Operators operators, ObjectMapper json) {
        this.rollouts = rollouts;
        this.bearer = new Bearer(operators);
        this.json = json;
    }

    public void register(Javalin app) {
        app.get("/fleet/v1/rollouts", this::list);
        app.post("/fleet/v1/rollouts", this::start);
        app.get("/fleet/v1/rollouts/{rolloutId}", this::get);
        app.post("/fleet/v1/rollouts/{rolloutId}/pause", ctx -> decide(ctx, (id, p, body) ->
                rollouts.pause(id, body.path("reason").asText(null), p.name(), ctx.ip())));
        app.post("/fleet/v1/rollouts/{rolloutId}/resume", ctx -> decide(ctx, (id, p, body) -> rollouts.resume(id, p.name(), ctx.ip())));
        app.post("/fleet/v1/rollouts/{rolloutId}/abort", ctx -> decide(ctx, (id, p, body) ->
                rollouts.abort(id, body.path("rollBack").asBoolean(false), p, ctx.ip())));
    }

    private void list(Context ctx) throws SQLException {
        bearer.of(ctx);
        ObjectNode out = json.createObjectNode();
        var list = out.putArray("rollouts");
        for (Rollout r : rollouts.list(50)) {
            list.add(view(r, false));
        }
        ctx.json(out);
    }

    private void get(Context ctx) throws SQLException {
        bearer.of(ctx);
        ctx.json(view(find(ctx), true));
    }

    private void start(Context ctx) throws SQLException {
        Principal p = bearer.atLeast(ctx, Role.OPERATOR);
        JsonNode body = body(ctx);
        Rollout r;
        try {
            if (!body.path("sequence").canConvertToLong() || !body.path("waves").isArray() || body.path("waves").isEmpty()) {
                throw new IllegalArgumentException("sequence (a whole number) and waves (a list of texts) are required");
            }
            List<String> waves = new ArrayList<>();
            body.path("waves").forEach(w -> waves.add(w.asText()));
            RolloutPlan plan = new RolloutPlan(RolloutPlan.parseWaves(waves, body.path("threshold").asDouble(5),
                    RolloutPlan.duration(body.path("soak").asText("1h"))), RolloutPlan.Window.parse(body.path("window").asText(null)));
            Instant startAt = body.hasNonNull("startAt") ? Instant.parse(body.path("startAt").asText()) : null;
            r = rollouts.start(body.path("sequence").asLong(), body.path("version").asText(null), plan, startAt, p.name(), ctx.ip());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ApiError(400, "Bad rollout", e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiError(409, "Another rollout is not finished", e.getMessage());
        }
        ctx.status(201).json(view(r, true));
    }

    @FunctionalInterface
    private interface Decision {
        Rollout apply(UUID id, Principal by, JsonNode body) throws SQLException;
    }

    private void decide(Context ctx, Decision decision) throws SQLException {
        Principal p = bearer.atLeast(ctx, Role.OPERATOR);
        JsonNode body = ctx.body().isBlank() ? json.createObjectNode() : body(ctx);
        UUID id = find(ctx).id();
        try {
            ctx.json(view(decision.apply(id, p, body), true));
        } catch (IllegalStateException e) {
            throw new ApiError(409, "Not possible in the rollout's state", e.getMessage());
        }
    }

    private Rollout find(Context ctx) throws SQLException {
        try {
            return rollouts.find(UUID.fromString(ctx.pathParam("rolloutId")))
                    .orElseThrow(() -> new ApiError(404, "No such rollout", null));
        } catch (IllegalArgumentException e) {
            throw new ApiError(404, "No such rollout", null);
        }
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode body = json.readTree(ctx.body());
            if (body == null || !body.isObject()) {
                throw new ApiError(400, "The body must be a JSON object", null);
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "Malformed JSON", e.getOriginalMessage());
        }
    }

    private ObjectNode view(Rollout r, boolean withWaves) throws SQLException {
        ObjectNode n = json.createObjectNode();
        n.put("id", r.id().toString());
        n.put("sequence", r.sequence());
        n.put("version", r.version());
        n.put("status", r.status().name());
        n.put("startAt", r.startAt().toString());
        if (r.window().from() != null) {
            n.put("window", r.window().text());
        }
        n.put("currentWave", r.currentWave() + 1);
        if (r.pausedReason() != null) {
            n.put("pausedReason", r.pausedReason());
        }
        n.put("createdBy", r.createdBy());
        n.put("createdAt", r.createdAt().toString());
        if (withWaves) {
            var waves = n.putArray("waves");
            for (Rollouts.WaveSummary s : rollouts.summary(r)) {
                Rollout.WaveState w = s.state();
                ObjectNode wave = waves.addObject().put("index", w.index() + 1).put("selector", w.wave().selector().text())
                        .put("thresholdPercent", w.wave().thresholdPercent()).put("soakSeconds", w.wave().soak().toSeconds())
                        .put("terminals", s.total()).put("failedPercent", s.failedPercent())
                        .put("acceptedFailures", w.acceptedFailures());
                if (w.openedAt() != null) {
                    wave.put("openedAt", w.openedAt().toString());
                }
                if (w.completedAt() != null) {
                    wave.put("completedAt", w.completedAt().toString());
                }
                ObjectNode progress = wave.putObject("progress");
                for (Progress p : Progress.values()) {
                    progress.put(p.name(), s.counts().getOrDefault(p, 0));
                }
            }
        }
        return n;
    }
}
