package org.tongban.kiosk.flow;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.tongban.kiosk.catalog.StepType;

/** The one place where each step type of the catalog gets its handler. */
final class StepHandlers {

    private final Map<StepType, Function<StepContext, StepHandler>> handlers;

    private StepHandlers(Map<StepType, Function<StepContext, StepHandler>> handlers) {
        this.handlers = Collections.unmodifiableMap(new EnumMap<>(handlers));
    }

    /** Every step this version of the flow engine runs ({@link StepType#supported()}). */
    static StepHandlers standard() {
        Map<StepType, Function<StepContext, StepHandler>> h = new EnumMap<>(StepType.class);
        h.put(StepType.GUIDANCE, f -> new WaitForNext(f, Stage.GUIDANCE, "flow.guidance"));
        h.put(StepType.IDENTIFY, IdentifyHandler::new);
        h.put(StepType.VERIFY_FACE, FaceHandler::new);
        h.put(StepType.LICENSE, LicenseHandler::new);
        h.put(StepType.QUERY, QueryHandler::new);
        h.put(StepType.FORM, FormHandler::new);
        h.put(StepType.CAPTURE, CaptureHandler::new);
        h.put(StepType.CONFIRM, f -> new WaitForNext(f, Stage.CONFIRM, "flow.confirm"));
        h.put(StepType.SUBMIT, SubmitHandler::new);
        h.put(StepType.PRINT, PrintHandler::new);
        h.put(StepType.REVIEW, ReviewHandler::new);
        return new StepHandlers(h);
    }

    /** A new handler for a step of {@code type}, or empty when this engine cannot run it. */
    Optional<StepHandler> create(StepType type, StepContext context) {
        return Optional.ofNullable(handlers.get(type)).map(f -> f.apply(context));
    }

    boolean handles(StepType type) {
        return handlers.containsKey(type);
    }
}
