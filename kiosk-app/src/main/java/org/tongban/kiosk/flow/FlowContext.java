package org.tongban.kiosk.flow;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.kiosk.catalog.FlowStep;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.outbox.StepRecord;
import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.session.Session;

/** One step handler's view of its flow: whatever it does once the flow has left its step is dropped. */
final class FlowContext implements StepContext {

    private static final Logger log = LoggerFactory.getLogger(FlowContext.class);

    private final ServiceFlow flow;
    private final FlowStep step;
    private StepHandler handler;

    FlowContext(ServiceFlow flow, FlowStep step) {
        this.flow = flow;
        this.step = step;
    }

    /** Binds the context to the handler made with it; returns the handler. */
    StepHandler handledBy(StepHandler h) {
        handler = h;
        return h;
    }

    private void ifCurrent(Runnable r) {
        flow.change(() -> {
            if (flow.isAt(handler)) {
                r.run();
            }
        });
    }

    @Override
    public ServiceItem item() {
        return flow.item();
    }

    @Override
    public FlowStep step() {
        return step;
    }

    @Override
    public Session session() {
        return flow.session;
    }

    @Override
    public ServiceFlow.Services services() {
        return flow.services;
    }

    @Override
    public Handover handover() {
        return flow.handover;
    }

    @Override
    public FlowState state() {
        return flow.state();
    }

    @Override
    public void show(Stage stage, String message) {
        show(FlowState.of(stage, step.step(), message));
    }

    @Override
    public void show(FlowState next) {
        ifCurrent(() -> flow.set(next));
    }

    @Override
    public void next() {
        ifCurrent(() -> {
            if (!flow.leaving()) {
                flow.enter(flow.stepIndex() + 1);
            }
        });
    }

    @Override
    public void work(String message, Runnable body) {
        show(Stage.WORKING, message);
        if (!flow.isAt(handler)) {
            return; // the flow left the step: nothing to do for it
        }
        flow.services.executor().execute(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                log.error("flow {} step {} failed", flow.item().code(), step.step(), e);
                fail("flow.error.unexpected", e.getClass().getSimpleName(), true);
            }
        });
    }

    @Override
    public void fail(String message, String detail, boolean canRetry) {
        ifCurrent(() -> flow.fail(step.step(), message, detail, canRetry));
    }

    @Override
    public void needsPlatform(String detail) {
        ifCurrent(() -> flow.needsPlatform(detail));
    }

    @Override
    public boolean leaving() {
        return flow.leaving();
    }

    @Override
    public Optional<Applicant> applicant() {
        return flow.session.identity().map(IdentifyHandler::applicantOf);
    }

    @Override
    public StepRecord record() {
        String name = flow.item().code() + "/" + step.step().yamlName();
        String json = "{\"item\":\"" + flow.item().code() + "\",\"step\":\"" + step.step().yamlName() + "\"}";
        return new StepRecord(flow.session.id(), name, flow.services.clock().instant(), json);
    }
}
