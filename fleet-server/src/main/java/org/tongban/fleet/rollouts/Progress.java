package org.tongban.fleet.rollouts;

import com.fasterxml.jackson.databind.JsonNode;

/** How far one terminal got with a rollout's release, from the server's offer and the terminal's update reports. */
public enum Progress {
    WAITING, OFFERED, DOWNLOADING, INSTALLED, HEALTHY, REFUSED, ROLLED_BACK;

    /** Refused or rolled back: counts against the wave's threshold, and stays so. */
    public boolean failed() {
        return this == REFUSED || this == ROLLED_BACK;
    }

    /** Nothing more to wait for from this terminal. */
    public boolean finished() {
        return this == HEALTHY || failed();
    }

    /**
     * What the heartbeat's {@code update} report says about the release {@code sequence}/{@code version}, given
     * where the terminal stood; a failure is kept (a terminal does not take a refused or rolled-back release again).
     */
    public Progress after(JsonNode update, long sequence, String version) {
        if (failed() || update == null || !update.isObject()) {
            return this;
        }
        JsonNode rollback = update.path("lastRollback");
        if (rollback.isObject() && (version.equals(rollback.path("release").asText()) || Long.toString(sequence).equals(rollback.path("sequence").asText()))) {
            return ROLLED_BACK;
        }
        JsonNode refusal = update.path("lastRefusal");
        if (refusal.isObject() && ("sequence " + sequence).equals(refusal.path("release").asText())) {
            return REFUSED;
        }
        long installed = update.path("installedSequence").asLong(-1);
        if (installed >= sequence) {
            return update.path("appOnTrial").asBoolean(false) ? INSTALLED : HEALTHY;
        }
        if (update.path("downloading").path("sequence").asLong(-1) == sequence && ordinal() < DOWNLOADING.ordinal()) {
            return DOWNLOADING;
        }
        return this;
    }
}
