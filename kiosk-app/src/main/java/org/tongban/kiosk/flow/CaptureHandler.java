package org.tongban.kiosk.flow;

import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.kiosk.platform.Attachment;

/**
 * {@code capture}: paper materials page by page ({@link CaptureStep} holds them), taken off the screen's
 * thread; finished, they become one PDF the submission carries.
 */
final class CaptureHandler implements StepHandler {

    private static final Logger log = LoggerFactory.getLogger(CaptureHandler.class);

    private final StepContext flow;
    private volatile CaptureStep pages;

    CaptureHandler(StepContext flow) {
        this.flow = flow;
    }

    Optional<CaptureStep> pages() {
        return Optional.ofNullable(pages);
    }

    @Override
    public void enter() {
        FlowDevices d = flow.services().devices();
        if (d.documentCamera().isEmpty() && d.scanner().isEmpty()) {
            flow.fail("flow.capture.noDevice", null, false);
            return;
        }
        pages = new CaptureStep(d.documentCamera(), d.scanner(), d.maxPdfBytes());
        flow.show(Stage.CAPTURE, "flow.capture");
    }

    /** Takes page {@code index} again, or the next page when it is -1. */
    void take(int index) {
        CaptureStep p = pages;
        if (p == null || flow.state().stage() != Stage.CAPTURE) {
            return;
        }
        String done = index < 0 ? "flow.capture.added" : "flow.capture.retaken";
        flow.show(state("flow.capture.taking", p).withStage(Stage.WORKING));
        flow.services().executor().execute(() -> {
            try {
                p.take(index);
                flow.show(state(done, p));
            } catch (CaptureStep.NotTaken e) {
                flow.show(state(e.messageKey(), p).withDetail(e.getMessage()));
            } catch (RuntimeException e) {
                log.error("flow {}: capture failed: {}", flow.item().code(), e.getClass().getSimpleName());
                flow.show(state("flow.capture.failed", p));
            }
        });
    }

    void remove(int index) {
        CaptureStep p = pages;
        if (p != null && flow.state().stage() == Stage.CAPTURE) {
            p.remove(index);
            flow.show(state("flow.capture.removed", p));
        }
    }

    /** The pages are all there: they become one PDF for the submission. */
    void finish() {
        CaptureStep p = pages;
        if (p == null || flow.state().stage() != Stage.CAPTURE || p.pages() == 0) {
            return;
        }
        flow.work("flow.capture.making", () -> {
            try {
                byte[] pdf = p.pdf();
                flow.handover().pages(Attachment.of(flow.item().code() + "-materials.pdf", "application/pdf", pdf));
                Arrays.fill(pdf, (byte) 0);
                leave();
                flow.next();
            } catch (CaptureStep.NotTaken e) {
                flow.show(state(e.messageKey(), p).withDetail(e.getMessage()));
            }
        });
    }

    private FlowState state(String message, CaptureStep p) {
        return FlowState.of(Stage.CAPTURE, flow.step().step(), message)
                .showing(new FlowState.Pages(p.pages()));
    }

    @Override
    public void leave() {
        CaptureStep p = pages;
        pages = null;
        if (p != null) {
            p.wipe();
        }
    }
}
