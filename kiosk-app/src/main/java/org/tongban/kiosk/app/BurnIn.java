package org.tongban.kiosk.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tongban.devices.DeviceSpec;
import org.tongban.devices.qr.SimulatedQrScanner;
import org.tongban.devices.idcard.IdCard;
import org.tongban.kiosk.catalog.FormField;
import org.tongban.kiosk.flow.FlowState;
import org.tongban.kiosk.flow.Navigator;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.flow.Stage;

/**
 * A technician's burn-in of a new terminal: complete citizen sessions run headless through the real navigator
 * and flows, with simulated devices, the outbox and the sync worker as in production. Each session places a
 * sample card, opens the item, answers what the flow asks, submits, reviews and finishes.
 */
public final class BurnIn {

    /** How one session ended; {@code detail} names the stage and message key when it did not finish. */
    public record Outcome(boolean finished, String detail) {
    }

    private static final int MAX_STEPS = 120;

    private final Terminal terminal;
    private final SampleCards cards;
    private final Duration stepTimeout;

    public BurnIn(Terminal terminal, SampleCards cards, Duration stepTimeout) {
        this.terminal = terminal;
        this.cards = cards;
        this.stepTimeout = stepTimeout;
    }

    /** The configured devices, every one on its simulator, printing into {@code outputRoot}. */
    public static List<DeviceSpec> simulated(List<DeviceSpec> devices, Path outputRoot) {
        return DemoMedia.withClips(devices.stream().map(d -> {
            Map<String, String> options = new HashMap<>(d.options());
            options.put("outputDir", outputRoot.resolve(d.name()).toString());
            return new DeviceSpec(d.name(), d.deviceClass(), "simulated", d.port(), options, d.required());
        }).toList());
    }

    /** Runs one whole session of {@code itemCode}; the session is ended (and wiped) whatever happens. */
    public Outcome session(String itemCode) throws InterruptedException {
        Navigator nav = terminal.navigator();
        IdCard card = cards.next();
        try {
            nav.cardRead(card);
            nav.openItem(itemCode);
            ServiceFlow flow = nav.flow().orElseThrow();
            for (int step = 0; step < MAX_STEPS; step++) {
                FlowState state = settled(flow);
                switch (state.stage()) {
                    case GUIDANCE, RESULT, PRINTED, CONFIRM, SUBMITTED, LICENSE_SHOWN -> flow.proceed();
                    case WAIT_FOR_CARD -> nav.cardRead(card);
                    case FACE -> Thread.sleep(100); // the face camera plays its clip; the step ends by itself
                    case LICENSE -> {
                        terminal.devices().first(SimulatedQrScanner.class).ifPresent(q -> q.show(DemoMedia.SAMPLE_LICENSE));
                        Thread.sleep(100);
                    }
                    case CAPTURE -> {
                        if (flow.capture().map(c -> c.pages()).orElse(0) == 0) {
                            flow.capturePage();
                        } else {
                            flow.finishCapture();
                        }
                    }
                    case FORM -> flow.submitForm(answers(flow.formFields()));
                    case REVIEW -> flow.review(5, List.of());
                    case DONE -> {
                        return new Outcome(true, "done");
                    }
                    default -> {
                        return new Outcome(false, state.stage() + " at " + state.step() + ": " + state.message()
                                + (state.detail() == null ? "" : " (" + state.detail() + ")"));
                    }
                }
            }
            return new Outcome(false, "no end after " + MAX_STEPS + " steps");
        } finally {
            nav.finish();
            card.wipe();
        }
    }

    /** Waits while the flow works (a query, printing) and answers the state it settles in. */
    private FlowState settled(ServiceFlow flow) throws InterruptedException {
        long deadline = System.nanoTime() + stepTimeout.toNanos();
        FlowState state = flow.state();
        while (state.stage() == Stage.WORKING && System.nanoTime() < deadline) {
            Thread.sleep(5);
            state = flow.state();
        }
        return state;
    }

    /** Valid sample answers for a form: the fields' own rules accept them. */
    private static Map<String, String> answers(List<FormField> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FormField f : fields) {
            out.put(f.name(), switch (f.type()) {
                case PHONE -> "13812345678";
                case CHOICE -> f.options().isEmpty() ? "" : f.options().get(f.options().size() > 2 ? 2 : 0).zh();
                case DATE -> "2026-01-15";
                case NUMBER -> "1";
                case TEXT -> "测试单位";
            });
        }
        return out;
    }
}
