package org.tongban.fleet.console;

import static org.tongban.fleet.console.Html.esc;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.tongban.fleet.operators.Role;
import org.tongban.fleet.rollouts.Progress;
import org.tongban.fleet.rollouts.Rollout;
import org.tongban.fleet.rollouts.RolloutPlan;
import org.tongban.fleet.rollouts.Rollouts;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** The console's rollout pages: the list and the start form, one rollout wave by wave (live), resume and abort. */
public final class RolloutPages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private final ConsoleRoutes console;
    private final Rollouts rollouts;
    private final ZoneId zone;

    public RolloutPages(ConsoleRoutes console, Rollouts rollouts, ZoneId zone) {
        this.console = console;
        this.rollouts = rollouts;
        this.zone = zone;
    }

    public void register(Javalin app) {
        app.get("/console/rollouts", ctx -> list(ctx, null));
        app.post("/console/rollouts", this::start);
        app.get("/console/rollouts/{id}", this::show);
        app.post("/console/rollouts/{id}/resume", this::resume);
        app.post("/console/rollouts/{id}/abort", this::abort);
    }

    private void list(Context ctx, String error) throws SQLException {
        Optional<Views.Page> p = console.page(ctx);
        if (p.isEmpty()) {
            return;
        }
        Messages m = p.get().m();
        StringBuilder b = new StringBuilder("<table id=\"rollouts\"><tr><th>").append(esc(m.t("rollout.sequence"))).append("</th><th>")
                .append(esc(m.t("rollout.status"))).append("</th><th>").append(esc(m.t("rollout.wave"))).append("</th><th>")
                .append(esc(m.t("rollout.startAt"))).append("</th><th>").append(esc(m.t("rollout.by"))).append("</th></tr>");
        for (Rollout r : rollouts.list(50)) {
            b.append("<tr class=\"rollout-").append(r.status()).append("\"><td><a href=\"/console/rollouts/").append(r.id()).append("\">")
                    .append(r.sequence()).append(" (").append(esc(r.version())).append(")</a></td><td>")
                    .append(esc(m.t("rstatus." + r.status()))).append("</td><td>").append(r.currentWave() + 1).append(" / ").append(r.waves().size())
                    .append("</td><td>").append(TIME.format(r.startAt())).append("</td><td>").append(esc(r.createdBy())).append("</td></tr>");
        }
        b.append("</table>");
        if (p.get().who().may(Role.OPERATOR)) {
            if (error != null) {
                b.append("<p class=\"error\" role=\"alert\" id=\"rollout-error\">").append(esc(error)).append("</p>");
            }
            String v = ctx.formParam("waves");
            b.append("<h2>").append(esc(m.t("rollout.new"))).append("</h2><form method=\"post\" action=\"/console/rollouts\" id=\"rollout-form\">")
                    .append(p.get().hidden())
                    .append(field(m.t("rollout.sequence"), "sequence", ctx.formParam("sequence"), "number"))
                    .append(field(m.t("rollout.version"), "version", ctx.formParam("version"), "text"))
                    .append("<label>").append(esc(m.t("rollout.waves"))).append("<br><textarea name=\"waves\" rows=\"4\" cols=\"60\">")
                    .append(esc(v == null ? "hall=\nN%; threshold=2%\n100%" : v)).append("</textarea></label><p class=\"hint\">")
                    .append(esc(m.t("rollout.wavesHint"))).append("</p>")
                    .append(field(m.t("rollout.threshold"), "threshold", Optional.ofNullable(ctx.formParam("threshold")).orElse("5"), "text"))
                    .append(field(m.t("rollout.soak"), "soak", Optional.ofNullable(ctx.formParam("soak")).orElse("1h"), "text"))
                    .append(field(m.t("rollout.window"), "window", ctx.formParam("window"), "text"))
                    .append(field(m.t("rollout.startAt") + " (" + zone.getId() + ")", "startAt", ctx.formParam("startAt"), "datetime-local"))
                    .append("<button id=\"rollout-start\">").append(esc(m.t("rollout.start"))).append("</button></form>");
        }
        if (error != null) {
            ctx.status(400);
        }
        ctx.html(Views.layout(p.get(), m.t("nav.rollouts"), null, b.toString()));
    }

    private static String field(String label, String name, String value, String type) {
        return "<label>" + esc(label) + "<input type=\"" + type + "\" name=\"" + name + "\" value=\"" + esc(value) + "\"></label>";
    }

    private void start(Context ctx) throws SQLException {
        Optional<Views.Page> p = console.form(ctx);
        if (p.isEmpty() || !console.allowed(ctx, p.get(), Role.OPERATOR)) {
            return;
        }
        try {
            long sequence;
            try {
                sequence = Long.parseLong(Optional.ofNullable(ctx.formParam("sequence")).orElse("").strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(p.get().m().t("rollout.sequence") + ": ?");
            }
            RolloutPlan plan = new RolloutPlan(RolloutPlan.parseWaves(List.of(Optional.ofNullable(ctx.formParam("waves")).orElse("")),
                    RolloutPlan.percentOf(Optional.ofNullable(ctx.formParam("threshold")).orElse("5")),
                    RolloutPlan.duration(Optional.ofNullable(ctx.formParam("soak")).orElse("1h"))), RolloutPlan.Window.parse(ctx.formParam("window")));
            Instant startAt = null;
            String when = ctx.formParam("startAt");
            if (when != null && !when.isBlank()) {
                try {
                    startAt = LocalDateTime.parse(when.strip()).atZone(zone).toInstant();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(p.get().m().t("rollout.startAt") + ": " + when);
                }
            }
            Rollout r = rollouts.start(sequence, ctx.formParam("version"), plan, startAt, p.get().who().name(), ctx.ip());
            ctx.redirect("/console/rollouts/" + r.id(), HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            list(ctx, e.getMessage());
        }
    }

    private Optional<Rollout> rollout(Context ctx, Views.Page p) throws SQLException {
        Optional<Rollout> r;
        try {
            r = rollouts.find(UUID.fromString(ctx.pathParam("id")));
        } catch (IllegalArgumentException e) {
            r = Optional.empty();
        }
        if (r.isEmpty()) {
            ctx.status(404).html(Views.message(p, "404", p.m().t("error.notFound")));
        }
        return r;
    }

    private void show(Context ctx) throws SQLException {
        Optional<Views.Page> p = console.page(ctx);
        if (p.isEmpty()) {
            return;
        }
        Optional<Rollout> found = rollout(ctx, p.get());
        if (found.isEmpty()) {
            return;
        }
        Rollout r = found.get();
        Messages m = p.get().m();
        StringBuilder b = new StringBuilder("<p id=\"rollout-status\" data-status=\"").append(r.status()).append("\" class=\"rollout-")
                .append(r.status()).append("\"><b>").append(esc(m.t("rstatus." + r.status()))).append("</b> · ")
                .append(esc(m.t("rollout.sequence"))).append(' ').append(r.sequence()).append(" (").append(esc(r.version())).append(") · ")
                .append(esc(m.t("rollout.wave"))).append(' ').append(r.currentWave() + 1).append(" / ").append(r.waves().size());
        if (r.window().from() != null) {
            b.append(" · ").append(esc(m.t("rollout.window"))).append(' ').append(esc(r.window().text())).append(' ').append(esc(r.zone().getId()));
        }
        b.append("</p>");
        if (r.status() == Rollout.Status.PAUSED) {
            b.append("<p class=\"error\" role=\"alert\" id=\"paused-reason\">").append(esc(m.t("rollout.pausedBecause"))).append(' ')
                    .append(esc(r.pausedReason())).append("</p>");
        }
        b.append("<table id=\"waves\"><tr><th>").append(esc(m.t("rollout.wave"))).append("</th><th>").append(esc(m.t("rollout.covers")))
                .append("</th><th>").append(esc(m.t("rollout.threshold"))).append("</th><th>").append(esc(m.t("rollout.soak"))).append("</th>");
        for (Progress pr : Progress.values()) {
            b.append("<th>").append(esc(m.t("progress." + pr))).append("</th>");
        }
        b.append("<th>").append(esc(m.t("rollout.failed"))).append("</th><th>").append(esc(m.t("rollout.opened"))).append("</th></tr>");
        for (Rollouts.WaveSummary s : rollouts.summary(r)) {
            Rollout.WaveState w = s.state();
            boolean over = r.status() == Rollout.Status.PAUSED && w.index() == r.currentWave();
            b.append("<tr id=\"wave-").append(w.index() + 1).append("\"").append(over ? " class=\"over-threshold\"" : "").append("><td>")
                    .append(w.index() + 1).append("</td><td>").append(esc(w.wave().selector().text())).append("</td><td>")
                    .append(esc(RolloutPlan.trimmed(w.wave().thresholdPercent()))).append(" %</td><td>").append(w.wave().soak().toSeconds()).append(" s</td>");
            for (Progress pr : Progress.values()) {
                b.append("<td class=\"n-").append(pr).append("\">").append(s.counts().get(pr)).append("</td>");
            }
            b.append("<td class=\"failed\">").append(String.format(java.util.Locale.ROOT, "%.1f %%", s.failedPercent())).append("</td><td>")
                    .append(w.openedAt() == null ? "" : TIME.format(w.openedAt())).append(w.completedAt() == null ? "" : " → " + TIME.format(w.completedAt()))
                    .append("</td></tr>");
        }
        b.append("</table>");
        b.append(decisions(p.get(), r));
        b.append("<h2>").append(esc(m.t("rollout.terminals"))).append("</h2><table id=\"rollout-terminals\"><tr><th>")
                .append(esc(m.t("alert.terminal"))).append("</th><th>").append(esc(m.t("rollout.hall"))).append("</th><th>")
                .append(esc(m.t("rollout.wave"))).append("</th><th>").append(esc(m.t("rollout.status"))).append("</th><th>")
                .append(esc(m.t("rollout.updated"))).append("</th></tr>");
        for (Rollouts.TerminalProgress t : rollouts.terminals(r.id(), 200)) {
            b.append("<tr class=\"progress-").append(t.progress()).append("\"><td><a href=\"/console/terminals/").append(Html.url(t.terminalId()))
                    .append("\">").append(esc(t.terminalId())).append("</a></td><td>").append(esc(t.hall())).append("</td><td>")
                    .append(t.wave() < 0 ? "–" : Integer.toString(t.wave() + 1)).append("</td><td>").append(esc(m.t("progress." + t.progress())))
                    .append("</td><td>").append(TIME.format(t.updatedAt())).append("</td></tr>");
        }
        b.append("</table>");
        ctx.html(Views.layout(p.get(), m.t("rollout.title") + " " + r.sequence(), "/console/events", b.toString()));
    }

    /** Resume and abort; the live part is swapped with every change, the ticked box is kept across swaps (hx-preserve). */
    private static String decisions(Views.Page p, Rollout r) {
        if (!p.who().may(Role.OPERATOR) || r.status() == Rollout.Status.ABORTED || r.status() == Rollout.Status.COMPLETED) {
            return "";
        }
        Messages m = p.m();
        StringBuilder b = new StringBuilder("<div id=\"decisions\">");
        if (r.status() == Rollout.Status.PAUSED) {
            b.append("<form method=\"post\" action=\"/console/rollouts/").append(r.id()).append("/resume\" class=\"inline\">")
                    .append(p.hidden()).append("<button id=\"resume\" class=\"ack\">").append(esc(m.t("rollout.resume"))).append("</button></form> ");
        }
        b.append("<form method=\"post\" action=\"/console/rollouts/").append(r.id()).append("/abort\" class=\"inline\">").append(p.hidden())
                .append("<label class=\"inline\"><input type=\"checkbox\" name=\"rollback\" value=\"yes\" id=\"abort-rollback\" hx-preserve=\"true\"> ")
                .append(esc(m.t("rollout.abortRollback"))).append("</label> <button id=\"abort\">").append(esc(m.t("rollout.abort")))
                .append("</button></form>");
        return b.append("</div>").toString();
    }

    private void resume(Context ctx) throws SQLException {
        decide(ctx, (r, p) -> rollouts.resume(r.id(), p.who().name(), ctx.ip()));
    }

    private void abort(Context ctx) throws SQLException {
        decide(ctx, (r, p) -> rollouts.abort(r.id(), "yes".equals(ctx.formParam("rollback")), p.who(), ctx.ip()));
    }

    @FunctionalInterface
    private interface Decision {
        void apply(Rollout r, Views.Page p) throws SQLException;
    }

    private void decide(Context ctx, Decision decision) throws SQLException {
        Optional<Views.Page> p = console.form(ctx);
        if (p.isEmpty() || !console.allowed(ctx, p.get(), Role.OPERATOR)) {
            return;
        }
        Optional<Rollout> r = rollout(ctx, p.get());
        if (r.isEmpty()) {
            return;
        }
        try {
            decision.apply(r.get(), p.get());
            ctx.redirect("/console/rollouts/" + r.get().id(), HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            ctx.status(400).html(Views.message(p.get(), "400", p.get().m().t("error.badRequest", e.getMessage())));
        }
    }
}
