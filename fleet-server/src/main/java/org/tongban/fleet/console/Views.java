package org.tongban.fleet.console;

import static org.tongban.fleet.console.Html.esc;
import static org.tongban.fleet.console.Html.url;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tongban.fleet.alerts.Alert;
import org.tongban.fleet.audit.AuditLog;
import org.tongban.fleet.commands.CommandType;
import org.tongban.fleet.commands.CommandView;
import org.tongban.fleet.operators.Operators;
import org.tongban.fleet.operators.Principal;
import org.tongban.fleet.operators.Role;
import org.tongban.fleet.terminals.Terminal;
import org.tongban.fleet.terminals.TerminalState;

/**
 * The console's pages as HTML. Thin: what to show is decided by {@link ConsoleRoutes}; this only lays it out.
 * A state is always shown in words as well as in colour.
 */
final class Views {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    /** What every page knows: the words, who is looking, and the token their forms carry. */
    record Page(Messages m, Principal who, String csrf, String path) {
        String hidden() {
            return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(csrf) + "\">";
        }
    }

    private Views() {
    }

    static String layout(Page p, String title, String liveSource, String body) {
        Messages m = p.m();
        StringBuilder h = new StringBuilder(8192);
        h.append("<!doctype html><html lang=\"").append(m.lang().equals("zh") ? "zh-CN" : "en").append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").append(esc(title)).append(" · ")
                .append(esc(m.t("app.title"))).append("</title><link rel=\"stylesheet\" href=\"/console/static/console.css\">")
                .append("<script src=\"/webjars/htmx.org/1.9.12/dist/htmx.min.js\"></script>")
                .append("<script src=\"/webjars/htmx.org/1.9.12/dist/ext/sse.js\"></script></head><body>");
        if (p.who() != null) {
            h.append("<nav><a href=\"/console\">").append(esc(m.t("nav.overview"))).append("</a><a href=\"/console/alerts\">")
                    .append(esc(m.t("nav.alerts"))).append("</a><a href=\"/console/audit\">").append(esc(m.t("nav.audit"))).append("</a><a href=\"/console/rollouts\">").append(esc(m.t("nav.rollouts")))
                    .append("</a><a href=\"/console/stats\">").append(esc(m.t("nav.stats"))).append("</a>");
            if (p.who().may(Role.ADMIN)) {
                h.append("<a href=\"/console/admin\">").append(esc(m.t("nav.admin"))).append("</a>");
            }
            for (String hall : p.who().halls()) {
                h.append("<a href=\"/console/halls/").append(url(hall)).append("\">").append(esc(m.t("staff.title"))).append(": ")
                        .append(esc(hall)).append("</a>");
            }
            h.append("<span class=\"who\">").append(esc(p.who().displayName())).append(" (").append(p.who().role()).append(")</span>")
                    .append("<a href=\"?lang=").append(m.lang().equals("zh") ? "en" : "zh").append("\">").append(esc(m.t("nav.language")))
                    .append("</a><form method=\"post\" action=\"/console/logout\" class=\"inline\">").append(p.hidden())
                    .append("<button id=\"logout\">").append(esc(m.t("nav.logout"))).append("</button></form></nav>");
        }
        h.append("<main><h1>").append(esc(title)).append("</h1>");
        if (liveSource != null) {
            h.append("<div hx-ext=\"sse\" sse-connect=\"").append(esc(liveSource)).append("\">")
                    .append("<div id=\"live\" hx-get=\"").append(esc(p.path())).append("\" hx-trigger=\"sse:changed\" hx-select=\"#live\" hx-swap=\"outerHTML\">")
                    .append(body).append("</div></div>");
        } else {
            h.append(body);
        }
        return h.append("</main></body></html>").toString();
    }

    static String login(Messages m, String csrf, String error) {
        StringBuilder b = new StringBuilder();
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\">").append(esc(error)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/console/login\" class=\"login\"><input type=\"hidden\" name=\"csrf\" value=\"").append(esc(csrf))
                .append("\"><label>").append(esc(m.t("login.name"))).append("<input name=\"name\" id=\"name\" autocomplete=\"username\" required></label><label>")
                .append(esc(m.t("login.password"))).append("<input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\" required></label>")
                .append("<button id=\"login\">").append(esc(m.t("login.submit"))).append("</button></form>")
                .append("<p><a href=\"?lang=").append(m.lang().equals("zh") ? "en" : "zh").append("\">").append(esc(m.t("nav.language"))).append("</a></p>");
        return layout(new Page(m, null, null, "/console/login"), m.t("login.title"), null, b.toString());
    }

    static String overview(Page p, List<Terminal> terminals, List<Alert> openAlerts, Instant now, Duration offlineAfter) {
        Messages m = p.m();
        Map<TerminalState, Integer> counts = new EnumMap<>(TerminalState.class);
        Map<String, Map<String, List<Terminal>>> tree = new LinkedHashMap<>();
        for (Terminal t : terminals) {
            counts.merge(t.state(now, offlineAfter), 1, Integer::sum);
            tree.computeIfAbsent(t.region(), r -> new LinkedHashMap<>()).computeIfAbsent(t.hall(), h -> new java.util.ArrayList<>()).add(t);
        }
        StringBuilder b = new StringBuilder(terminals.size() * 200 + 4096);
        b.append("<section class=\"counts\" aria-label=\"").append(esc(m.t("overview.counts"))).append("\">");
        b.append("<div class=\"count\"><b id=\"count-total\">").append(terminals.size()).append("</b> ").append(esc(m.t("overview.total"))).append("</div>");
        for (TerminalState s : TerminalState.values()) {
            b.append("<div class=\"count state-").append(s).append("\"><b id=\"count-").append(s).append("\">").append(counts.getOrDefault(s, 0))
                    .append("</b> ").append(esc(m.t("state." + s))).append("</div>");
        }
        b.append("</section><h2>").append(esc(m.t("overview.openAlerts"))).append(" (").append(openAlerts.size()).append(")</h2>");
        b.append(alertTable(p, openAlerts.subList(0, Math.min(20, openAlerts.size())), true, "/console"));
        for (var region : tree.entrySet()) {
            b.append("<section class=\"region\"><h2>").append(esc(region.getKey()));
            if (p.who().may(Role.OPERATOR)) {
                b.append(" <a class=\"small\" href=\"/console/commands/new?region=").append(url(region.getKey())).append("\">")
                        .append(esc(m.t("cmd.toRegion"))).append("</a>");
            }
            b.append("</h2>");
            for (var hall : region.getValue().entrySet()) {
                b.append("<div class=\"hall\"><h3>").append(esc(hall.getKey())).append(" <a class=\"small\" href=\"/console/halls/")
                        .append(url(hall.getKey())).append("\">").append(esc(m.t("overview.staffView"))).append("</a>");
                if (p.who().may(Role.OPERATOR)) {
                    b.append(" <a class=\"small\" id=\"command-hall-").append(esc(hall.getKey())).append("\" href=\"/console/commands/new?hall=")
                            .append(url(hall.getKey())).append("\">").append(esc(m.t("cmd.toHall"))).append("</a>");
                }
                b.append("</h3><div class=\"tiles\">");
                for (Terminal t : hall.getValue()) {
                    tile(b, m, t, t.state(now, offlineAfter));
                }
                b.append("</div></div>");
            }
            b.append("</section>");
        }
        return b.toString();
    }

    private static void tile(StringBuilder b, Messages m, Terminal t, TerminalState s) {
        b.append("<a class=\"tile state-").append(s).append("\" id=\"tile-").append(esc(t.id())).append("\" data-state=\"").append(s)
                .append("\" href=\"/console/terminals/").append(url(t.id())).append("\"><span class=\"tid\">").append(esc(t.id()))
                .append("</span><span class=\"st\">").append(esc(m.t("state." + s))).append("</span>");
        if (t.assistanceRequested() && s != TerminalState.OFFLINE) {
            b.append("<span class=\"call\">").append(esc(m.t("akind.ASSISTANCE"))).append("</span>");
        }
        b.append("</a>");
    }

    static String terminal(Page p, Terminal t, TerminalState s, List<Alert> alerts, List<CommandView> recent) {
        Messages m = p.m();
        StringBuilder b = new StringBuilder(4096);
        b.append("<p class=\"badge state-").append(s).append("\" id=\"state\">").append(esc(m.t("state." + s))).append("</p><dl class=\"facts\">");
        fact(b, m.t("terminal.region"), t.region());
        fact(b, m.t("terminal.hall"), t.hall());
        fact(b, m.t("terminal.profile"), t.profile());
        fact(b, m.t("terminal.lastSeen"), t.lastSeen() == null ? m.t("terminal.never") : TIME.format(t.lastSeen()));
        fact(b, m.t("terminal.software"), t.softwareVersion());
        fact(b, m.t("terminal.catalog"), t.catalogVersion());
        fact(b, m.t("terminal.update"), t.update().isMissingNode() ? "" : t.update().toString());
        fact(b, m.t("terminal.outbox"), t.outboxDepth());
        fact(b, m.t("terminal.oldest"), t.oldestPendingAgeSeconds() == null ? "" : t.oldestPendingAgeSeconds() + " " + m.t("terminal.seconds"));
        fact(b, m.t("terminal.screen"), t.screen());
        b.append("</dl><h2>").append(esc(m.t("terminal.devices"))).append("</h2><table><tr><th>").append(esc(m.t("device.name")))
                .append("</th><th>").append(esc(m.t("device.state"))).append("</th><th>").append(esc(m.t("device.detail"))).append("</th></tr>");
        for (Terminal.Device d : t.devices()) {
            b.append("<tr class=\"dev-").append(esc(d.state())).append("\"><td>").append(esc(m.word("kind", d.kind()))).append(" <small>")
                    .append(esc(d.name())).append("</small></td><td>").append(esc(m.word("devstate", d.state()))).append("</td><td>")
                    .append(esc(m.word("detail", d.detail()))).append("</td></tr>");
        }
        b.append("</table><h2>").append(esc(m.t("nav.alerts"))).append("</h2>").append(alertTable(p, alerts, true, "/console/terminals/" + url(t.id())));
        b.append("<h2>").append(esc(m.t("terminal.recentCommands"))).append("</h2>").append(commandTable(m, recent, false));
        if (p.who().may(Role.OPERATOR) && s != TerminalState.REVOKED) {
            b.append("<p><a class=\"button\" id=\"command-terminal\" href=\"/console/commands/new?terminal=").append(url(t.id())).append("\">")
                    .append(esc(m.t("cmd.toTerminal"))).append("</a></p>");
        }
        return b.toString();
    }

    private static void fact(StringBuilder b, String label, Object value) {
        b.append("<dt>").append(esc(label)).append("</dt><dd>").append(esc(value)).append("</dd>");
    }

    static String alertTable(Page p, List<Alert> alerts, boolean withAck, String back) {
        Messages m = p.m();
        if (alerts.isEmpty()) {
            return "<p>" + esc(m.t("alert.none")) + "</p>";
        }
        StringBuilder b = new StringBuilder("<table class=\"alerts\"><tr><th>" + esc(m.t("alert.kind")) + "</th><th>" + esc(m.t("alert.terminal"))
                + "</th><th>" + esc(m.t("alert.detail")) + "</th><th>" + esc(m.t("alert.opened")) + "</th><th>" + esc(m.t("alert.closed"))
                + "</th><th>" + esc(m.t("alert.ackedBy")) + "</th></tr>");
        for (Alert a : alerts) {
            b.append("<tr class=\"alert-").append(a.kind()).append("\"><td>").append(esc(m.t("akind." + a.kind()))).append("</td><td>")
                    .append(a.terminalId() == null ? "<a href=\"/console/rollouts\">" + esc(m.t("alert.fleet")) + "</a>"
                            : "<a href=\"/console/terminals/" + url(a.terminalId()) + "\">" + esc(a.terminalId()) + "</a>")
                    .append("</td><td>").append(esc(a.detail()))
                    .append("</td><td>").append(TIME.format(a.openedAt())).append("</td><td>").append(a.closedAt() == null ? "" : TIME.format(a.closedAt()))
                    .append("</td><td>");
            if (a.acknowledgedBy() != null) {
                b.append(esc(a.acknowledgedBy()));
            } else if (withAck && a.open() && a.terminalId() != null && p.who().mayAcknowledgeIn(a.hall())) {
                b.append(ackForm(p, a, m.t("alert.ack"), back));
            }
            b.append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    private static String ackForm(Page p, Alert a, String label, String back) {
        return "<form method=\"post\" action=\"/console/alerts/" + a.id() + "/ack\" class=\"inline\">" + p.hidden()
                + "<input type=\"hidden\" name=\"back\" value=\"" + esc(back) + "\"><button class=\"ack\" id=\"ack-" + esc(a.terminalId()) + "-"
                + a.kind() + "\">" + esc(label) + "</button></form>";
    }

    static String commandTable(Messages m, List<CommandView> commands, boolean progress) {
        StringBuilder b = new StringBuilder("<table class=\"commands\"><tr><th>" + esc(m.t("alert.terminal")) + "</th><th>" + esc(m.t("cmd.type"))
                + "</th><th>" + esc(m.t("cmd.status")) + "</th><th>" + esc(m.t("alert.detail")) + "</th><th>" + esc(m.t("cmd.issuedBy"))
                + "</th><th>" + esc(m.t("cmd.issuedAt")) + "</th></tr>");
        for (CommandView c : commands) {
            b.append("<tr id=\"progress-").append(esc(c.terminalId())).append("\" data-status=\"").append(c.status()).append("\" class=\"cmd-")
                    .append(c.status()).append("\"><td>").append(esc(c.terminalId())).append("</td><td>").append(esc(m.t("cmdtype." + c.type())))
                    .append("</td><td>").append(esc(m.t("cmdstatus." + c.status()))).append("</td><td>")
                    .append(esc(c.detail() != null ? c.detail() : c.args().path("reason").asText(""))).append("</td><td>").append(esc(c.issuedBy()))
                    .append("</td><td>").append(TIME.format(c.issuedAt())).append("</td></tr>");
        }
        if (progress) {
            long done = commands.stream().filter(CommandView::finished).count();
            b.append("<tr><td colspan=\"6\" id=\"progress-summary\">").append(done).append(" / ").append(commands.size()).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    static String commandForm(Page p, String scopeName, String scopeValue, String error) {
        Messages m = p.m();
        StringBuilder b = new StringBuilder();
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\">").append(esc(m.t("error.badRequest", error))).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/console/commands/confirm\">").append(p.hidden())
                .append("<input type=\"hidden\" name=\"").append(esc(scopeName)).append("\" value=\"").append(esc(scopeValue)).append("\">")
                .append("<p>").append(esc(scopeValue)).append("</p><label>").append(esc(m.t("cmd.type"))).append("<select name=\"type\" id=\"type\">");
        for (CommandType t : CommandType.values()) {
            b.append("<option value=\"").append(t).append("\">").append(esc(m.t("cmdtype." + t))).append("</option>");
        }
        b.append("</select></label><label>").append(esc(m.t("cmd.reason"))).append("<input name=\"reason\" id=\"reason\"></label>")
                .append("<button id=\"continue\">").append(esc(m.t("cmd.continue"))).append("</button></form>");
        return b.toString();
    }

    static String confirm(Page p, CommandType type, String reason, String scopeName, String scopeValue, List<Terminal> reached) {
        Messages m = p.m();
        StringBuilder b = new StringBuilder("<p id=\"confirm-text\">" + esc(m.t("cmd.confirmText", m.t("cmdtype." + type), reached.size())) + "</p>");
        if (!reason.isBlank()) {
            b.append("<p>").append(esc(m.t("cmd.reason"))).append(": ").append(esc(reason)).append("</p>");
        }
        b.append("<ul class=\"reached\">");
        for (Terminal t : reached) {
            b.append("<li>").append(esc(t.id())).append("</li>");
        }
        b.append("</ul><form method=\"post\" action=\"/console/commands\">").append(p.hidden())
                .append("<input type=\"hidden\" name=\"type\" value=\"").append(type).append("\"><input type=\"hidden\" name=\"reason\" value=\"")
                .append(esc(reason)).append("\"><input type=\"hidden\" name=\"").append(esc(scopeName)).append("\" value=\"").append(esc(scopeValue))
                .append("\"><button id=\"confirm\">").append(esc(m.t("cmd.confirm"))).append("</button> <a href=\"/console\">")
                .append(esc(m.t("cmd.cancel"))).append("</a></form>");
        return b.toString();
    }

    static String staff(Page p, String hall, List<Terminal> terminals, List<Alert> calls, Instant now, Duration offlineAfter) {
        Messages m = p.m();
        Map<String, Terminal> byId = new LinkedHashMap<>();
        terminals.forEach(t -> byId.put(t.id(), t));
        StringBuilder b = new StringBuilder("<section class=\"calls\"><h2>" + esc(m.t("staff.calls")) + "</h2>");
        if (calls.isEmpty()) {
            b.append("<p id=\"no-calls\">").append(esc(m.t("staff.none"))).append("</p>");
        }
        for (Alert a : calls) {
            Terminal t = byId.get(a.terminalId());
            b.append("<div class=\"call-card\" id=\"call-").append(esc(a.terminalId())).append("\"><b>").append(esc(a.terminalId()))
                    .append("</b> <span>").append(esc(m.t("terminal.screen"))).append(": ").append(esc(t == null ? a.detail() : t.screen()))
                    .append("</span> <small>").append(esc(m.t("staff.since"))).append(" ").append(TIME.format(a.openedAt())).append("</small> ");
            if (a.acknowledgedBy() != null) {
                b.append("<span class=\"acked\">").append(esc(m.t("alert.ackedBy"))).append(": ").append(esc(a.acknowledgedBy())).append("</span>");
            } else if (p.who().mayAcknowledgeIn(hall)) {
                b.append(ackForm(p, a, m.t("staff.coming"), "/console/halls/" + url(hall)));
            }
            b.append("</div>");
        }
        b.append("</section><div class=\"tiles big\">");
        for (Terminal t : terminals) {
            tile(b, m, t, t.state(now, offlineAfter));
        }
        return b.append("</div>").toString();
    }

    static String audit(Page p, List<AuditLog.Entry> entries) {
        Messages m = p.m();
        StringBuilder b = new StringBuilder("<table class=\"audit\"><tr><th>" + esc(m.t("audit.when")) + "</th><th>" + esc(m.t("audit.who"))
                + "</th><th>" + esc(m.t("audit.what")) + "</th><th>" + esc(m.t("audit.target")) + "</th><th>" + esc(m.t("audit.detail"))
                + "</th><th>" + esc(m.t("audit.from")) + "</th></tr>");
        for (AuditLog.Entry e : entries) {
            b.append("<tr><td>").append(TIME.format(e.at())).append("</td><td>").append(esc(e.actor())).append("</td><td>").append(esc(e.action()))
                    .append("</td><td>").append(esc(e.target())).append("</td><td>").append(esc(e.detail())).append("</td><td>")
                    .append(esc(e.address())).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    static String admin(Page p, List<Operators.Token> tokens, List<Operators.Account> accounts, String newToken, String error) {
        Messages m = p.m();
        StringBuilder b = new StringBuilder();
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\">").append(esc(m.t("error.badRequest", error))).append("</p>");
        }
        if (newToken != null) {
            b.append("<p class=\"notice\">").append(esc(m.t("admin.newToken"))).append(" <code id=\"new-token\">").append(esc(newToken)).append("</code></p>");
        }
        b.append("<h2>").append(esc(m.t("admin.tokens"))).append("</h2><table><tr><th>").append(esc(m.t("admin.name"))).append("</th><th>")
                .append(esc(m.t("admin.role"))).append("</th><th>").append(esc(m.t("admin.created"))).append("</th><th></th></tr>");
        for (Operators.Token t : tokens) {
            b.append("<tr><td>").append(esc(t.name())).append("</td><td>").append(t.role()).append("</td><td>").append(TIME.format(t.createdAt()))
                    .append("</td><td>");
            if (t.revokedAt() != null) {
                b.append(esc(m.t("admin.revoked")));
            } else {
                b.append("<form method=\"post\" action=\"/console/admin/tokens/").append(esc(t.id())).append("/revoke\" class=\"inline\">")
                        .append(p.hidden()).append("<button>").append(esc(m.t("admin.revoke"))).append("</button></form>");
            }
            b.append("</td></tr>");
        }
        b.append("</table><form method=\"post\" action=\"/console/admin/tokens\">").append(p.hidden()).append("<label>").append(esc(m.t("admin.name")))
                .append("<input name=\"name\" required></label>").append(roleSelect(m)).append("<button>").append(esc(m.t("admin.create")))
                .append("</button></form><h2>").append(esc(m.t("admin.users"))).append("</h2><table><tr><th>").append(esc(m.t("admin.name")))
                .append("</th><th>").append(esc(m.t("admin.display"))).append("</th><th>").append(esc(m.t("admin.role"))).append("</th><th>")
                .append(esc(m.t("admin.halls"))).append("</th></tr>");
        for (Operators.Account a : accounts) {
            b.append("<tr><td>").append(esc(a.name())).append("</td><td>").append(esc(a.displayName())).append("</td><td>").append(a.role())
                    .append("</td><td>").append(esc(String.join(", ", a.halls()))).append("</td></tr>");
        }
        b.append("</table><form method=\"post\" action=\"/console/admin/users\">").append(p.hidden()).append("<label>").append(esc(m.t("admin.name")))
                .append("<input name=\"name\" required></label><label>").append(esc(m.t("admin.display"))).append("<input name=\"display\"></label>")
                .append(roleSelect(m)).append("<label>").append(esc(m.t("admin.halls"))).append("<input name=\"halls\"></label><label>")
                .append(esc(m.t("admin.password"))).append("<input type=\"password\" name=\"password\" required minlength=\"8\"></label><button>")
                .append(esc(m.t("admin.create"))).append("</button></form>");
        return b.toString();
    }

    private static String roleSelect(Messages m) {
        StringBuilder b = new StringBuilder("<label>" + esc(m.t("admin.role")) + "<select name=\"role\">");
        for (Role r : Role.values()) {
            b.append("<option value=\"").append(r).append("\">").append(r).append("</option>");
        }
        return b.append("</select></label>").toString();
    }

    static String message(Page p, String title, String text) {
        return layout(p, title, null, "<p class=\"error\" role=\"alert\" id=\"message\">" + esc(text) + "</p><p><a href=\"/console\">"
                + esc(p.m().t("nav.overview")) + "</a></p>");
    }

}
