package org.tongban.kiosk.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./kiosk journal ...}: check and hand over the terminal's electronic journal. */
@Command(name = "journal", description = "Verify or export the electronic journal (hash-chained, one file per day).",
        subcommands = {JournalCommand.Verify.class, JournalCommand.Export.class})
final class JournalCommand extends CommandGroup {

    static Journal open(TerminalOptions options) throws IOException, ConfigException {
        Path dir = options.storage().dataDir().resolve(Journal.DIR);
        return Journal.open(dir, Clock.systemUTC(), ZoneId.systemDefault());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the chain; name every edited, deleted, inserted or reordered entry. Exit 1 on any.")
    static final class Verify extends Subcommand {

        @Option(names = "--from", paramLabel = "DATE", description = "first day (YYYY-MM-DD); default: the first")
        LocalDate from;

        @Option(names = "--to", paramLabel = "DATE", description = "last day (YYYY-MM-DD); default: the last")
        LocalDate to;

        @Mixin
        TerminalOptions options;

        @Override
        public Integer call() {
            try (Journal journal = open(options)) {
                JournalVerifier.Result r = new JournalVerifier(journal).verify(from, to);
                if (r.entries() == 0 && r.ok()) {
                    out().println("journal: no entries" + range(from, to) + " in " + journal.dir());
                    return ExitCode.OK;
                }
                r.problems().forEach(err()::println);
                if (!r.ok()) {
                    err().println("journal: " + r.problems().size() + " problem(s) in " + r.entries() + " entries"
                            + range(from, to));
                    return ExitCode.FAILED;
                }
                out().printf("journal OK: %d entries (%d..%d)%s, chain intact%n", r.entries(), r.firstSeq(),
                        r.lastSeq(), range(from, to));
                return ExitCode.OK;
            } catch (IOException | ConfigException e) {
                err().println("journal: " + e.getMessage());
                return ExitCode.FAILED;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the days' entries, as they are on disk, to one file (checked first; "
                    + "problems are listed but the export is still written, for the investigation).")
    static final class Export extends Subcommand {

        @Option(names = "--from", required = true, paramLabel = "DATE")
        LocalDate from;

        @Option(names = "--to", required = true, paramLabel = "DATE")
        LocalDate to;

        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path outFile;

        @Mixin
        TerminalOptions options;

        @Override
        public Integer call() {
            if (to.isBefore(from)) {
                err().println("journal: --to " + to + " is before --from " + from);
                return ExitCode.BAD_INPUT;
            }
            try (Journal journal = open(options)) {
                List<String> lines = new ArrayList<>();
                int days = 0;
                for (Path f : Journal.files(journal.dir())) {
                    LocalDate day = Journal.dayOf(f);
                    if (!day.isBefore(from) && !day.isAfter(to)) {
                        lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
                        days++;
                    }
                }
                JournalVerifier.Result r = new JournalVerifier(journal).verify(from, to);
                r.problems().forEach(err()::println);
                writeAtomically(outFile, String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"));
                out().printf("journal: %d line(s) of %d day(s) written to %s%s%n", lines.size(), days, outFile,
                        r.ok() ? "" : " (with " + r.problems().size() + " problem(s), see above)");
                return r.ok() ? ExitCode.OK : ExitCode.FAILED;
            } catch (IOException | ConfigException e) {
                err().println("journal: " + e.getMessage());
                return ExitCode.FAILED;
            }
        }
    }

    private static String range(LocalDate from, LocalDate to) {
        if (from == null && to == null) {
            return "";
        }
        return " from " + (from == null ? "the start" : from) + " to " + (to == null ? "the end" : to);
    }

    /** Temporary file, fsync, rename: the export is whole or absent, never half-written. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
