package org.tongban.fleet.console;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.tongban.fleet.alerts.AlertKind;
import org.tongban.fleet.alerts.Alerts;
import org.tongban.fleet.app.FleetClock;
import org.tongban.fleet.audit.AuditLog;
import org.tongban.fleet.commands.CommandType;
import org.tongban.fleet.commands.CommandView;
import org.tongban.fleet.commands.Commands;
import org.tongban.fleet.events.FleetEvents;
import org.tongban.fleet.operators.Operators;
import org.tongban.fleet.operators.Role;
import org.tongban.fleet.operators.Secrets;
import org.tongban.fleet.terminals.Terminal;
import org.tongban.fleet.terminals.TerminalRepository;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The web console: login with a session cookie, the pages, the forms (each carrying the session's CSRF token),
 * and the server-sent events that keep the live pages current. Rules about who may do what live in the
 * services ({@link Commands}, {@link Alerts}, {@link Operators}); the pages are in {@link Views}.
 *
 * <p>Why it is longer than 400 lines: the console's routes (read the session, check role and hall, CSRF, answer with a page) in one table a reader
 * can scan; the pages themselves are drawn in Views and the rules live in their features.
 */
public final class ConsoleRoutes {

    static final String SESSION_COOKIE = "fleet_session";
    static final String LOGIN_CSRF_COOKIE = "fleet_login_csrf";
    static final String LANG_COOKIE = "fleet_lang";

    private final Operators operators;
    private final TerminalRepository terminals;
    private final Commands commands;
    private final Alerts alerts;
    private final AuditLog audit;
    private final FleetClock clock;
    private final ObjectMapper json;
    private final Secrets secrets;
    private final ConsoleEvents events;

    public ConsoleRoutes(Operators operators, TerminalRepository terminals, Commands commands, Alerts alerts, AuditLog audit,
            FleetClock clock, ObjectMapper json, Secrets secrets, FleetEvents fleetEvents) {
        this.operators = operators;
        this.terminals = terminals;
        this.commands = commands;
        this.alerts = alerts;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
        this.secrets = secrets;
        this.events = new ConsoleEvents(fleetEvents);
    }

    /** Sends the coalesced "changed" events; the server calls it a few times a second. */
    public void tick() {
        events.flush();
    }

    public void register(Javalin app) {
        app.get("/", ctx -> ctx.redirect("/console"));
        app.get("/console/static/console.css", ctx -> {
            try (var in = ConsoleRoutes.class.getResourceAsStream("/console/static/console.css")) {
                ctx.contentType("text/css; charset=utf-8").result(in.readAllBytes());
            }
        });
        app.get("/console/login", ctx -> loginPage(ctx, null));
        app.post("/console/login", this::login);
        app.post("/console/logout", this::logout);
        app.get("/console", this::overview);
        app.get("/console/terminals/{id}", this::terminal);
        app.get("/console/halls/{hall}", this::staffView);
        app.get("/console/alerts", this::alertsPage);
        app.post("/console/alerts/{id}/ack", this::acknowledge);
        app.get("/console/audit", this::auditPage);
        app.get("/console/commands/new", this::commandForm);
        app.post("/console/commands/confirm", this::confirmCommand);
        app.post("/console/commands", this::sendCommand);
        app.get("/console/batches/{id}", this::batch);
        app.get("/console/admin", ctx -> adminPage(ctx, null, null));
        app.post("/console/admin/tokens", this::createToken);
        app.post("/console/admin/tokens/{id}/revoke", this::revokeToken);
        app.post("/console/admin/users", this::addUser);
        app.sse("/console/events", client -> {
            Context ctx = client.ctx();
            try {
                if (operators.session(ctx.cookie(SESSION_COOKIE)).isEmpty()) {
                    client.close();
                    return;
                }
            } catch (SQLException e) {
                client.close();
                return;
            }
            client.keepAlive();
            events.add(client, ctx.queryParam("hall"));
        });
    }

    // ---- session, language, CSRF

    private Messages messages(Context ctx) {
        String lang = ctx.queryParam("lang");
        if (lang != null && (lang.equals("zh") || lang.equals("en"))) {
            ctx.res().addHeader("Set-Cookie", LANG_COOKIE + "=" + lang + "; Path=/; Max-Age=31536000; SameSite=Strict" + secure(ctx));
            return Messages.of(lang);
        }
        return Messages.of(ctx.cookie(LANG_COOKIE));
    }

    private static String secure(Context ctx) {
        boolean tls = "https".equals(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return tls ? "; Secure" : "";
    }

    /** The page context of a logged-in user, or empty after redirecting to the login page. */
    Optional<Views.Page> page(Context ctx) throws SQLException {
        Messages m = messages(ctx);
        Optional<Operators.Session> session = operators.session(ctx.cookie(SESSION_COOKIE));
        if (session.isEmpty()) {
            ctx.redirect("/console/login");
            return Optional.empty();
        }
        String path = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString().replaceAll("(^|&)lang=[a-z]+", ""));
        return Optional.of(new Views.Page(m, session.get().principal(), session.get().csrfToken(), path));
    }

    /** A state-changing form: logged in and carrying the session's CSRF token, or refused. */
    Optional<Views.Page> form(Context ctx) throws SQLException {
        Optional<Views.Page> page = page(ctx);
        if (page.isPresent() && !same(ctx.formParam("csrf"), page.get().csrf())) {
            ctx.status(403).html(Views.message(page.get(), "403", page.get().m().t("error.csrf")));
            return Optional.empty();
        }
        return page;
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    boolean allowed(Context ctx, Views.Page p, Role needed) {
        if (p.who().may(needed)) {
            return true;
        }
        ctx.status(403).html(Views.message(p, "403", p.m().t("error.forbidden", p.who().role())));
        return false;
    }

    private void loginPage(Context ctx, String error) {
        Messages m = messages(ctx);
        String csrf = secrets.newValue();
        ctx.res().addHeader("Set-Cookie", LOGIN_CSRF_COOKIE + "=" + csrf + "; Path=/console/login; HttpOnly; SameSite=Strict" + secure(ctx));
        ctx.html(Views.login(m, csrf, error));
    }

    private void login(Context ctx) throws SQLException {
        Messages m = messages(ctx);
        if (!same(ctx.formParam("csrf"), ctx.cookie(LOGIN_CSRF_COOKIE))) {
            ctx.status(403);
            loginPage(ctx, m.t("error.csrf"));
            return;
        }
        String password = ctx.formParam("password");
        char[] pw = password == null ? new char[0] : password.toCharArray();
        Operators.LoginResult result = operators.login(ctx.formParam("name"), pw, ctx.ip());
        Arrays.fill(pw, '\0');
        if (result instanceof Operators.LoginResult.Success s) {
            ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=" + s.sessionCookie() + "; Path=/; HttpOnly; SameSite=Strict"
                    + "; Max-Age=" + Operators.SESSION_LENGTH.toSeconds() + secure(ctx));
            var halls = s.session().principal().halls();
            ctx.redirect(s.session().principal().role() == Role.STAFF && halls.size() == 1
                    ? "/console/halls/" + Html.url(halls.iterator().next()) : "/console", io.javalin.http.HttpStatus.SEE_OTHER);
        } else if (result instanceof Operators.LoginResult.Throttled) {
            ctx.status(429);
            loginPage(ctx, m.t("login.throttled"));
        } else {
            ctx.status(401);
            loginPage(ctx, m.t("login.refused"));
        }
    }

    private void logout(Context ctx) throws SQLException {
        if (form(ctx).isEmpty()) {
            return;
        }
        operators.logout(ctx.cookie(SESSION_COOKIE), ctx.ip());
        ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + secure(ctx));
        ctx.redirect("/console/login", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    // ---- pages

    private void overview(Context ctx) throws SQLException {
        Optional<Views.Page> p = page(ctx);
        if (p.isEmpty()) {
            return;
        }
        List<Terminal> all = terminals.list(null, null);
        ctx.html(Views.layout(p.get(), p.get().m().t("nav.overview"), "/console/events",
                Views.overview(p.get(), all, alerts.list(true, null, null, 1000), Instant.now(), clock.offlineAfter())));
    }

    private void terminal(Context ctx) throws SQLException {
        Optional<Views.Page> p = page(ctx);
        if (p.isEmpty()) {
            return;
        }
        Optional<Terminal> t = terminals.find(ctx.pathParam("id"));
        if (t.isEmpty()) {
            ctx.status(404).html(Views.message(p.get(), "404", p.get().m().t("error.notFound")));
            return;
        }
        Terminal terminal = t.get();
        ctx.html(Views.layout(p.get(), p.get().m().t("terminal.title") + " " + terminal.id(), "/console/events?hall=" + Html.url(terminal.hall()),
                Views.terminal(p.get(), terminal, terminal.state(Instant.now(), clock.offlineAfter()),
                        alerts.list(true, null, terminal.id(), 100), commands.recent(terminal.id(), 20))));
    }

    private void staffView(Context ctx) throws SQLException {
        Optional<Views.Page> p = page(ctx);
        if (p.isEmpty()) {
            return;
        }
        String hall = ctx.pathParam("hall");
        List<Terminal> list = terminals.list(null, hall);
        if (list.isEmpty()) {
            ctx.status(404).html(Views.message(p.get(), "404", p.get().m().t("error.notFound")));
            return;
        }
        var calls = alerts.list(true, hall, null, 200).stream().filter(a -> a.kind() == AlertKind.ASSISTANCE).toList();
        ctx.html(Views.layout(p.get(), p.get().m().t("staff.title") + " · " + hall, "/console/events?hall=" + Html.url(hall),
                Views.staff(p.get(), hall, list, calls, Instant.now(), clock.offlineAfter())));
    }

    private void alertsPage(Context ctx) throws SQLException {
        Optional<Views.Page> p = page(ctx);
        if (p.isEmpty()) {
            return;
        }
        Messages m = p.get().m();
        String body = "<h2>" + Html.esc(m.t("alert.open")) + "</h2>" + Views.alertTable(p.get(), alerts.list(true, null, null, 500), true, "/console/alerts")
                + "<h2>" + Html.esc(m.t("alert.history")) + "</h2>"
                + Views.alertTable(p.get(), alerts.list(false, null, null, 300).stream().filter(a -> !a.open()).toList(), false, "/console/alerts");
        ctx.html(Views.layout(p.get(), m.t("nav.alerts"), "/console/events", body));
    }

    private void acknowledge(Context ctx) throws SQLException {
        Optional<Views.Page> p = form(ctx);
        if (p.isEmpty()) {
            return;
        }
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            ctx.status(404).html(Views.message(p.get(), "404", p.get().m().t("error.notFound")));
            return;
        }
        switch (alerts.acknowledge(id, p.get().who(), ctx.ip())) {
            case NOT_FOUND -> ctx.status(404).html(Views.message(p.get(), "404", p.get().m().t("error.notFound")));
            case NOT_YOUR_HALL -> ctx.status(403).html(Views.message(p.get(), "403", p.get().m().t("error.forbidden", p.get().who().role())));
            case ACKNOWLEDGED -> ctx.redirect(localPath(ctx.formParam("back")), io.javalin.http.HttpStatus.SEE_OTHER);
        }
    }

    private static String localPath(String back) {
        if (back == null || !back.startsWith("/console") || back.startsWith("//")) {
            return "/console";
        }
        return URI.create(back).getPath();
    }

    private void auditPage(Context ctx) throws SQLException {
        Optional<Views.Page> p = page(ctx);
        if (p.isPresent()) {
            ctx.html(Views.layout(p.get(), p.get().m().t("nav.audit"), null, Views.audit(p.get(), audit.latest(300))));
        }
    }

    // ---- commands: form, confirmation, progress

    private record Scope(String name, String value, Commands.Target target) {
    }

    private static Optional<Scope> scope(Context ctx, boolean form) {
        for (String name : List.of("terminal", "hall", "region")) {
            String v = form ? ctx.formParam(name) : ctx.queryParam(name);
            if (v != null && !v.isBlank()) {
                Commands.Target t = switch (name) {
                    case "terminal" -> new Commands.Target(List.of(v), null, null);
                    case "hall" -> new Commands.Target(null, v, null);
                    default -> new Commands.Target(null, null, v);
                };
                return Optional.of(new Scope(name, v, t));
            }
        }
        return Optional.empty();
    }

    private void commandForm(Context ctx) throws SQLException {
        Optional<Views.Page> p = page(ctx);
        if (p.isEmpty() || !allowed(ctx, p.get(), Role.OPERATOR)) {
            return;
        }
        Optional<Scope> s = scope(ctx, false);
        if (s.isEmpty()) {
            ctx.status(400).html(Views.message(p.get(), "400", p.get().m().t("error.badRequest", "terminal, hall or region")));
            return;
        }
        ctx.html(Views.layout(p.get(), p.get().m().t("cmd.send"), null, Views.commandForm(p.get(), s.get().name(), s.get().value(), null)));
    }

    private void confirmCommand(Context ctx) throws SQLException {
        Optional<Views.Page> p = form(ctx);
        if (p.isEmpty() || !allowed(ctx, p.get(), Role.OPERATOR)) {
            return;
        }
        Optional<Scope> s = scope(ctx, true);
        String reason = Optional.ofNullable(ctx.formParam("reason")).orElse("").strip();
        CommandType type;
        try {
            type = CommandType.parse(ctx.formParam("type"));
        } catch (IllegalArgumentException e) {
            ctx.status(400).html(Views.message(p.get(), "400", e.getMessage()));
            return;
        }
        if (s.isEmpty()) {
            ctx.status(400).html(Views.message(p.get(), "400", p.get().m().t("error.badRequest", "terminal, hall or region")));
            return;
        }
        if (type == CommandType.LOCK && reason.isEmpty()) {
            ctx.status(400).html(Views.layout(p.get(), p.get().m().t("cmd.send"), null,
                    Views.commandForm(p.get(), s.get().name(), s.get().value(), p.get().m().t("cmd.reason"))));
            return;
        }
        Commands.Target t = s.get().target();
        List<Terminal> reached = terminals.list(t.region(), t.hall()).stream()
                .filter(x -> x.revokedAt() == null && (t.terminals() == null || t.terminals().contains(x.id()))).toList();
        ctx.html(Views.layout(p.get(), p.get().m().t("cmd.confirmTitle"), null,
                Views.confirm(p.get(), type, reason, s.get().name(), s.get().value(), reached)));
    }

    private void sendCommand(Context ctx) throws SQLException {
        Optional<Views.Page> p = form(ctx);
        if (p.isEmpty() || !allowed(ctx, p.get(), Role.OPERATOR)) {
            return;
        }
        Optional<Scope> s = scope(ctx, true);
        try {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("terminal, hall or region");
            }
            ObjectNode args = json.createObjectNode();
            String reason = Optional.ofNullable(ctx.formParam("reason")).orElse("").strip();
            if (!reason.isEmpty()) {
                args.put("reason", reason);
            }
            List<CommandView> sent = commands.send(CommandType.parse(ctx.formParam("type")), args, s.get().target(), p.get().who(), ctx.ip());
            ctx.redirect("/console/batches/" + sent.get(0).batchId(), io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            ctx.status(400).html(Views.message(p.get(), "400", p.get().m().t("error.badRequest", e.getMessage())));
        }
    }

    private void batch(Context ctx) throws SQLException {
        Optional<Views.Page> p = page(ctx);
        if (p.isEmpty()) {
            return;
        }
        List<CommandView> list;
        try {
            list = commands.batch(UUID.fromString(ctx.pathParam("id")));
        } catch (IllegalArgumentException e) {
            list = List.of();
        }
        if (list.isEmpty()) {
            ctx.status(404).html(Views.message(p.get(), "404", p.get().m().t("error.notFound")));
            return;
        }
        ctx.html(Views.layout(p.get(), p.get().m().t("cmd.progress"), "/console/events", Views.commandTable(p.get().m(), list, true)));
    }

    // ---- ADMIN: tokens and accounts

    private void adminPage(Context ctx, String newToken, String error) throws SQLException {
        Optional<Views.Page> p = page(ctx);
        if (p.isEmpty() || !allowed(ctx, p.get(), Role.ADMIN)) {
            return;
        }
        ctx.html(Views.layout(p.get(), p.get().m().t("nav.admin"), null, Views.admin(p.get(), operators.tokens(), operators.accounts(), newToken, error)));
    }

    private void createToken(Context ctx) throws SQLException {
        Optional<Views.Page> p = form(ctx);
        if (p.isEmpty() || !allowed(ctx, p.get(), Role.ADMIN)) {
            return;
        }
        try {
            String token = operators.createToken(ctx.formParam("name"), Role.parse(ctx.formParam("role")), p.get().who().name(), ctx.ip());
            adminPage(ctx, token, null);
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            adminPage(ctx, null, e.getMessage());
        }
    }

    private void revokeToken(Context ctx) throws SQLException {
        Optional<Views.Page> p = form(ctx);
        if (p.isEmpty() || !allowed(ctx, p.get(), Role.ADMIN)) {
            return;
        }
        try {
            operators.revokeToken(ctx.pathParam("id"), p.get().who().name(), ctx.ip());
        } catch (SQLException e) {
            if (!"22P02".equals(e.getSQLState())) {
                throw e;
            }
        }
        ctx.redirect("/console/admin", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void addUser(Context ctx) throws SQLException {
        Optional<Views.Page> p = form(ctx);
        if (p.isEmpty() || !allowed(ctx, p.get(), Role.ADMIN)) {
            return;
        }
        try {
            Set<String> halls = new LinkedHashSet<>();
            for (String h : Optional.ofNullable(ctx.formParam("halls")).orElse("").split(",")) {
                if (!h.isBlank()) {
                    halls.add(h.strip());
                }
            }
            String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
            operators.addAccount(ctx.formParam("name"), ctx.formParam("display"), Role.parse(ctx.formParam("role")), halls,
                    password.toCharArray(), p.get().who().name(), ctx.ip());
            ctx.redirect("/console/admin", io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            adminPage(ctx, null, e.getMessage());
        }
    }
}
