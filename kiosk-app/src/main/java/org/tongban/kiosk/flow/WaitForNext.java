package org.tongban.kiosk.flow;

/** A step that shows its page and waits for "next": the guidance ("tell once"), the confirmation before filing. */
final class WaitForNext implements StepHandler {

    private final StepContext flow;
    private final Stage stage;
    private final String message;

    WaitForNext(StepContext flow, Stage stage, String message) {
        this.flow = flow;
        this.stage = stage;
        this.message = message;
    }

    @Override
    public void enter() {
        flow.show(stage, message);
    }
}
