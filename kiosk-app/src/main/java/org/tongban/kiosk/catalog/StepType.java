package org.tongban.kiosk.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The fixed vocabulary that item flows are built from; the YAML name is the camel-case word. */
public enum StepType {
    GUIDANCE("guidance", true),
    IDENTIFY("identify", true),
    VERIFY_FACE("verifyFace", false),
    QUERY("query", true),
    FORM("form", true),
    CAPTURE("capture", false),
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
