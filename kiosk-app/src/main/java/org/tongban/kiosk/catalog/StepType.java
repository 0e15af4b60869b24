package org.tongban.kiosk.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The fixed vocabulary that item flows are built from; the YAML name is the camel-case word. */
public enum StepType {
    GUIDANCE("guidance", true),
    IDENTIFY("identify", true),
    /** Face verification against the ID holder's registry photo (camera, liveness, the platform; online only). */
    VERIFY_FACE("verifyFace", true),
    /** An e-license shown as a QR code on the citizen's phone, verified by the platform (online only). */
    LICENSE("license", true),
    QUERY("query", true),
    FORM("form", true),
    /** Paper materials under the document camera or in the scanner, sent with the submission as one PDF. */
    CAPTURE("capture", true),
    CONFIRM("confirm", true),
    SUBMIT("submit", true),
    PRINT("print", true),
    HANDOFF("handoff", false),
    REVIEW("review", true);

    private final String yamlName;
    private final boolean supported;

    StepType(String yamlName, boolean supported) {
        this.yamlName = yamlName;
        this.supported = supported;
    }

    @JsonValue
    public String yamlName() {
        return yamlName;
    }

    /** Whether this version of the flow engine can run the step; the configuration check refuses the rest. */
    public boolean supported() {
        return supported;
    }

    @JsonCreator
    public static StepType of(String name) {
        return Arrays.stream(values()).filter(s -> s.yamlName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown step '" + name + "'; steps are "
                        + Arrays.stream(values()).map(StepType::yamlName).toList()));
    }
}
