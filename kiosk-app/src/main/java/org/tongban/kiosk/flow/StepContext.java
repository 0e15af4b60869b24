package org.tongban.kiosk.flow;

import java.util.Optional;
import org.tongban.kiosk.catalog.FlowStep;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.outbox.StepRecord;
import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.session.Session;

/**
 * What a step handler may use of its flow. Every call made once the flow has left the handler's step
 * (a late platform answer, a camera outcome after the citizen left) is dropped, so no step changes a
 * flow it is no longer part of.
 */
interface StepContext {

    ServiceItem item();

    /** The catalog's words for this step (its form fields, its identify methods). */
    FlowStep step();

    Session session();

    ServiceFlow.Services services();

    /** What earlier steps of this flow left for later ones. */
    Handover handover();

    FlowState state();

    /** Shows {@code stage} with {@code message} for this step. */
    void show(Stage stage, String message);

    void show(FlowState state);

    /** On to the next step. */
    void next();

    /** Shows WORKING with {@code message}, runs {@code body} off the screen's thread; an exception fails the step. */
    void work(String message, Runnable body);

    void fail(String message, String detail, boolean canRetry);

    /** The platform is away: the item cannot go on now; offline items are offered. */
    void needsPlatform(String detail);

    /** The citizen is leaving before the end: the review was offered instead of the remaining steps. */
    boolean leaving();

    /** The identified citizen as the platform knows them. */
    Optional<Applicant> applicant();

    /** The flow's own record of this step, stored with the step's transactions. */
    StepRecord record();
}
