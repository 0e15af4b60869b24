package org.tongban.kiosk.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tongban.kiosk.platform.Heartbeat;
import org.tongban.kiosk.platform.HeartbeatAnswer;
import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.kiosk.platform.PlatformException;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.platform.TransactionResult;

/**
 * Delivers the outbox to the platform on a daemon thread. Per the contract: ACCEPTED and DUPLICATE are
 * delivered, REJECTED is kept and never retried, and any failure of a batch means "nothing is known", so the
 * whole batch is retried later with the same ids, after an exponential backoff with jitter and never before
 * the platform's Retry-After. While the platform is away the worker waits out the backoff instead of trying
 * again; when there is nothing to deliver it sends a heartbeat every interval, which also tells it whether the
 * platform is back.
 *
 * <p>A batch the platform refuses as a whole (a 4xx) or answers with something unreadable is split in halves and
 * retried at once, down to single transactions, so one bad transaction cannot hold the others back: a single
 * refused one is kept as REJECTED for a technician; a single one that keeps getting unreadable answers waits
 * out its own backoff while the rest go on. Delivered payloads are purged after the retention time.
 */
public final class SyncWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyncWorker.class);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final Outbox outbox;
    private final PlatformClient client;
    private final Clock clock;
    private final SyncSettings settings;
    private final Probe probe;
    private final List<Consumer<PlatformReachability>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<HeartbeatAnswer.Command>> commandListeners = new CopyOnWriteArrayList<>();
    private final Object wake = new Object();
    private boolean wakeRequested; // guarded by wake
    private volatile boolean running;
    private volatile PlatformReachability reachability;
    private Thread thread;

    // Touched by the worker thread only.
    private int failuresInARow;
    private Instant pausedUntil = Instant.MIN;
    private Instant nextProbeAt = Instant.MIN;
    private Instant nextPurgeAt = Instant.MIN;
    private int batchLimit;

    /**
     * @param clock     decides when transactions are due and stamps reachability; tests pass a controllable one
     * @param heartbeat builds the status report sent when there is nothing to deliver
     */
    public SyncWorker(Outbox outbox, PlatformClient client, Clock clock, SyncSettings settings,
            Supplier<Heartbeat> heartbeat) {
        this(outbox, client, clock, settings, probeWithHeartbeat(client, Objects.requireNonNull(heartbeat, "heartbeat")));
    }

    /**
     * How the worker learns, when it has nothing to deliver, whether the platform answers (and what it asks).
     * Without a fleet server it is the heartbeat; with one the heartbeat goes there, and another signed call
     * (a conditional catalog GET) tells the worker the platform is reachable.
     */
    @FunctionalInterface
    public interface Probe {
        HeartbeatAnswer probe() throws PlatformException;
    }

    public static Probe probeWithHeartbeat(PlatformClient client, Supplier<Heartbeat> heartbeat) {
        return () -> client.heartbeat(heartbeat.get());
    }

    /** @param probe asked every interval while there is nothing to deliver */
    public SyncWorker(Outbox outbox, PlatformClient client, Clock clock, SyncSettings settings, Probe probe) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.reachability = new PlatformReachability(PlatformReachability.State.UNKNOWN, clock.instant(), null);
        this.batchLimit = settings.maxBatchTransactions();
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("sync worker already started");
        }
        running = true;
        thread = new Thread(this::run, "outbox-sync");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread; an interrupted delivery is simply retried next time (same ids). */
    public void stop() {
        Thread worker;
        synchronized (this) {
            worker = thread;
            running = false;
        }
        if (worker == null) {
            return;
        }
        syncNow();
        try {
            worker.join(1_000);
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (thread == worker && !worker.isAlive()) {
                thread = null;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Tries at once: delivers what is due, or sends a heartbeat; cuts short a backoff wait. */
    public void syncNow() {
        synchronized (wake) {
            wakeRequested = true;
            wake.notifyAll();
        }
    }

    public PlatformReachability reachability() {
        return reachability;
    }

    /** Called on the worker thread whenever reachability changes state. */
    public void addListener(Consumer<PlatformReachability> listener) {
        listeners.add(listener);
    }

    /** Called on the worker thread with each command from a heartbeat answer (SYNC_NOW is also acted on here). */
    public void addCommandListener(Consumer<HeartbeatAnswer.Command> listener) {
        commandListeners.add(listener);
    }

    private void run() {
        log.info("outbox sync started");
        while (running) {
            Duration wait;
            try {
                wait = round();
            } catch (OutboxException | RuntimeException e) {
                // The outbox file or a listener failed: keep the thread alive, try again after an interval.
                log.error("outbox sync round failed", e);
                wait = settings.interval();
            }
            sleep(wait);
        }
        log.info("outbox sync stopped");
    }

    /** One round of work; answers how long to wait before the next (never longer than the interval). */
    private Duration round() throws OutboxException {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return upToInterval(now, pausedUntil);
        }
        if (!now.isBefore(nextPurgeAt)) {
            nextPurgeAt = now.plus(PURGE_EVERY);
            int purged = outbox.purgeDelivered(now.minus(settings.retention()));
            if (purged > 0) {
                log.info("purged the payloads of {} delivered transaction(s)", purged);
            }
        }
        List<Transaction> batch = outbox.nextBatch(now, batchLimit, settings.maxBatchBytes());
        if (!batch.isEmpty()) {
            return deliver(batch) ? Duration.ZERO : upToInterval(clock.instant(), pausedUntil);
        }
        if (!now.isBefore(nextProbeAt)) {
            nextProbeAt = now.plus(settings.interval());
            probe();
        }
        return upToInterval(clock.instant(), pausedUntil.isAfter(nextProbeAt) ? pausedUntil : nextProbeAt);
    }

    private boolean deliver(List<Transaction> batch) throws OutboxException {
        List<TransactionResult> results;
        try {
            results = client.submitBatch(batch);
        } catch (PlatformException e) {
            return failedBatch(batch, e);
        }
        batchLimit = Math.min(settings.maxBatchTransactions(), batchLimit * 2);
        outbox.record(results);
        long rejected = results.stream().filter(r -> !r.delivered()).count();
        if (rejected > 0) {
            log.warn("platform rejected {} of {} transactions; kept for a technician", rejected, results.size());
        }
        log.info("delivered batch of {}", results.size() - rejected);
        succeeded();
        return true;
    }

    /** Answers true when the next batch may go at once (a split), false to wait out a backoff. */
    private boolean failedBatch(List<Transaction> batch, PlatformException e) throws OutboxException {
        List<java.util.UUID> ids = batch.stream().map(Transaction::id).toList();
        boolean answeredBadly = e.kind() == PlatformException.Kind.REFUSED
                || e.kind() == PlatformException.Kind.BAD_RESPONSE;
        if (answeredBadly && batch.size() > 1) {
            batchLimit = Math.max(1, batch.size() / 2);
            outbox.markRetry(ids, clock.instant(), e.getMessage());
            log.warn("batch of {} failed ({}); trying batches of {}", batch.size(), e.kind(), batchLimit);
            return true;
        }
        if (e.kind() == PlatformException.Kind.REFUSED) {
            // The platform refuses this transaction alone, every time: keep it for a technician.
            Transaction refused = batch.get(0);
            outbox.markRejected(refused.id(), "HTTP_" + e.httpStatus(),
                    e.title() == null ? e.getMessage() : e.title() + (e.detail() == null ? "" : ": " + e.detail()));
            log.warn("platform refused transaction {} alone (HTTP {}); kept as rejected", refused.id(),
                    e.httpStatus());
            return true;
        }
        Instant retryAt = failed(e);
        if (answeredBadly) {
            // A lone transaction answered with garbage may be what breaks the answer: it waits longer on its own.
            int attempts = outbox.find(ids.get(0)).map(OutboxEntry::attempts).orElse(0);
            Instant own = clock.instant().plus(backoff(attempts + 1));
            retryAt = own.isAfter(retryAt) ? own : retryAt;
        }
        outbox.markRetry(ids, retryAt, e.getMessage());
        log.warn("batch of {} not delivered ({}), retry at {}", batch.size(), e.kind(), retryAt);
        return false;
    }

    private void probe() throws OutboxException {
        HeartbeatAnswer answer;
        try {
            answer = probe.probe();
        } catch (PlatformException e) {
            log.debug("heartbeat failed: {}", e.getMessage());
            failed(e);
            return;
        }
        succeeded();
        answer.commands().forEach(this::carryOut);
    }

    /**
     * Carries out a command from a heartbeat answer: SYNC_NOW here, every command through the command listeners
     * (the lock, the catalog, the update agent). The fleet link passes the fleet's commands through here too.
     */
    public void carryOut(HeartbeatAnswer.Command command) {
        if (command.type() == HeartbeatAnswer.CommandType.SYNC_NOW) {
            syncNow();
        }
        for (Consumer<HeartbeatAnswer.Command> listener : commandListeners) {
            listener.accept(command);
        }
    }

    private void succeeded() throws OutboxException {
        failuresInARow = 0;
        pausedUntil = Instant.MIN;
        if (reachability.state() != PlatformReachability.State.ONLINE) {
            // The platform answers again: what waited out a backoff goes now, not when its backoff ends.
            int due = outbox.dueNow(clock.instant());
            if (due > 0) {
                log.info("platform back: {} queued transaction(s) due now", due);
            }
            publish(new PlatformReachability(PlatformReachability.State.ONLINE, clock.instant(), null));
        }
    }

    /** Records a failure and answers when to try again. */
    private Instant failed(PlatformException e) {
        failuresInARow++;
        Instant now = clock.instant();
        Duration wait = backoff(failuresInARow);
        Duration retryAfter = e.retryAfter().orElse(Duration.ZERO);
        if (retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        pausedUntil = now.plus(wait);
        PlatformReachability was = reachability;
        if (was.state() != PlatformReachability.State.OFFLINE) {
            publish(new PlatformReachability(PlatformReachability.State.OFFLINE, now, e.getMessage()));
        } else {
            // Still offline: keep "since", refresh the error; listeners hear only of changes of state.
            reachability = new PlatformReachability(PlatformReachability.State.OFFLINE, was.since(), e.getMessage());
        }
        return pausedUntil;
    }

    /** "Equal jitter": half the capped exponential wait, plus a random part of the other half. */
    private Duration backoff(int failures) {
        long initial = settings.initialBackoff().toMillis();
        long cap = settings.maxBackoff().toMillis();
        long exponential = failures >= 31 ? cap : Math.min(cap, initial << Math.min(failures - 1, 30));
        long half = Math.max(1, exponential / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(exponential - half + 1));
    }

    private void publish(PlatformReachability next) {
        reachability = next;
        log.info("platform {}{}", next.state(), next.lastError() == null ? "" : ": " + next.lastError());
        for (Consumer<PlatformReachability> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                log.error("reachability listener failed", e);
            }
        }
    }

    private Duration upToInterval(Instant now, Instant until) {
        Duration left = Duration.between(now, until);
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(settings.interval()) < 0 ? left : settings.interval();
    }

    /** Waits, unless woken by {@link #syncNow()}; a wake-up also ends any backoff pause. */
    private void sleep(Duration wait) {
        boolean woken;
        synchronized (wake) {
            if (!wakeRequested && running && !wait.isZero()) {
                try {
                    wake.wait(Math.max(1, wait.toMillis()));
                } catch (InterruptedException e) {
                    running = false;
                    Thread.currentThread().interrupt();
                }
            }
            woken = wakeRequested;
            wakeRequested = false;
        }
        if (woken) {
            pausedUntil = Instant.MIN;
            nextProbeAt = Instant.MIN;
        }
    }
}
