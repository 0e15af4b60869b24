package org.tongban.kiosk.flow;

/**
 * Runs one kind of step (as an XFS4IoT service has one handler per command): one instance per time the
 * flow arrives at the step, made by {@link StepHandlers} with the step's {@link StepContext}. What the
 * citizen does at the step reaches the handler through {@link ServiceFlow#at(Class)}.
 */
interface StepHandler {

    /** The flow arrives at the step: show its first state, start its work, or go on at once. */
    void enter();

    /** The flow leaves the step in any way (on, back, cancelled, the citizen left): stop devices, wipe. */
    default void leave() {
    }
}
