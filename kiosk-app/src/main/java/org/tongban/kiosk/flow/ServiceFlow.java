package org.tongban.kiosk.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.DeviceException;
import org.tongban.devices.idcard.IdCard;
import org.tongban.devices.printer.DocumentPrinter;
import org.tongban.devices.printer.PrintJob;
import org.tongban.devices.printer.PrintOutcome;
import org.tongban.devices.printer.PrintProgress;
import org.tongban.kiosk.catalog.LiveCatalog;
import org.tongban.kiosk.catalog.FlowStep;
import org.tongban.kiosk.catalog.FormField;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.catalog.StepType;
import org.tongban.kiosk.outbox.Outbox;
import org.tongban.kiosk.outbox.OutboxException;
import org.tongban.kiosk.outbox.PrintJobState;
import org.tongban.kiosk.outbox.StepRecord;
import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.Attachment;
import org.tongban.kiosk.platform.LicenseVerification;
import org.tongban.kiosk.platform.Evaluation;
import org.tongban.kiosk.platform.IdType;
import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.kiosk.platform.PlatformException;
import org.tongban.kiosk.platform.QueryResult;
import org.tongban.kiosk.platform.Transaction;
import org.tongban.kiosk.session.Session;
import org.tongban.printing.Certificate;
import org.tongban.printing.CertificateComposer;

/**
 * Runs one service item's flow for one citizen, step by step as the catalog lists them. A plain
 * class: the view shows {@link #state()} and calls the action methods; slow work (a platform query,
 * printing) runs on the given executor and ends in a new state.
 *
 * <p>Every finished step that the platform must know of is written to the outbox, with the step's
 * own record, in one local transaction, before the citizen is told it is done.
 */
public final class ServiceFlow {

    public enum Stage {
        /** Showing the item's "tell once" guidance; proceed to start. */
        GUIDANCE,
        /** Waiting for the citizen to place their ID card. */
        WAIT_FOR_CARD,
        /** Querying, printing: the citizen waits. */
        WORKING,
        /** Showing the query result; proceed to print. */
        RESULT,
        /** The document came out; proceed to review. */
        PRINTED,
        /** Asking the form's fields; {@link #submitForm} with the answers. */
        FORM,
        /** Showing what will be submitted; proceed to submit. */
        CONFIRM,
        /** The application is in the outbox with its reference; proceed to review. */
        SUBMITTED,
        /** Asking for the five-level good/bad review. */
        REVIEW,
        /** A low level was chosen: asking why (reasons from a list, an optional comment). */
        REVIEW_REASONS,
        /** All done; the citizen may finish the visit. */
        DONE,
        /** The camera step: live preview and guidance from {@link #faceStep()} until the face is verified. */
        FACE,
        /** Waiting for the e-license QR code on the citizen's phone (QR scanner or camera). */
        LICENSE,
        /** Showing the verified e-license with its number masked; proceed to go on. */
        LICENSE_SHOWN,
        /** Taking paper materials page by page ({@link #capturePage}, {@link #retakePage}, {@link #finishCapture}). */
        CAPTURE,
        /** The platform is unreachable: the item cannot go on now; offline items are offered. */
        NEEDS_PLATFORM,
        /** A step failed; the message says why, and whether a retry makes sense. */
        FAILED
    }

    /** What a flow needs from the rest of the kiosk; one instance, built by the composition root. */
    public record Services(String terminalId, PlatformClient platform, BooleanSupplier platformOnline, Outbox outbox,
                           CertificateComposer composer, Supplier<Optional<DocumentPrinter>> printer, LiveCatalog catalog,
                           Clock clock, ZoneId zone, Executor executor, Duration printTimeout,
                           Runnable deliverSoon, FlowDevices devices) {

        /** Without cameras, scanner or QR scanner (the flows that need none of them). */
        public Services(String terminalId, PlatformClient platform, BooleanSupplier platformOnline, Outbox outbox,
                        CertificateComposer composer, Supplier<Optional<DocumentPrinter>> printer, LiveCatalog catalog,
                        Clock clock, ZoneId zone, Executor executor, Duration printTimeout, Runnable deliverSoon) {
            this(terminalId, platform, platformOnline, outbox, composer, printer, catalog, clock, zone, executor,
                    printTimeout, deliverSoon, FlowDevices.none());
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ServiceFlow.class);

    private final ServiceItem item;
    private final Session session;
    private final Services services;
    private final List<Consumer<ServiceFlow>> listeners = new CopyOnWriteArrayList<>();
    /** What the review is about: the print record when something was printed, else the visit itself. */
    private volatile UUID reviewTarget = UUID.randomUUID();
    private volatile int stepIndex = -1;
    private volatile FlowState state;
    private volatile boolean cancelled;
    /** The citizen is leaving before the end; the review was offered instead of the remaining steps. */
    private volatile boolean leaving;
    private volatile FaceStep faceStep;
    private volatile LicenseStep licenseStep;
    private volatile LicenseVerification.License license;
    private volatile CaptureStep capture;
    /** The captured pages as the submission's attachment, once the capture step is finished. */
    private volatile Attachment pagesPdf;

    public ServiceFlow(ServiceItem item, Session session, Services services) {
        this.item = item;
        this.session = session;
        this.services = services;
        this.state = FlowState.of(Stage.GUIDANCE, StepType.GUIDANCE, "flow.guidance");
    }

    public void addListener(Consumer<ServiceFlow> l) {
        listeners.add(l);
    }

    public ServiceItem item() {
        return item;
    }

    public FlowState state() {
        return state;
    }

    public boolean cancelled() {
        return cancelled;
    }

    // ---- actions -------------------------------------------------------------------------------

    /** Begins at the first step; an item that needs the platform says so at once when it is unreachable. */
    public void start() {
        if (!item.worksOffline() && !services.platformOnline().getAsBoolean()) {
            needsPlatform(null);
            return;
        }
        enter(0);
    }

    /** "Next" on a step that waits for the citizen: guidance, result, printed. */
    public void proceed() {
        Stage s = state.stage();
        if (s == Stage.GUIDANCE || s == Stage.RESULT || s == Stage.PRINTED || s == Stage.CONFIRM
                || s == Stage.SUBMITTED || s == Stage.LICENSE_SHOWN) {
            enter(stepIndex + 1);
        }
    }

    /** Tries the current step again (after paper was refilled, or the platform came back). */
    public void retry() {
        if (state.canRetry() || state.stage() == Stage.NEEDS_PLATFORM) {
            enter(Math.max(stepIndex, 0));
        }
    }

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
        return stepIndex >= 0 && stepIndex < item.flow().size() ? item.flow().get(stepIndex).fields() : List.of();
    }

    /**
     * The citizen's answers to the form: each field is checked by its own rules; with any problem the
     * form stays, showing what is wrong next to each field; otherwise the answers join the session.
     */
    public void submitForm(Map<String, String> answers) {
        if (cancelled || state.stage() != Stage.FORM) {
            return;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (FormField f : formFields()) {
            f.problem(answers.get(f.name())).ifPresent(p -> errors.put(f.name(), p));
        }
        if (!errors.isEmpty()) {
            set(FlowState.of(Stage.FORM, StepType.FORM, "flow.form.fix").withFieldErrors(errors));
            return;
        }
        for (FormField f : formFields()) {
            String v = answers.get(f.name());
            if (v != null && !v.isBlank()) {
                session.putForm(f.name(), v.strip());
            }
        }
        enter(stepIndex + 1);
    }

    public void cardRead(IdCard card) {
        if (state.stage() == Stage.WAIT_FOR_CARD) {
            enter(stepIndex);
        }
    }

    /**
     * The reasons a citizen can give for the two lowest levels of the national review (sent to the
     * platform as written here), as message keys {@code review.reason.N} for the screen.
     */
    public static final List<String> REVIEW_REASONS = List.of(
            "办事流程繁琐", "等待时间过长", "设备操作不便", "办事指南不清楚", "设备故障", "未能办成");

    /**
     * The citizen picked a level. The three good levels are recorded at once; the two lowest ask
     * why first ({@link Stage#REVIEW_REASONS}), then {@link #review(int, List, String)} records it.
     */
    public void chooseLevel(int level) {
        if (state.stage() != Stage.REVIEW) {
            return;
        }
        checkLevel(level);
        if (level <= 2) {
            set(FlowState.of(Stage.REVIEW_REASONS, StepType.REVIEW, "flow.review.why").withLevel(level));
        } else {
            review(level, List.of(), null);
        }
    }

    /** The national five-level review: 5 very satisfied … 1 very dissatisfied, with reasons and a comment. */
    public void review(int level, List<String> reasons, String comment) {
        if (cancelled || (state.stage() != Stage.REVIEW && state.stage() != Stage.REVIEW_REASONS)) {
            return;
        }
        checkLevel(level);
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        if (note != null && note.length() > 500) {
            note = note.substring(0, 500);
        }
        Transaction tx = Transaction.evaluation(services.terminalId(), session.id(), services.clock().instant(),
                applicant().orElse(null), new Evaluation(reviewTarget, level, List.copyOf(reasons), note));
        try {
            services.outbox().completeStep(step(StepType.REVIEW), List.of(tx));
        } catch (OutboxException e) {
            fail(StepType.REVIEW, "flow.error.storage", e.getMessage(), false);
            return;
        }
        if (leaving) {
            set(FlowState.of(Stage.DONE, StepType.REVIEW, "flow.done"));
        } else {
            enter(stepIndex + 1);
        }
    }

    /** Same as {@link #review(int, List, String)} without a comment. */
    public void review(int level, List<String> reasons) {
        review(level, reasons, null);
    }

    private static void checkLevel(int level) {
        if (level < 1 || level > 5) {
            throw new IllegalArgumentException("review level must be 1..5, not " + level);
        }
    }

    /** Whether the citizen started this service and is leaving it unfinished (no review given yet). */
    public boolean abandoned() {
        Stage s = state.stage();
        return stepIndex >= 1 && s != Stage.REVIEW && s != Stage.REVIEW_REASONS && s != Stage.DONE && !leaving;
    }

    /** The citizen leaves an unfinished service: ask for the review of it now (once; skipping is fine). */
    public void askReviewBeforeLeaving() {
        stopDeviceSteps();
        leaving = true;
        set(FlowState.of(Stage.REVIEW, StepType.REVIEW, "flow.review.abandoned"));
    }

    /** "No thanks" on a review offered when leaving. */
    public void skipReview() {
        if (leaving) {
            set(FlowState.of(Stage.DONE, StepType.REVIEW, "flow.done.noReview"));
        }
    }

    public boolean leaving() {
        return leaving;
    }

    public void cancel() {
        cancelled = true;
        stopDeviceSteps();
    }

    // ---- camera, e-license and capture steps ---------------------------------------------------

    /** The running face step (for the camera screen), if the flow is at one. */
    public Optional<FaceStep> faceStep() {
        return Optional.ofNullable(faceStep);
    }

    /** The pages captured so far, if the flow is at a capture step. */
    public Optional<CaptureStep> capture() {
        return Optional.ofNullable(capture);
    }

    /** The verified e-license (holder and issuer as the platform gave them); show its number only {@link LicenseStep#masked}. */
    public Optional<LicenseVerification.License> license() {
        return Optional.ofNullable(license);
    }

    /** Takes the next page (document camera, or scanner), off the screen's thread. */
    public void capturePage() {
        if (state.stage() == Stage.CAPTURE) {
            captureWork(() -> capture.take(-1), "flow.capture.added");
        }
    }

    /** Takes page {@code index} again. */
    public void retakePage(int index) {
        if (state.stage() == Stage.CAPTURE) {
            captureWork(() -> capture.take(index), "flow.capture.retaken");
        }
    }

    public void removePage(int index) {
        if (state.stage() == Stage.CAPTURE && capture != null) {
            capture.remove(index);
            set(FlowState.of(Stage.CAPTURE, StepType.CAPTURE, "flow.capture.removed").withPages(capture.pages()));
        }
    }

    /** The pages are all there: they become one PDF for the submission. */
    public void finishCapture() {
        if (state.stage() != Stage.CAPTURE || capture == null || capture.pages() == 0) {
            return;
        }
        CaptureStep pages = capture;
        work(StepType.CAPTURE, "flow.capture.making", () -> {
            try {
                byte[] pdf = pages.pdf();
                pagesPdf = Attachment.of(item.code() + "-materials.pdf", "application/pdf", pdf);
                java.util.Arrays.fill(pdf, (byte) 0);
                pages.wipe();
                capture = null;
                enter(stepIndex + 1);
            } catch (CaptureStep.NotTaken e) {
                set(FlowState.of(Stage.CAPTURE, StepType.CAPTURE, e.messageKey()).withDetail(e.getMessage())
                        .withPages(pages.pages()));
            }
        });
    }

    private interface PageWork {
        void run() throws CaptureStep.NotTaken;
    }

    private void captureWork(PageWork body, String done) {
        CaptureStep pages = capture;
        set(FlowState.of(Stage.WORKING, StepType.CAPTURE, "flow.capture.taking").withPages(pages.pages()));
        services.executor().execute(() -> {
            try {
                body.run();
                set(FlowState.of(Stage.CAPTURE, StepType.CAPTURE, done).withPages(pages.pages()));
            } catch (CaptureStep.NotTaken e) {
                set(FlowState.of(Stage.CAPTURE, StepType.CAPTURE, e.messageKey()).withDetail(e.getMessage())
                        .withPages(pages.pages()));
            } catch (RuntimeException e) {
                log.error("flow {}: capture failed: {}", item.code(), e.getClass().getSimpleName());
                set(FlowState.of(Stage.CAPTURE, StepType.CAPTURE, "flow.capture.failed").withPages(pages.pages()));
            }
        });
    }

    private void stopDeviceSteps() {
        FaceStep f = faceStep;
        faceStep = null;
        if (f != null) {
            f.cancel();
        }
        LicenseStep l = licenseStep;
        licenseStep = null;
        if (l != null) {
            l.stop();
        }
        CaptureStep c = capture;
        capture = null;
        if (c != null) {
            c.wipe();
        }
    }

    /**
     * Face verification: online only, with the camera facing the citizen. The camera opens here and nowhere
     * else, and closes when the step ends in any way.
     */
    private void verifyFace() {
        FlowDevices d = services.devices();
        if (!services.platformOnline().getAsBoolean()) {
            set(FlowState.of(Stage.NEEDS_PLATFORM, StepType.VERIFY_FACE, "flow.face.offline").retryable());
            return;
        }
        if (d.faceCamera().isEmpty()) {
            fail(StepType.VERIFY_FACE, "flow.face.noCamera", null, false);
            return;
        }
        Applicant applicant = applicant().orElseThrow(() -> new IllegalStateException("verifyFace before identify"));
        FaceStep step;
        try {
            step = new FaceStep(d.faceCamera().get(), d.faceGates().get(), d.verifier(), applicant,
                    services.clock(), d.faceTimeout(), this::faceDone);
        } catch (IllegalArgumentException e) {
            fail(StepType.VERIFY_FACE, "flow.face.noCamera", e.getMessage(), false);
            return;
        }
        faceStep = step;
        set(FlowState.of(Stage.FACE, StepType.VERIFY_FACE, "flow.face"));
        try {
            step.start();
        } catch (DeviceException e) {
            step.cancel();
            faceStep = null;
            fail(StepType.VERIFY_FACE, "flow.face.cameraFailed", e.getMessage(), true);
        }
    }

    private void faceDone(FaceStep.Outcome outcome) {
        faceStep = null;
        switch (outcome) {
            case MATCH -> enter(stepIndex + 1);
            case NO_MATCH -> fail(StepType.VERIFY_FACE, "flow.face.noMatch", null, true);
            case TIMED_OUT -> fail(StepType.VERIFY_FACE, "flow.face.timeout", null, true);
            case PLATFORM_DOWN -> set(FlowState.of(Stage.NEEDS_PLATFORM, StepType.VERIFY_FACE, "flow.face.offline")
                    .retryable());
            case CAMERA_FAILED -> fail(StepType.VERIFY_FACE, "flow.face.cameraFailed", null, true);
            default -> { }
        }
    }

    /** The e-license: a QR code shown on the phone, checked by the platform, shown back with the number masked. */
    private void licenseStep() {
        if (!services.platformOnline().getAsBoolean()) {
            needsPlatform(null);
            return;
        }
        FlowDevices d = services.devices();
        LicenseStep step = new LicenseStep(d.qrScanner(), d.faceCamera(), this::licenseCode);
        if (!step.hasSource()) {
            fail(StepType.LICENSE, "flow.license.noScanner", null, false);
            return;
        }
        licenseStep = step;
        set(FlowState.of(Stage.LICENSE, StepType.LICENSE, "flow.license"));
        try {
            step.start();
        } catch (DeviceException e) {
            step.stop();
            licenseStep = null;
            fail(StepType.LICENSE, "flow.license.noScanner", e.getMessage(), true);
        }
    }

    /** A code was shown: refused here if it cannot be an e-license, else checked by the platform. */
    void licenseCode(String text) {
        LicenseStep step = licenseStep;
        if (step == null || state.stage() != Stage.LICENSE) {
            return;
        }
        Optional<String> refusal = LicenseStep.refusal(text);
        if (refusal.isPresent()) {
            set(FlowState.of(Stage.LICENSE, StepType.LICENSE, refusal.get()));
            step.again();
            return;
        }
        work(StepType.LICENSE, "flow.license.checking", () -> {
            try {
                LicenseVerification v = services.platform().verifyLicense(text);
                if (!v.valid() || v.license() == null) {
                    set(FlowState.of(Stage.LICENSE, StepType.LICENSE, "flow.license.notLicense"));
                    step.again();
                    return;
                }
                step.stop();
                licenseStep = null;
                license = v.license();
                session.putForm("licenseNumber", v.license().number());
                set(FlowState.of(Stage.LICENSE_SHOWN, StepType.LICENSE, "flow.license.shown"));
            } catch (PlatformException e) {
                switch (e.kind()) {
                    case UNREACHABLE, RETRY_LATER, BAD_RESPONSE -> {
                        step.stop();
                        licenseStep = null;
                        needsPlatform(e.getMessage());
                    }
                    default -> {
                        set(FlowState.of(Stage.LICENSE, StepType.LICENSE, "flow.license.notLicense"));
                        step.again();
                    }
                }
            }
        });
    }

    private void captureStep() {
        FlowDevices d = services.devices();
        if (d.documentCamera().isEmpty() && d.scanner().isEmpty()) {
            fail(StepType.CAPTURE, "flow.capture.noDevice", null, false);
            return;
        }
        capture = new CaptureStep(d.documentCamera(), d.scanner(), d.maxPdfBytes());
        set(FlowState.of(Stage.CAPTURE, StepType.CAPTURE, "flow.capture"));
    }

    // ---- steps ---------------------------------------------------------------------------------

    private void enter(int index) {
        if (cancelled) {
            return;
        }
        stepIndex = index;
        if (index >= item.flow().size()) {
            set(FlowState.of(Stage.DONE, StepType.REVIEW, "flow.done"));
            return;
        }
        FlowStep step = item.flow().get(index);
        switch (step.step()) {
            case GUIDANCE -> set(FlowState.of(Stage.GUIDANCE, StepType.GUIDANCE, "flow.guidance"));
            case IDENTIFY -> identify();
            case QUERY -> work(StepType.QUERY, "flow.querying", this::query);
            case PRINT -> work(StepType.PRINT, "flow.printing", this::print);
            case FORM -> set(FlowState.of(Stage.FORM, StepType.FORM, "flow.form"));
            case CONFIRM -> set(FlowState.of(Stage.CONFIRM, StepType.CONFIRM, "flow.confirm"));
            case SUBMIT -> submit();
            case REVIEW -> set(FlowState.of(Stage.REVIEW, StepType.REVIEW, "flow.review"));
            case VERIFY_FACE -> verifyFace();
            case LICENSE -> licenseStep();
            case CAPTURE -> captureStep();
            default -> fail(step.step(), "flow.error.unsupported", step.step().yamlName(), false);
        }
    }

    private void identify() {
        Optional<IdCard> card = session.identity();
        if (card.isEmpty()) {
            set(FlowState.of(Stage.WAIT_FOR_CARD, StepType.IDENTIFY, "flow.placeCard"));
        } else if (card.get().expiredOn(LocalDate.now(services.clock().withZone(services.zone())))) {
            set(FlowState.of(Stage.WAIT_FOR_CARD, StepType.IDENTIFY, "flow.cardExpired"));
        } else {
            enter(stepIndex + 1);
        }
    }

    private void work(StepType step, String message, Runnable body) {
        set(FlowState.of(Stage.WORKING, step, message));
        services.executor().execute(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                log.error("flow {} step {} failed", item.code(), step, e);
                fail(step, "flow.error.unexpected", e.getClass().getSimpleName(), true);
            }
        });
    }

    private void query() {
        Applicant applicant = applicant().orElseThrow(() -> new IllegalStateException("query before identify"));
        try {
            QueryResult result = services.platform().query(item.code(), applicant, Map.of());
            session.putResult(resultKey(), result);
            set(FlowState.of(Stage.RESULT, StepType.QUERY, "flow.result").withResult(result));
        } catch (PlatformException e) {
            switch (e.kind()) {
                case UNREACHABLE, RETRY_LATER, BAD_RESPONSE -> needsPlatform(e.getMessage());
                case NOT_FOUND -> fail(StepType.QUERY, "flow.error.noRecord", e.detail(), false);
                default -> fail(StepType.QUERY, "flow.error.platform", e.getMessage(), false);
            }
        }
    }

    private void print() {
        QueryResult result = session.result(resultKey(), QueryResult.class)
                .orElseThrow(() -> new IllegalStateException("print before query"));
        DocumentPrinter printer = services.printer().get().orElse(null);
        if (printer == null) {
            fail(StepType.PRINT, "flow.error.noPrinter", null, false);
            return;
        }
        if (alreadyPrinted()) {
            set(FlowState.of(Stage.PRINTED, StepType.PRINT, "flow.printed"));
            return;
        }
        PrintJob job;
        try {
            job = services.composer().compose(certificateOf(result));
        } catch (Exception e) {
            // Not the message: a font lacking a rare character names that character, which may be a citizen's name.
            log.error("flow {}: could not compose the document: {}", item.code(), e.getClass().getSimpleName());
            fail(StepType.PRINT, "flow.error.compose", e.getMessage(), false);
            return;
        }
        PrintOutcome outcome;
        try {
            outcome = printTracked(printer, job);
        } catch (DeviceException e) {
            // a retry is the citizen asking again: it composes and records a new job
            fail(StepType.PRINT, e.reason() == DeviceException.Reason.NO_MEDIA ? "flow.error.printNoPaper"
                    : "flow.error.print", e.getMessage(), true);
            return;
        } catch (OutboxException e) {
            fail(StepType.PRINT, "flow.error.storage", e.getMessage(), false);
            return;
        }
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("title", result.title());
        what.put("verifyCode", result.verifyCode());
        what.put("pages", job.pages());
        what.put("sheets", outcome.sheets());
        Transaction tx = Transaction.printRecord(services.terminalId(), session.id(), services.clock().instant(),
                item.code(), applicant().orElse(null), what);
        try {
            services.outbox().completePrintJob(job.id(), outcome.destination(), step(StepType.PRINT), List.of(tx));
        } catch (OutboxException e) {
            // The paper is out, but the platform will not hear of it: a technician must see this.
            log.error("flow {}: printed job {} but could not record it: {}", item.code(), job.id(), e.getMessage());
            fail(StepType.PRINT, "flow.error.storage", e.getMessage(), false);
            return;
        }
        reviewTarget = tx.id();
        set(FlowState.of(Stage.PRINTED, StepType.PRINT, "flow.printed"));
    }

    /**
     * Files the application: the SUBMISSION goes into the outbox with the step's record before the
     * citizen is told; the platform's receipt number follows when the sync worker delivers it.
     */
    private void submit() {
        Applicant applicant = applicant().orElseThrow(() -> new IllegalStateException("submit before identify"));
        List<Transaction> txs = new ArrayList<>();
        // A bundle files one application per member item, each with the answers its own form asks.
        List<ServiceItem> filed = item.isBundle()
                ? item.bundle().stream().map(code -> services.catalog().current().item(code).orElseThrow()).toList()
                : List.of(item);
        Map<String, String> answers = session.form();
        for (ServiceItem target : filed) {
            Map<String, Object> form = new LinkedHashMap<>();
            for (FormField f : target.formFields()) {
                if (answers.containsKey(f.name())) {
                    form.put(f.name(), answers.get(f.name()));
                }
            }
            if (answers.containsKey("licenseNumber")) {
                form.put("licenseNumber", answers.get("licenseNumber"));
            }
            txs.add(Transaction.submission(services.terminalId(), session.id(), services.clock().instant(),
                    target.code(), applicant, form, pagesPdf == null ? List.of() : List.of(pagesPdf)));
        }
        Transaction tx = txs.get(0);
        try {
            services.outbox().completeStep(step(StepType.SUBMIT), txs);
        } catch (OutboxException e) {
            fail(StepType.SUBMIT, "flow.error.storage", e.getMessage(), false);
            return;
        }
        reviewTarget = tx.id();
        services.deliverSoon().run();
        set(FlowState.of(Stage.SUBMITTED, StepType.SUBMIT,
                        services.platformOnline().getAsBoolean() ? "flow.submitted" : "flow.submittedOffline")
                .withReference(tx.id().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT)));
    }

    // ---- print job record (QUEUED → SENT → PRINTING → DONE | FAILED, in the outbox) --------------------------

    /**
     * Prints {@code job} with its record kept in the outbox: QUEUED before, SENT just before the printer gets
     * it, PRINTING when it says so, FAILED on an error. DONE is written with the step's transaction.
     */
    private PrintOutcome printTracked(DocumentPrinter printer, PrintJob job) throws DeviceException, OutboxException {
        Outbox outbox = services.outbox();
        outbox.queuePrintJob(job.id(), session.id(), printStep(), job.title());
        outbox.movePrintJob(job.id(), PrintJobState.SENT, null, null);
        try {
            return printer.print(job, services.printTimeout(), new PrintProgress() {
                @Override
                public void sent(String destination) {
                    moveQuietly(job.id(), PrintJobState.SENT, destination);
                }

                @Override
                public void printing() {
                    moveQuietly(job.id(), PrintJobState.PRINTING, null);
                }
            });
        } catch (DeviceException e) {
            outbox.movePrintJob(job.id(), PrintJobState.FAILED, null, e.reason() + ": " + e.getMessage());
            throw e;
        }
    }

    private void moveQuietly(String jobId, PrintJobState state, String destination) {
        try {
            services.outbox().movePrintJob(jobId, state, destination, null);
        } catch (OutboxException e) {
            log.warn("flow {}: print job {} progress not recorded: {}", item.code(), jobId, e.getMessage());
        }
    }

    /** The print step of this session is already on record: printing again needs the citizen to ask anew. */
    private boolean alreadyPrinted() {
        try {
            return services.outbox().findStep(session.id(), printStep()).isPresent();
        } catch (OutboxException e) {
            return false;
        }
    }

    private String printStep() {
        return item.code() + "/" + StepType.PRINT.yamlName();
    }

    private Certificate certificateOf(QueryResult r) {
        List<Certificate.Field> fields = new ArrayList<>();
        r.fields().forEach(f -> fields.add(new Certificate.Field(f.label(), f.value())));
        Optional<Certificate.Table> table = Optional.ofNullable(r.table())
                .map(t -> new Certificate.Table(t.columns(), t.rows()));
        return new Certificate(r.title(), fields, table, r.verifyCode(), services.terminalId(),
                services.clock().instant().atZone(services.zone()), item.code());
    }

    /** The flow's own record of a finished step, stored with the step's transactions. */
    private StepRecord step(StepType type) {
        String json = "{\"item\":\"" + item.code() + "\",\"step\":\"" + type.yamlName() + "\"}";
        return new StepRecord(session.id(), item.code() + "/" + type.yamlName(), services.clock().instant(), json);
    }

    private String resultKey() {
        return "query:" + item.code();
    }

    private Optional<Applicant> applicant() {
        return session.identity().map(ServiceFlow::applicantOf);
    }

    static Applicant applicantOf(IdCard card) {
        IdType type = switch (card.cardType()) {
            case RESIDENT_ID -> IdType.RESIDENT_ID;
            case FOREIGN_PERMANENT_RESIDENT -> IdType.FOREIGN_PERMANENT_RESIDENT;
            case HMT_RESIDENCE_PERMIT -> IdType.HMT_RESIDENCE_PERMIT;
        };
        String name = card.name() != null ? card.name() : card.englishName();
        return new Applicant(type, card.idNumber(), name);
    }

    /** How many offline items are offered when the platform is away: one screen, no scrolling. */
    static final int OFFLINE_ALTERNATIVES = 6;

    private void needsPlatform(String detail) {
        // Offline items of the same theme first: the citizen came for that theme.
        List<ServiceItem> offline = services.catalog().current().items().stream()
                .filter(i -> i.worksOffline() && !i.code().equals(item.code()))
                .filter(i -> i.profiles().stream().anyMatch(item.profiles()::contains))
                .sorted(java.util.Comparator.comparing(
                        (ServiceItem i) -> i.categories().stream().noneMatch(item.categories()::contains)))
                .limit(OFFLINE_ALTERNATIVES)
                .toList();
        set(FlowState.of(Stage.NEEDS_PLATFORM, currentStep(), "flow.needsPlatform").withDetail(detail)
                .withAlternatives(offline).retryable());
    }

    private void fail(StepType step, String message, String detail, boolean canRetry) {
        FlowState failed = FlowState.of(Stage.FAILED, step, message).withDetail(detail);
        set(canRetry ? failed.retryable() : failed);
    }

    private StepType currentStep() {
        return stepIndex >= 0 && stepIndex < item.flow().size() ? item.flow().get(stepIndex).step() : StepType.GUIDANCE;
    }

    private void set(FlowState next) {
        // Once the citizen is leaving, only the review matters: a late query or print answer is dropped.
        boolean reviewing = next.stage() == Stage.REVIEW || next.stage() == Stage.REVIEW_REASONS
                || next.stage() == Stage.DONE || next.stage() == Stage.FAILED;
        if (cancelled || (leaving && !reviewing)) {
            return;
        }
        state = next;
        log.debug("session {} item {}: {} at step {}", session.id(), item.code(), next.stage(), next.step());
        listeners.forEach(l -> l.accept(this));
    }
}
