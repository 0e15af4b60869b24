package org.tongban.kiosk.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tongban.kiosk.catalog.FormField;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.outbox.OutboxException;
import org.tongban.kiosk.outbox.PlatformReachability;
import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.Transaction;

/**
 * {@code submit}: files the application. The SUBMISSION goes into the outbox with the step's record before the
 * citizen is told; the platform's receipt number follows when the sync worker delivers it.
 */
final class SubmitHandler implements StepHandler {

    private final StepContext flow;

    SubmitHandler(StepContext flow) {
        this.flow = flow;
    }

    @Override
    public void enter() {
        ServiceFlow.Services s = flow.services();
        ServiceItem item = flow.item();
        Applicant applicant = flow.applicant().orElseThrow(() -> new IllegalStateException("submit before identify"));
        List<Transaction> txs = new ArrayList<>();
        // A bundle files one application per member item, each with the answers its own form asks.
        List<ServiceItem> filed = item.isBundle()
                ? item.bundle().stream().map(code -> s.catalog().current().item(code).orElseThrow()).toList()
                : List.of(item);
        Map<String, String> answers = flow.session().form();
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
            txs.add(Transaction.submission(s.terminalId(), flow.session().id(), s.clock().instant(),
                    target.code(), applicant, form, flow.handover().pages().map(List::of).orElse(List.of())));
        }
        Transaction tx = txs.get(0);
        try {
            s.outbox().completeStep(flow.record(), txs);
        } catch (OutboxException e) {
            flow.fail("flow.error.storage", e.getMessage(), false);
            return;
        }
        flow.handover().reviewTarget(tx.id());
        s.deliverSoon().run();
        // "submitted" only when the platform is known to answer; otherwise it is said to go later
        boolean up = s.platform().reachability() == PlatformReachability.State.ONLINE;
        flow.show(FlowState.of(Stage.SUBMITTED, flow.step().step(),
                        up ? "flow.submitted" : "flow.submittedOffline")
                .showing(new FlowState.Filed(tx.id().toString().substring(0, 8).toUpperCase(Locale.ROOT))));
    }
}
