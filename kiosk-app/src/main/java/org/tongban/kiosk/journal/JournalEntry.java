package org.tongban.kiosk.journal;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of the journal.
 *
 * @param seq  the entry's number, 1 for the first entry the terminal ever wrote, never reused
 * @param prev the previous entry's {@code hash} (64 zeros for the first entry)
 * @param hash lower-case hex SM3 over the entry's canonical content, which includes {@code prev}
 */
public record JournalEntry(long seq, Instant at, JournalKind kind, Map<String, String> details, String prev,
                           String hash) {

    public JournalEntry {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }
}
