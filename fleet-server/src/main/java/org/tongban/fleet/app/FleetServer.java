package org.tongban.fleet.app;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.fleet.alerts.AlertRules;
import org.tongban.fleet.alerts.Alerts;
import org.tongban.fleet.alerts.WebhookDispatcher;
import org.tongban.fleet.api.OperatorApi;
import org.tongban.fleet.audit.AuditLog;
import org.tongban.fleet.commands.Commands;
import org.tongban.fleet.console.ConsoleRoutes;
import org.tongban.fleet.console.RolloutPages;
import org.tongban.fleet.console.StatisticsPages;
import org.tongban.fleet.db.Database;
import org.tongban.fleet.events.FleetEvents;
import org.tongban.fleet.events.PostgresEventRelay;
import org.tongban.fleet.heartbeat.HeartbeatEndpoint;
import org.tongban.fleet.heartbeat.HeartbeatHistory;
import org.tongban.fleet.heartbeat.HeartbeatService;
import org.tongban.fleet.http.ApiError;
import org.tongban.fleet.http.Problem;
import org.tongban.fleet.operators.Operators;
import org.tongban.fleet.operators.PasswordHasher;
import org.tongban.fleet.operators.Secrets;
import org.tongban.fleet.rollouts.Rollouts;
import org.tongban.fleet.stats.Statistics;
import org.tongban.fleet.terminals.TerminalRepository;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;

/** The composition root: builds every part of the fleet server once and wires them to Javalin. */
public final class FleetServer implements AutoCloseable {

    /** How the server runs; {@code webhook} may be null (no alert webhook). */
    /**
     * {@code zone}: where the maintenance windows of rollouts are read (the province's local time);
     * {@code historyKept}: how long heartbeats stay in the history (besides its ring of 50 per terminal).
     */
    public record Settings(String host, int port, Duration heartbeatInterval, int offlineIntervals, Duration outboxStuckAfter,
            URI webhook, java.time.ZoneId zone, Duration historyKept) {
        public static final java.time.ZoneId CHINA = java.time.ZoneId.of("Asia/Shanghai");
        public static final Duration HISTORY_KEPT = Duration.ofDays(7);

        public Settings(String host, int port, Duration heartbeatInterval, int offlineIntervals, Duration outboxStuckAfter, URI webhook) {
            this(host, port, heartbeatInterval, offlineIntervals, outboxStuckAfter, webhook, CHINA, HISTORY_KEPT);
        }

        public static Settings defaults(int port) {
            return new Settings("127.0.0.1", port, Duration.ofSeconds(30), 3, Duration.ofMinutes(30), null);
        }

        public Settings withHeartbeatInterval(Duration interval) {
            return new Settings(host, port, interval, offlineIntervals, outboxStuckAfter, webhook, zone, historyKept);
        }

        public Settings withWebhook(URI uri) {
            return new Settings(host, port, heartbeatInterval, offlineIntervals, outboxStuckAfter, uri, zone, historyKept);
        }
    }

    public static final long MAX_BODY_BYTES = 1_048_576L;
    /** A command without a result after this long is EXPIRED (a terminal off for a day should not restart on return). */
    public static final Duration COMMAND_LIFETIME = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(FleetServer.class);

    private final Javalin app;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "fleet-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final Alerts alerts;
    private final ConsoleRoutes console;
    private final WebhookDispatcher webhook;
    private final FleetClock clock;
    private final Commands commands;
    private final Database db;
    private final PostgresEventRelay relay;
    private final Rollouts rollouts;
    private final HeartbeatHistory history;
    private final Settings settings;
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    private long lastPrune = System.nanoTime() - PRUNE_EVERY.toNanos() - 1;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    public FleetServer(Database db, Settings settings) {
        this.db = db;
        this.settings = settings;
        this.history = new HeartbeatHistory(db);
        this.clock = new FleetClock(settings.heartbeatInterval(), settings.offlineIntervals());
        FleetEvents events = new FleetEvents();
        this.relay = new PostgresEventRelay(db, events, json);
        AuditLog audit = new AuditLog(db);
        Secrets secrets = new Secrets();
        Operators operators = new Operators(db, audit, new PasswordHasher(), secrets);
        TerminalRepository terminals = new TerminalRepository(db, json);
        this.commands = new Commands(db, audit, events, json);
        this.alerts = new Alerts(db, audit, events, json, settings.webhook() != null);
        this.webhook = settings.webhook() == null ? null : new WebhookDispatcher(db, settings.webhook());
        this.rollouts = new Rollouts(db, audit, alerts, commands, events, settings.zone());
        HeartbeatService heartbeats = new HeartbeatService(db, commands, alerts, new AlertRules(settings.outboxStuckAfter()), rollouts, events, json,
                settings.heartbeatInterval());
        HeartbeatEndpoint heartbeat = new HeartbeatEndpoint(db, heartbeats, json);
        Statistics statistics = new Statistics(db);
        OperatorApi api = new OperatorApi(db, operators, terminals, commands, alerts, statistics, clock, json);
        this.console = new ConsoleRoutes(operators, terminals, commands, alerts, audit, clock, json, secrets, events);

        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.defaultContentType = "application/json";
            config.staticFiles.enableWebjars();
            config.jsonMapper(new JavalinJackson(json, false));
            config.jetty.defaultHost = settings.host();
            config.jetty.defaultPort = settings.port();
        });
        app.post(HeartbeatEndpoint.PATH, heartbeat::handle);
        api.register(app);
        console.register(app);
        new RolloutPages(console, rollouts, settings.zone()).register(app);
        new StatisticsPages(console, statistics, json, settings.zone()).register(app);
        app.exception(ApiError.class, (e, ctx) -> problem(ctx, e.problem()));
        app.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, new Problem(e.getStatus(), e.getMessage(), null)));
        app.exception(Exception.class, this::failure);
    }

    private void failure(Exception e, Context ctx) {
        if (Database.unavailable(e)) {
            ctx.header("Retry-After", "5");
            problem(ctx, new Problem(503, "Database unavailable", "try again later"));
            return;
        }
        log.error("{} {} failed", ctx.method(), ctx.path(), e);
        problem(ctx, new Problem(500, "Internal error", null));
    }

    private void problem(Context ctx, Problem p) {
        ctx.status(p.status()).contentType(Problem.CONTENT_TYPE).result(p.toJson(json));
    }

    public FleetServer start() {
        app.start();
        relay.start();
        scheduler.scheduleWithFixedDelay(relay::flush, 200, 200, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(console::tick, 200, 200, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    /** Offline alerts, the webhook, old nonces: each instance does it; the database keeps them from clashing. */
    private void sweep() {
        try {
            alerts.sweepOffline(clock.offlineAfter());
            commands.expire(COMMAND_LIFETIME);
            rollouts.evaluate(clock.offlineAfter());
            if (System.nanoTime() - lastPrune > PRUNE_EVERY.toNanos()) {
                lastPrune = System.nanoTime();
                history.prune(settings.historyKept());
            }
            if (webhook != null) {
                webhook.deliverDue();
            }
            try (var c = db.connection(); var st = c.prepareStatement("DELETE FROM nonce WHERE seen_at < now() - interval '10 minutes'")) {
                st.executeUpdate();
            }
        } catch (Exception e) {
            log.warn("sweep failed (will retry): {}", e.toString());
        }
    }

    public int port() {
        return app.port();
    }

    public ObjectMapper json() {
        return json;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        relay.close();
        app.stop();
    }
}
