package org.tongban.kiosk.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of the contract's data, shared by the client, the simulator and the outbox so that a
 * transaction serialises to the same bytes wherever it is written: ISO-8601 dates, absent fields left out,
 * unknown fields from a newer platform ignored.
 */
public final class ContractJson {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public ObjectMapper mapper() {
        return mapper;
    }

    public byte[] writeBytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Only our own records are written; failing to serialise one is a programming error.
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public String writeTransaction(Transaction transaction) {
        return new String(writeBytes(transaction), StandardCharsets.UTF_8);
    }

    /** Reads a transaction written by {@link #writeTransaction}; the caller decides what a bad one means. */
    public Transaction readTransaction(String json) throws IOException {
        return mapper.readValue(json, Transaction.class);
    }
}
