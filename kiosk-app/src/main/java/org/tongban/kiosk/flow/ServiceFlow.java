package org.tongban.kiosk.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.idcard.IdCard;
import org.tongban.devices.printer.DocumentPrinter;
import org.tongban.kiosk.catalog.FlowStep;
import org.tongban.kiosk.catalog.FormField;
import org.tongban.kiosk.catalog.LiveCatalog;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.catalog.StepType;
import org.tongban.kiosk.platform.LicenseVerification;
import org.tongban.kiosk.session.Session;
import org.tongban.printing.CertificateComposer;

/**
 * Runs one service item's flow for one citizen: the engine that walks the catalog's steps, each run by
 * its own {@link StepHandler} (see {@link StepHandlers}). The view shows {@link #state()} and calls the
 * action methods; slow work runs on the given executor and ends in a new state.
 *
 * <p>Threads (docs/adr/0007-threading-model.md): every change of the flow's state is made holding the
 * flow's lock; listeners are told after it is released, by the thread that made the change.
 */
public final class ServiceFlow {

    /** What a flow needs from the rest of the kiosk; one instance, built by the composition root. */
    public record Services(String terminalId, FlowPlatform platform, FlowOutbox outbox, CertificateComposer composer,
                           Supplier<Optional<DocumentPrinter>> printer, LiveCatalog catalog, Clock clock, ZoneId zone,
                           Executor executor, Duration printTimeout, Runnable deliverSoon, FlowDevices devices) {
    }

    /** The reasons offered for the two lowest review levels (see {@link ReviewHandler#REASONS}). */
    public static final List<String> REVIEW_REASONS = ReviewHandler.REASONS;

    /** How many offline items are offered when the platform is away: one screen, no scrolling. */
    static final int OFFLINE_ALTERNATIVES = 6;

    private static final Logger log = LoggerFactory.getLogger(ServiceFlow.class);

    private final ServiceItem item;
    // read by the steps' contexts (FlowContext)
    final Session session;
    final Services services;
    final Handover handover = new Handover();
    private final StepHandlers handlers;
    private final List<Consumer<ServiceFlow>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<FlowState> announced = new AtomicReference<>();
    // written holding the lock; volatile so the views read them without it
    private volatile int stepIndex = -1;
    private volatile StepHandler current;
    private volatile FlowState state;
    private volatile boolean cancelled;
    /** The citizen is leaving before the end; the review was offered instead of the remaining steps. */
    private volatile boolean leaving;

    public ServiceFlow(ServiceItem item, Session session, Services services) {
        this(item, session, services, StepHandlers.standard());
    }

    ServiceFlow(ServiceItem item, Session session, Services services, StepHandlers handlers) {
        this.item = item;
        this.session = session;
        this.services = services;
        this.handlers = handlers;
        this.state = FlowState.of(Stage.GUIDANCE, StepType.GUIDANCE, "flow.guidance");
        this.announced.set(state);
    }

    public void addListener(Consumer<ServiceFlow> l) {
        listeners.add(l);
    }

    public ServiceItem item() {
        return item;
    }

    int stepIndex() {
        return stepIndex;
    }

    /** Whether {@code handler} runs the step the flow is at now. */
    boolean isAt(StepHandler handler) {
        return handler != null && current == handler;
    }

    public FlowState state() {
        return state;
    }

    public boolean cancelled() {
        return cancelled;
    }

    public boolean leaving() {
        return leaving;
    }

    /** The handler of the step the flow is at, if it is a {@code type}. */
    <H extends StepHandler> Optional<H> at(Class<H> type) {
        StepHandler h = current;
        return type.isInstance(h) ? Optional.of(type.cast(h)) : Optional.empty();
    }

    // ---- the engine ----------------------------------------------------------------------------

    /**
     * Begins at the first step. An item that needs the platform says so at once only when the platform is
     * known to be away; before the first contact with it has ended, the item tries.
     */
    public void start() {
        change(() -> {
            if (!item.worksOffline() && services.platform().knownDown()) {
                needsPlatform(null);
            } else {
                enter(0);
            }
        });
    }

    /** "Next" on a step that waits for the citizen to read it. */
    public void proceed() {
        change(() -> {
            if (state.stage().awaitsNext()) {
                enter(stepIndex + 1);
            }
        });
    }

    /** Tries the current step again (after paper was refilled, or the platform came back). */
    public void retry() {
        change(() -> {
            if (state.canRetry() || state.stage() == Stage.NEEDS_PLATFORM) {
                enter(Math.max(stepIndex, 0));
            }
        });
    }

    public void cardRead(IdCard card) {
        act(IdentifyHandler.class, IdentifyHandler::cardRead);
    }

    /** Whether the citizen started this service and is leaving it unfinished (no review given yet). */
    public boolean abandoned() {
        return stepIndex >= 1 && !state.stage().closing() && !leaving;
    }

    /** The citizen leaves an unfinished service: ask for the review of it now (once; skipping is fine). */
    public void askReviewBeforeLeaving() {
        change(() -> {
            leaveCurrent();
            leaving = true;
            FlowContext context = new FlowContext(this, new FlowStep(StepType.REVIEW, null, null));
            ReviewHandler review = new ReviewHandler(context);
            current = context.handledBy(review);
            review.askBeforeLeaving();
        });
    }

    /** "No thanks" on the review: the national rules make it optional, at the end as when leaving. */
    public void skipReview() {
        change(() -> {
            if (!leaving && (state.stage() == Stage.REVIEW || state.stage() == Stage.REVIEW_REASONS)) {
                leaveCurrent();
            }
            if (leaving || state.stage() == Stage.REVIEW || state.stage() == Stage.REVIEW_REASONS) {
                set(FlowState.of(Stage.DONE, StepType.REVIEW, "flow.done.noReview"));
            }
        });
    }

    public void cancel() {
        change(() -> {
            cancelled = true;
            leaveCurrent();
        });
    }

    void enter(int index) {
        if (cancelled) {
            return;
        }
        leaveCurrent();
        stepIndex = index;
        if (index >= item.flow().size()) {
            set(FlowState.of(Stage.DONE, StepType.REVIEW, "flow.done"));
            return;
        }
        FlowStep step = item.flow().get(index);
        FlowContext context = new FlowContext(this, step);
        Optional<StepHandler> handler = handlers.create(step.step(), context);
        if (handler.isEmpty()) {
            fail(step.step(), "flow.error.unsupported", step.step().yamlName(), false);
            return;
        }
        current = context.handledBy(handler.get());
        current.enter();
    }

    private void leaveCurrent() {
        StepHandler h = current;
        current = null;
        if (h != null) {
            h.leave();
        }
    }

    void needsPlatform(String detail) {
        // Offline items of the same theme first: the citizen came for that theme.
        List<ServiceItem> offline = services.catalog().current().items().stream()
                .filter(i -> i.worksOffline() && !i.code().equals(item.code()))
                .filter(i -> i.profiles().stream().anyMatch(item.profiles()::contains))
                .sorted(Comparator.comparing(
                        (ServiceItem i) -> i.categories().stream().noneMatch(item.categories()::contains)))
                .limit(OFFLINE_ALTERNATIVES)
                .toList();
        set(FlowState.of(Stage.NEEDS_PLATFORM, currentStep(), "flow.needsPlatform").withDetail(detail)
                .showing(new FlowState.Offline(offline)).retryable());
    }

    void fail(StepType step, String message, String detail, boolean canRetry) {
        FlowState failed = FlowState.of(Stage.FAILED, step, message).withDetail(detail);
        set(canRetry ? failed.retryable() : failed);
    }

    private StepType currentStep() {
        return stepIndex >= 0 && stepIndex < item.flow().size() ? item.flow().get(stepIndex).step() : StepType.GUIDANCE;
    }

    void set(FlowState next) {
        // Once the citizen is leaving, only the review matters: a late query or print answer is dropped.
        if (cancelled || (leaving && !next.stage().closing() && next.stage() != Stage.FAILED)) {
            return;
        }
        state = next;
        log.debug("session {} item {}: {} at step {}", session.id(), item.code(), next.stage(), next.step());
    }

    /** Makes a change holding the lock, then tells the listeners (never while holding it: they take other locks). */
    void change(Runnable body) {
        synchronized (this) {
            body.run();
        }
        if (Thread.holdsLock(this)) {
            return; // a change within a change: the outer one tells
        }
        FlowState now = state;
        if (announced.getAndSet(now) != now) {
            listeners.forEach(l -> l.accept(this));
        }
    }

    private <H extends StepHandler> void act(Class<H> type, Consumer<H> action) {
        change(() -> {
            if (!cancelled) {
                at(type).ifPresent(action);
            }
        });
    }

    // ---- what the citizen does at a step, passed to its handler ---------------------------------

    /** The answers given so far in this visit (personal data: for the screen, never for a log). */
    public Map<String, String> formValues() {
        return session.form();
    }

    /** The applicant as a passer-by may see them: masked name and ID number. */
    public String applicantMasked() {
        return session.identity().map(c -> c.maskedName() + "  " + c.maskedIdNumber()).orElse("");
    }

    /** The fields of the current form step, for the view to draw. */
    public List<FormField> formFields() {
        return at(FormHandler.class).map(FormHandler::fields).orElse(List.of());
    }

    /** The citizen's answers to the form: checked field by field; with any problem the form stays. */
    public void submitForm(Map<String, String> answers) {
        act(FormHandler.class, f -> f.submit(answers));
    }

    /** The citizen picked a review level: a good one is recorded, a low one asks why first. */
    public void chooseLevel(int level) {
        act(ReviewHandler.class, r -> r.choose(level));
    }

    /** The national five-level review: 5 very satisfied … 1 very dissatisfied, with reasons and a comment. */
    public void review(int level, List<String> reasons, String comment) {
        act(ReviewHandler.class, r -> r.review(level, reasons, comment));
    }

    /** Same as {@link #review(int, List, String)} without a comment. */
    public void review(int level, List<String> reasons) {
        review(level, reasons, null);
    }

    /** The running face step (for the camera screen), if the flow is at one. */
    /**
     * The first page of the certificate the print step will send, as a PNG, composed now if it is not yet (the
     * printer then gets this very document). Composed and rendered on the flow's executor, off the screen.
     */
    public java.util.concurrent.CompletableFuture<byte[]> printPreview() {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            org.tongban.kiosk.platform.QueryResult r = session.result(QueryHandler.resultKey(item),
                    org.tongban.kiosk.platform.QueryResult.class)
                    .orElseThrow(() -> new IllegalStateException("no query result to preview"));
            try {
                return org.tongban.printing.Preview.of(handover.document(() -> CertificateDocument.compose(services, item, r)))
                        .pagePng(1, PREVIEW_DPI);
            } catch (Exception e) {
                // not the message: a font lacking a rare character names it, and it may be a citizen's name
                log.warn("flow {}: no preview of the certificate: {}", item.code(), e.getClass().getSimpleName());
                throw new java.util.concurrent.CompletionException(e);
            }
        }, services.executor());
    }

    /** A4 at 72 dpi is 595 x 842 pixels: sharp at the preview's size on the panel, quick to render. */
    private static final float PREVIEW_DPI = 72;

    public Optional<FaceStep> faceStep() {
        return at(FaceHandler.class).flatMap(FaceHandler::running);
    }

    /** The pages captured so far, if the flow is at a capture step. */
    public Optional<CaptureStep> capture() {
        return at(CaptureHandler.class).flatMap(CaptureHandler::pages);
    }

    /** The verified e-license (holder and issuer as the platform gave them); show its number only {@link LicenseStep#masked}. */
    public Optional<LicenseVerification.License> license() {
        return handover.license();
    }

    /** Takes the next page (document camera, or scanner), off the screen's thread. */
    public void capturePage() {
        act(CaptureHandler.class, c -> c.take(-1));
    }

    /** Takes page {@code index} again. */
    public void retakePage(int index) {
        act(CaptureHandler.class, c -> c.take(index));
    }

    public void removePage(int index) {
        act(CaptureHandler.class, c -> c.remove(index));
    }

    /** The pages are all there: they become one PDF for the submission. */
    public void finishCapture() {
        act(CaptureHandler.class, CaptureHandler::finish);
    }

    /** An e-license code shown to the scanner (the license step's watcher calls this too). */
    void licenseCode(String text) {
        act(LicenseHandler.class, l -> l.code(text));
    }

}
