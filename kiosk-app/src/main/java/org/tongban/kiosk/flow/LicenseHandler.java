package org.tongban.kiosk.flow;

import java.util.Optional;
import org.tongban.devices.DeviceException;
import org.tongban.kiosk.platform.LicenseVerification;
import org.tongban.kiosk.platform.PlatformException;

/**
 * {@code license}: an e-license shown as a QR code on the phone ({@link LicenseStep} watches the scanner or
 * camera), checked by the platform, shown back with the number masked.
 */
final class LicenseHandler implements StepHandler {

    private final StepContext flow;
    private volatile LicenseStep watching;

    LicenseHandler(StepContext flow) {
        this.flow = flow;
    }

    @Override
    public void enter() {
        if (flow.services().platform().knownDown()) {
            flow.needsPlatform(null);
            return;
        }
        FlowDevices d = flow.services().devices();
        LicenseStep step = new LicenseStep(d.qrScanner(), d.faceCamera(), this::code);
        if (!step.hasSource()) {
            flow.fail("flow.license.noScanner", null, false);
            return;
        }
        watching = step;
        flow.show(Stage.LICENSE, "flow.license");
        try {
            step.start();
        } catch (DeviceException e) {
            leave();
            flow.fail("flow.license.noScanner", e.getMessage(), true);
        }
    }

    /** A code was shown: refused here if it cannot be an e-license, else checked by the platform. */
    void code(String text) {
        LicenseStep step = watching;
        if (step == null || flow.state().stage() != Stage.LICENSE) {
            return;
        }
        Optional<String> refusal = LicenseStep.refusal(text);
        if (refusal.isPresent()) {
            flow.show(Stage.LICENSE, refusal.get());
            step.again();
            return;
        }
        flow.work("flow.license.checking", () -> check(step, text));
    }

    private void check(LicenseStep step, String text) {
        try {
            LicenseVerification v = flow.services().platform().verifyLicense(text);
            if (!v.valid() || v.license() == null) {
                flow.show(Stage.LICENSE, "flow.license.notLicense");
                step.again();
                return;
            }
            leave();
            flow.handover().license(v.license());
            flow.session().putForm("licenseNumber", v.license().number());
            flow.show(Stage.LICENSE_SHOWN, "flow.license.shown");
        } catch (PlatformException e) {
            switch (e.kind()) {
                case UNREACHABLE, RETRY_LATER, BAD_RESPONSE -> {
                    leave();
                    flow.needsPlatform(e.getMessage());
                }
                default -> {
                    flow.show(Stage.LICENSE, "flow.license.notLicense");
                    step.again();
                }
            }
        }
    }

    @Override
    public void leave() {
        LicenseStep l = watching;
        watching = null;
        if (l != null) {
            l.stop();
        }
    }
}
