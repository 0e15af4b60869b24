package org.tongban.kiosk.flow;

import java.util.Optional;
import org.tongban.devices.DeviceException;
import org.tongban.kiosk.platform.Applicant;

/**
 * {@code verifyFace}: online only, with the camera facing the citizen. The camera opens here and nowhere
 * else, and closes when the step ends in any way ({@link FaceStep} does the frames).
 */
final class FaceHandler implements StepHandler {

    private final StepContext flow;
    private volatile FaceStep running;

    FaceHandler(StepContext flow) {
        this.flow = flow;
    }

    /** The face step while the camera runs, for the camera screen. */
    Optional<FaceStep> running() {
        return Optional.ofNullable(running);
    }

    @Override
    public void enter() {
        FlowDevices d = flow.services().devices();
        if (flow.services().platform().knownDown()) {
            offline();
            return;
        }
        if (d.faceCamera().isEmpty()) {
            flow.fail("flow.face.noCamera", null, false);
            return;
        }
        Applicant applicant = flow.applicant().orElseThrow(() -> new IllegalStateException("verifyFace before identify"));
        FaceStep step;
        try {
            step = new FaceStep(d.faceCamera().get(), d.faceGates().get(), d.verifier(), applicant,
                    flow.services().clock(), d.faceTimeout(), this::done);
        } catch (IllegalArgumentException e) {
            flow.fail("flow.face.noCamera", e.getMessage(), false);
            return;
        }
        running = step;
        flow.show(Stage.FACE, "flow.face");
        try {
            step.start();
        } catch (DeviceException e) {
            leave();
            flow.fail("flow.face.cameraFailed", e.getMessage(), true);
        }
    }

    private void done(FaceStep.Outcome outcome) {
        running = null;
        switch (outcome) {
            case MATCH -> flow.next();
            case NO_MATCH -> flow.fail("flow.face.noMatch", null, true);
            case TIMED_OUT -> flow.fail("flow.face.timeout", null, true);
            case PLATFORM_DOWN -> offline();
            case CAMERA_FAILED -> flow.fail("flow.face.cameraFailed", null, true);
            default -> { }
        }
    }

    private void offline() {
        flow.show(FlowState.of(Stage.NEEDS_PLATFORM, flow.step().step(), "flow.face.offline").retryable());
    }

    @Override
    public void leave() {
        FaceStep f = running;
        running = null;
        if (f != null) {
            f.cancel();
        }
    }
}
