package org.tongban.kiosk.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.tongban.kiosk.platform.ContractJson;
import org.tongban.kiosk.platform.Transaction;

/**
 * A transaction as the outbox stores it: the contract's JSON, sealed with the payload key and the transaction id
 * as associated data (a payload moved to another row does not open).
 */
final class SealedPayloads {

    private final PayloadKey key;
    private final ContractJson json = new ContractJson();

    SealedPayloads(PayloadKey key) {
        this.key = key;
    }

    String keyId() {
        return key.id();
    }

    /** The transaction's JSON, refused when it could never fit a batch. */
    String clearText(Transaction transaction) throws OutboxException {
        String payload = json.writeTransaction(transaction);
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > Outbox.MAX_PAYLOAD_BYTES) {
            throw new OutboxException("transaction " + transaction.id() + " is " + bytes + " bytes; the platform "
                    + "takes at most " + Outbox.MAX_PAYLOAD_BYTES + " per batch");
        }
        return payload;
    }

    byte[] seal(String id, byte[] clear) {
        return key.seal(clear, id.getBytes(StandardCharsets.UTF_8));
    }

    byte[] seal(String id, String clear) {
        return seal(id, clear.getBytes(StandardCharsets.UTF_8));
    }

    /** The transaction in a stored payload, or null when it cannot be read (altered, wrong key, purged). */
    Transaction open(String id, Object payload) {
        if (!(payload instanceof byte[] sealed)) {
            return null;
        }
        try {
            return json.readTransaction(new String(key.open(sealed, id.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8));
        } catch (IOException | OutboxException e) {
            return null;
        }
    }
}
