package org.tongban.kiosk.update;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code manifest.json} of a channel: what a release holds. Parsed strictly; a manifest that breaks a rule
 * below does not parse, so nothing downstream sees a half-valid one.
 */
public record Manifest(int schema, String channel, String version, long sequence, Instant issuedAt,
                       Instant expiresAt, Rollout rollout, List<Artifact> artifacts, String notes) {

    public static final int SCHEMA = 1;
    public static final String FILE = "manifest.json";
    public static final String SIGNATURE_FILE = "manifest.json.sig";

    public Manifest {
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    }

    /** @param percent 0..100 of the terminals take the release; {@code salt} makes each release pick its own */
    public record Rollout(int percent, String salt) {
    }

    /** One file of the release, relative to the channel folder. */
    public record Artifact(String name, ArtifactKind kind, long size, String sha256) {
    }

    public Optional<Artifact> artifact(ArtifactKind kind) {
        return artifacts.stream().filter(a -> a.kind() == kind).findFirst();
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** The manifest in these bytes, checked; unknown fields are allowed (a newer operator tool may add some). */
    public static Manifest parse(byte[] json) throws UpdateRefused {
        Manifest m;
        try {
            m = mapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json, Manifest.class);
        } catch (IOException e) {
            throw new UpdateRefused(UpdateRefused.Reason.UNPARSEABLE, "manifest.json: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage()), e);
        }
        String problem = m.problem();
        if (problem != null) {
            throw new UpdateRefused(UpdateRefused.Reason.UNPARSEABLE, "manifest.json: " + problem);
        }
        return m;
    }

    public byte[] toJson() {
        try {
            return mapper().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a manifest", e);
        }
    }

    /** What is wrong with this manifest, or null. */
    String problem() {
        if (schema != SCHEMA) {
            return "schema " + schema + " is not " + SCHEMA;
        }
        if (version == null || version.isBlank()) {
            return "version is missing";
        }
        if (sequence < 1) {
            return "sequence must be a positive number";
        }
        if (issuedAt == null || expiresAt == null) {
            return "issuedAt and expiresAt are required";
        }
        if (rollout == null || rollout.percent() < 0 || rollout.percent() > 100 || rollout.salt() == null) {
            return "rollout needs percent 0..100 and a salt";
        }
        Set<ArtifactKind> kinds = new HashSet<>();
        for (Artifact a : artifacts) {
            if (a == null || a.name() == null || a.kind() == null || a.sha256() == null) {
                return "every artifact needs name, kind, size and sha256";
            }
            // a plain file name: the channel must not make a terminal write or fetch outside its folders
            if (!a.name().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,120}")) {
                return "artifact name '" + a.name() + "' must be a plain file name";
            }
            if (a.size() < 0 || !a.sha256().matches("[0-9a-f]{64}")) {
                return "artifact " + a.name() + " needs a size and a lower-case hex SHA-256";
            }
            if (!kinds.add(a.kind())) {
                return "two " + a.kind() + " artifacts";
            }
        }
        return null;
    }
}
