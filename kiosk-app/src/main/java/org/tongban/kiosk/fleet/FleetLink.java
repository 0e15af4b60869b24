package org.tongban.kiosk.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.platform.Heartbeat;

/**
 * The terminal's link to its fleet server: a heartbeat every interval the server asks for (with +-10 % jitter),
 * and at once, off the interval, when {@link #nudge()}d (a citizen called staff, a device changed state). Each
 * heartbeat carries the screen shown (a screen name, no personal data), whether the terminal is locked, the
 * results not yet confirmed and the usage days not yet acknowledged. Only a signed answer is acted on: its
 * commands are carried out at most once per id ({@link CommandLedger}), and "staff are coming" is passed on.
 * An unsigned, wrongly signed or stale answer is nothing: the same heartbeat is sent again later.
 */
public final class FleetLink implements AutoCloseable {

    /** What the terminal is when a heartbeat is built: the screen shown and whether it is locked. */
    public interface Situation {
        String screen();

        boolean locked();
    }

    private static final Logger log = LoggerFactory.getLogger(FleetLink.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final FleetClient client;
    private final Supplier<Heartbeat> heartbeat;
    private final Situation situation;
    private final CommandLedger commands;
    private final UsageDays usage;
    private final FleetCommands carryOut;
    private final Consumer<FleetAnswer.StaffComing> staffComing;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private final Object wake = new Object();
    private boolean nudged; // guarded by wake
    private volatile boolean running;
    private volatile Duration interval;
    private volatile Instant lastAnswer;
    private volatile String lastProblem;
    private Thread thread;
    private int failures; // the link's thread only

    public FleetLink(FleetClient client, Supplier<Heartbeat> heartbeat, Situation situation, CommandLedger commands,
                     UsageDays usage, FleetCommands carryOut, Consumer<FleetAnswer.StaffComing> staffComing,
                     Duration firstInterval, Clock clock) {
        this.client = client;
        this.heartbeat = heartbeat;
        this.situation = situation;
        this.commands = commands;
        this.usage = usage;
        this.carryOut = carryOut;
        this.staffComing = staffComing;
        this.interval = firstInterval;
        this.clock = clock;
    }

    public synchronized FleetLink start() {
        if (thread == null) {
            running = true;
            thread = new Thread(this::run, "fleet-link");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    /** Sends a heartbeat at once (or as soon as the one on its way is answered). */
    public void nudge() {
        synchronized (wake) {
            nudged = true;
            wake.notifyAll();
        }
    }

    /** When the last signed answer came, if one did. */
    public Optional<Instant> lastAnswer() {
        return Optional.ofNullable(lastAnswer);
    }

    /** Why the last heartbeat got no usable answer; empty after a good one. */
    public Optional<String> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    private void run() {
        while (running) {
            Duration wait;
            try {
                wait = exchange();
            } catch (RuntimeException e) {
                log.error("fleet heartbeat round failed", e);
                wait = interval;
            }
            sleep(wait);
        }
    }

    /** One heartbeat and what its answer says; answers how long to wait before the next. */
    Duration exchange() {
        List<CommandLedger.Result> results;
        List<UsageDays.Day> days;
        try {
            results = commands.unreported();
            days = usage.unacknowledged();
        } catch (SQLException e) {
            log.error("fleet heartbeat without results and usage: {}", e.getMessage());
            results = List.of();
            days = List.of();
        }
        FleetAnswer answer;
        try {
            answer = client.heartbeat(body(heartbeat.get(), results, days));
        } catch (FleetException e) {
            failures++;
            lastProblem = e.getMessage();
            log.warn("fleet heartbeat: {}", e.getMessage());
            Duration backoff = Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(failures, 6)));
            Duration after = e.retryAfter().orElse(Duration.ZERO);
            return after.compareTo(backoff) > 0 ? after : backoff;
        }
        failures = 0;
        lastProblem = null;
        lastAnswer = clock.instant();
        interval = answer.interval();
        try {
            commands.reported(results);
            usage.acknowledged(days, answer.usageAcknowledged());
        } catch (SQLException e) {
            log.error("fleet acknowledgements not kept (they are sent again): {}", e.getMessage());
        }
        boolean carriedOut = false;
        for (FleetAnswer.Command c : answer.commands()) {
            carriedOut |= take(c);
        }
        if (answer.staffComing() != null) {
            staffComing.accept(answer.staffComing());
        }
        // A result is worth reporting now, not an interval later.
        return carriedOut ? Duration.ZERO : jittered(interval);
    }

    /**
     * Carries out a command the first time its id is seen (answers true: its result is worth sending now); a
     * redelivered one only has its result sent again, with the next heartbeat on the interval.
     */
    private boolean take(FleetAnswer.Command c) {
        try {
            if (!commands.claim(c.id(), c.type(), clock.instant())) {
                commands.reportAgain(c.id());
                return false;
            }
            FleetCommands.Outcome outcome;
            try {
                outcome = carryOut.carryOut(c);
            } catch (RuntimeException e) {
                log.error("fleet command {} {} failed", c.type(), c.id(), e);
                outcome = new FleetCommands.Outcome(CommandLedger.Status.FAILED, e.toString());
            }
            log.info("fleet command {} {}: {}", c.type(), c.id(), outcome.status());
            commands.finish(new CommandLedger.Result(c.id(), outcome.status(), outcome.detail(), clock.instant()));
            return true;
        } catch (SQLException e) {
            // Not claimed durably: not carried out either (it comes again with the next answer).
            log.error("fleet command {} not taken: {}", c.id(), e.getMessage());
            return false;
        }
    }

    ObjectNode body(Heartbeat hb, List<CommandLedger.Result> results, List<UsageDays.Day> days) {
        ObjectNode body = json.valueToTree(hb);
        body.put("screen", situation.screen());
        body.put("locked", situation.locked());
        if (!results.isEmpty()) {
            ArrayNode r = body.putArray("commandResults");
            results.forEach(x -> r.add(json.valueToTree(x)));
        }
        if (!days.isEmpty()) {
            ArrayNode u = body.putArray("usage");
            for (UsageDays.Day d : days) {
                ObjectNode day = u.addObject().put("date", d.date().toString());
                day.set("items", json.valueToTree(d.items()));
            }
        }
        return body;
    }

    /**
     * The screen as the staff view shows it: the navigator's screen, and on an item its code and the stage of its
     * flow (e.g. {@code ITEM:SI-CERT-CONTRIB:WAIT_FOR_CARD}). Names only, never what the citizen entered.
     */
    public static String screenName(Navigator.Shown shown) {
        ServiceFlow flow = shown.flow();
        if (flow == null || flow.state() == null) {
            return shown.screen().name();
        }
        return shown.screen().name() + ":" + flow.item().code() + ":" + flow.state().stage().name();
    }

    private static Duration jittered(Duration d) {
        double f = 0.9 + ThreadLocalRandom.current().nextDouble() * 0.2;
        return Duration.ofMillis(Math.max(1, (long) (d.toMillis() * f)));
    }

    private void sleep(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        synchronized (wake) {
            while (running && !nudged) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    wake.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            nudged = false;
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        nudge();
        if (t != null) {
            try {
                t.join(2_000);
                if (t.isAlive()) {
                    t.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
