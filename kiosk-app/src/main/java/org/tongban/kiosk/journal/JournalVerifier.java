package org.tongban.kiosk.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a journal's chain and names what is wrong: an entry whose content no longer matches its
 * hash (edited), a number missing from the sequence (deleted), an entry no other entry links to or
 * from (inserted), entries out of their order (reordered), and an entry that does not follow the one
 * before it (its predecessor's hash was recomputed after an edit).
 *
 * <p>What a hash chain cannot show on its own: the last entries of the newest day removed together,
 * or the whole tail rewritten with fresh hashes. Sending the newest hash away (to the platform) would.
 */
public final class JournalVerifier {

    /** The outcome: how many entries were checked, from which to which number, and the problems. */
    public record Result(int entries, long firstSeq, long lastSeq, List<JournalProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private record Located(JournalEntry entry, Path file, int line, int order) {
    }

    private final Journal format;

    public JournalVerifier(Journal journal) {
        this.format = journal;
    }

    /** Verifies the days {@code from}..{@code to} (inclusive; null for an open end). */
    public Result verify(LocalDate from, LocalDate to) throws IOException {
        List<JournalProblem> problems = new ArrayList<>();
        List<Located> all = new ArrayList<>();
        List<Path> files = Journal.files(format.dir());
        String carriedIn = null;
        for (Path f : files) {
            LocalDate day = Journal.dayOf(f);
            if (to != null && day.isAfter(to)) {
                continue;
            }
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            if (from != null && day.isBefore(from)) {
                // Days before the range only tell which hash the range must start from.
                for (String l : lines) {
                    JournalEntry e = format.parse(l);
                    if (e != null) {
                        carriedIn = e.hash();
                    }
                }
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                JournalEntry e = format.parse(lines.get(i));
                if (e == null) {
                    problems.add(new JournalProblem(JournalProblem.Kind.UNREADABLE, 0, f, i + 1,
                            "not a journal entry (edited by hand, or cut short by a power cut)"));
                } else {
                    all.add(new Located(e, f, i + 1, all.size()));
                }
            }
        }
        if (all.isEmpty()) {
            return new Result(0, 0, 0, problems);
        }

        Map<String, Located> byHash = new HashMap<>();
        Map<String, List<Located>> byPrev = new HashMap<>();
        for (Located l : all) {
            byHash.putIfAbsent(l.entry().hash(), l);
            byPrev.computeIfAbsent(l.entry().prev(), k -> new ArrayList<>()).add(l);
        }

        // Inserted: not linked into the chain either way, or a second entry claiming a number whose
        // genuine holder is the one the next entry links to.
        Set<Located> inserted = new HashSet<>();
        Map<Long, List<Located>> bySeq = new LinkedHashMap<>();
        all.forEach(l -> bySeq.computeIfAbsent(l.entry().seq(), k -> new ArrayList<>()).add(l));
        for (Located l : all) {
            boolean back = byHash.containsKey(l.entry().prev()) || l.entry().prev().equals(Journal.GENESIS)
                    || l.entry().prev().equals(carriedIn) || l == all.get(0);
            boolean forward = byPrev.containsKey(l.entry().hash()) || l == all.get(all.size() - 1);
            List<Located> same = bySeq.get(l.entry().seq());
            boolean duplicate = same.size() > 1 && !byPrev.containsKey(l.entry().hash())
                    && same.stream().anyMatch(o -> o != l && byPrev.containsKey(o.entry().hash()));
            if ((!back && !forward) || duplicate) {
                inserted.add(l);
                problems.add(new JournalProblem(JournalProblem.Kind.INSERTED, l.entry().seq(), l.file(), l.line(),
                        "entry " + l.entry().seq() + " (" + l.entry().kind() + ") is not part of the chain: inserted"));
            }
        }

        List<Located> chain = all.stream().filter(l -> !inserted.contains(l)).toList();
        long minSeq = chain.stream().mapToLong(l -> l.entry().seq()).min().orElse(0);
        long maxSeq = chain.stream().mapToLong(l -> l.entry().seq()).max().orElse(0);
        for (Located l : chain) {
            if (!format.intact(l.entry())) {
                problems.add(new JournalProblem(JournalProblem.Kind.EDITED, l.entry().seq(), l.file(), l.line(),
                        "entry " + l.entry().seq() + " (" + l.entry().kind() + ") was changed after it was written"));
            }
        }
        // Reordered: an entry found after one with a higher number.
        long highest = Long.MIN_VALUE;
        for (Located l : chain) {
            if (l.entry().seq() < highest) {
                problems.add(new JournalProblem(JournalProblem.Kind.REORDERED, l.entry().seq(), l.file(), l.line(),
                        "entry " + l.entry().seq() + " comes after entry " + highest + ": moved out of order"));
            }
            highest = Math.max(highest, l.entry().seq());
        }
        // Deleted and broken links, along the numbers.
        List<Located> bySeqOrder = chain.stream().sorted(Comparator.comparingLong(l -> l.entry().seq())).toList();
        Located before = null;
        for (Located l : bySeqOrder) {
            JournalEntry e = l.entry();
            if (before == null) {
                String expected = carriedIn != null ? carriedIn : e.seq() == 1 ? Journal.GENESIS : null;
                if (expected != null && !expected.equals(e.prev())) {
                    problems.add(new JournalProblem(JournalProblem.Kind.BROKEN_LINK, e.seq(), l.file(), l.line(),
                            "entry " + e.seq() + " does not follow the entry before it"
                                    + (carriedIn != null ? " (the last of the earlier days)" : "")));
                } else if (carriedIn == null && e.seq() > 1) {
                    problems.add(new JournalProblem(JournalProblem.Kind.DELETED, 1, null, 0,
                            "entries 1.." + (e.seq() - 1) + " are missing"));
                }
            } else if (e.seq() > before.entry().seq() + 1) {
                long a = before.entry().seq() + 1;
                long b = e.seq() - 1;
                problems.add(new JournalProblem(JournalProblem.Kind.DELETED, a, l.file(), 0,
                        (a == b ? "entry " + a + " is" : "entries " + a + ".." + b + " are") + " missing (deleted)"
                                + " before entry " + e.seq()));
            } else if (!e.prev().equals(before.entry().hash())) {
                problems.add(new JournalProblem(JournalProblem.Kind.BROKEN_LINK, e.seq(), l.file(), l.line(),
                        "entry " + e.seq() + " does not follow entry " + before.entry().seq()
                                + " (entry " + before.entry().seq() + " was rewritten with a new hash)"));
            }
            before = l;
        }
        problems.sort(Comparator.comparing((JournalProblem p) -> p.file() == null ? "" : p.file().toString())
                .thenComparingInt(JournalProblem::line));
        return new Result(all.size(), minSeq, maxSeq, problems);
    }
}
