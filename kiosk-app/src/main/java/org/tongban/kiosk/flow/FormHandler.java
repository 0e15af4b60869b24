package org.tongban.kiosk.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tongban.kiosk.catalog.FormField;

/** {@code form}: the catalog's fields, each checked by its own rules; the answers join the session. */
final class FormHandler implements StepHandler {

    private final StepContext flow;

    FormHandler(StepContext flow) {
        this.flow = flow;
    }

    @Override
    public void enter() {
        flow.show(Stage.FORM, "flow.form");
    }

    List<FormField> fields() {
        return flow.step().fields();
    }

    /** With any problem the form stays, showing what is wrong next to each field; otherwise on to the next step. */
    void submit(Map<String, String> answers) {
        if (flow.state().stage() != Stage.FORM) {
            return;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (FormField f : fields()) {
            f.problem(answers.get(f.name())).ifPresent(p -> errors.put(f.name(), p));
        }
        if (!errors.isEmpty()) {
            flow.show(FlowState.of(Stage.FORM, flow.step().step(), "flow.form.fix")
                    .showing(new FlowState.FormErrors(errors)));
            return;
        }
        for (FormField f : fields()) {
            String v = answers.get(f.name());
            if (v != null && !v.isBlank()) {
                flow.session().putForm(f.name(), v.strip());
            }
        }
        flow.next();
    }
}
