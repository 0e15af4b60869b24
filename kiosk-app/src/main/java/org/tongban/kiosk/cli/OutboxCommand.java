package org.tongban.kiosk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.outbox.Outbox;
import org.tongban.kiosk.outbox.OutboxEntry;
import org.tongban.kiosk.outbox.OutboxException;
import org.tongban.kiosk.outbox.OutboxState;
import org.tongban.kiosk.outbox.OutboxStatus;
import org.tongban.kiosk.outbox.PayloadKey;
import org.tongban.kiosk.platform.ContractJson;
import org.tongban.kiosk.platform.Transaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./kiosk outbox ...}: what the outbox holds, for technicians and scripts. */
@Command(name = "outbox", description = "Look at and repair the outbox (transactions owed to the platform).",
        subcommands = {OutboxCommand.ListCommand.class, OutboxCommand.Status.class, OutboxCommand.Retry.class,
                OutboxCommand.Export.class})
final class OutboxCommand extends CommandGroup {

    /** The export's first line; the platform's hand-delivery desk recognises the file by it. */
    static final String EXPORT_MAGIC = "TONGBAN-OUTBOX-EXPORT 1";
    /** The label the export key is derived with from the terminal secret: HMAC-SM3(secret, label), 16 bytes. */
    static final String EXPORT_KEY_LABEL = "tongban-outbox-export-v1";

    /** Opens the outbox of the options' data folder, or answers null (after saying why) when there is none. */
    static Outbox open(TerminalOptions options, PrintWriter err) throws IOException, ConfigException,
            OutboxException {
        TerminalOptions.Storage storage = options.storage();
        if (!Files.exists(storage.outboxFile())) {
            return null;
        }
        Outbox outbox = Outbox.open(storage.outboxFile(), storage.keyFile(), Clock.systemUTC());
        outbox.notices().forEach(n -> err.println("outbox: " + n));
        return outbox;
    }

    static Map<String, Object> json(OutboxEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id().toString());
        m.put("kind", e.kind().name());
        m.put("itemCode", e.itemCode());
        m.put("sessionId", e.sessionId());
        m.put("state", e.state().name());
        m.put("attempts", e.attempts());
        m.put("receiptNo", e.receiptNo());
        m.put("createdAt", e.createdAt().toString());
        m.put("nextAttemptAt", e.state() == OutboxState.PENDING ? e.nextAttemptAt().toString() : null);
        m.put("lastError", e.lastError());
        m.put("rejectCode", e.rejectCode());
        m.put("rejectMessage", e.rejectMessage());
        m.put("deliveredAt", e.deliveredAt() == null ? null : e.deliveredAt().toString());
        m.put("purgedAt", e.purgedAt() == null ? null : e.purgedAt().toString());
        return m;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every transaction the outbox holds, oldest first (payloads left out).")
    static final class ListCommand extends Subcommand {

        @Option(names = "--json", description = "a JSON array (id, kind, state, attempts, receiptNo, createdAt, ...)")
        boolean json;

        @Mixin
        TerminalOptions options;

        @Override
        public Integer call() throws Exception {
            List<OutboxEntry> entries = new ArrayList<>();
            try (Outbox outbox = open(options, err())) {
                if (outbox != null) {
                    entries = outbox.all();
                }
            } catch (OutboxException | IOException e) {
                err().println("outbox: " + e.getMessage());
                return ExitCode.FAILED;
            }
            if (json) {
                printJson(entries.stream().map(OutboxCommand::json).toList());
                return ExitCode.OK;
            }
            out().printf("%-36s  %-12s  %-9s  %8s  %-20s  %s%n", "ID", "KIND", "STATE", "ATTEMPTS", "RECEIPT",
                    "CREATED");
            for (OutboxEntry e : entries) {
                out().printf("%-36s  %-12s  %-9s  %8d  %-20s  %s%n", e.id(), e.kind(), e.state(), e.attempts(),
                        e.receiptNo() == null ? "-" : e.receiptNo(), e.createdAt());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Depth, age of the oldest pending transaction, last error, and the data folder's health.")
    static final class Status extends Subcommand {

        @Option(names = "--json", description = "as a JSON object")
        boolean json;

        @Mixin
        TerminalOptions options;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> m = new LinkedHashMap<>();
            TerminalOptions.Storage storage;
            try {
                storage = options.storage();
            } catch (IOException | ConfigException e) {
                err().println("outbox: " + e.getMessage());
                return ExitCode.FAILED;
            }
            m.put("dataDir", storage.dataDir().toString());
            try (Outbox outbox = open(options, err())) {
                OutboxStatus s = outbox == null ? new OutboxStatus(0, 0, 0, Duration.ZERO) : outbox.status();
                m.put("depth", s.pending());
                m.put("delivered", s.delivered());
                m.put("rejected", s.rejected());
                m.put("oldestPendingAgeSeconds", s.oldestPendingAge().toSeconds());
                m.put("lastError", outbox == null ? null : lastError(outbox.all()));
            } catch (OutboxException e) {
                m.put("storageError", e.getMessage());
            }
            m.put("freeBytes", freeBytes(storage.dataDir()));
            m.put("writable", Files.isWritable(storage.dataDir()));
            m.put("movedAside", movedAside(storage.dataDir()));
            if (json) {
                printJson(m);
            } else {
                m.forEach((k, v) -> out().printf("%-24s %s%n", k + ":", v));
            }
            return m.containsKey("storageError") ? ExitCode.FAILED : ExitCode.OK;
        }

        /** The error of the most recent failed attempt among pending ones, else of the newest rejection. */
        private static String lastError(List<OutboxEntry> entries) {
            return entries.stream().filter(e -> e.state() == OutboxState.PENDING && e.lastError() != null)
                    .max(java.util.Comparator.comparing(OutboxEntry::nextAttemptAt)).map(OutboxEntry::lastError)
                    .orElseGet(() -> entries.stream().filter(e -> e.state() == OutboxState.REJECTED)
                            .reduce((a, b) -> b).map(e -> "rejected " + e.id() + ": " + e.rejectCode() + " "
                                    + e.rejectMessage()).orElse(null));
        }

        private static long freeBytes(Path dir) {
            try {
                return Files.getFileStore(Files.exists(dir) ? dir : dir.toAbsolutePath().getParent()).getUsableSpace();
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        private static List<String> movedAside(Path dir) {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(p -> p.getFileName().toString()).filter(n -> n.matches(".*\\.corrupt-\\d{8}-\\d{6}"))
                        .sorted().toList();
            } catch (IOException e) {
                return List.of();
            }
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Queue a REJECTED transaction again (after its cause was fixed); same id.")
    static final class Retry extends Subcommand {

        @Parameters(paramLabel = "ID", description = "the transaction id")
        String id;

        @Mixin
        TerminalOptions options;

        @Override
        public Integer call() throws Exception {
            UUID uuid;
            try {
                uuid = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                err().println("outbox: '" + id + "' is not a transaction id (a UUID)");
                return ExitCode.BAD_INPUT;
            }
            try (Outbox outbox = open(options, err())) {
                if (outbox == null || !outbox.retry(uuid)) {
                    err().println("outbox: no REJECTED transaction " + uuid + " (see: outbox list)");
                    return ExitCode.FAILED;
                }
                out().println("outbox: " + uuid + " queued again");
                return ExitCode.OK;
            } catch (OutboxException | IOException e) {
                err().println("outbox: " + e.getMessage());
                return ExitCode.FAILED;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write every pending transaction to FILE, encrypted (SM4-GCM, key derived from the "
                    + "terminal secret), for hand delivery when the kiosk stays offline. They stay pending: a "
                    + "later delivery of the same ids is answered DUPLICATE.")
    static final class Export extends Subcommand {

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "the export file to write")
        Path file;

        @Mixin
        TerminalOptions options;

        @Override
        public Integer call() throws Exception {
            KioskConfig k;
            byte[] secret;
            try (TerminalOptions.Base base = options.base()) {
                k = options.apply(base.config().kiosk());
                secret = TerminalOptions.secret(k);
            } catch (IOException | ConfigException e) {
                err().println("outbox: cannot export: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
            List<Transaction> pending;
            try (Outbox outbox = open(options, err())) {
                pending = outbox == null ? List.of() : outbox.pendingTransactions();
            } catch (OutboxException e) {
                err().println("outbox: " + e.getMessage());
                return ExitCode.FAILED;
            }
            PayloadKey key = PayloadKey.derive(secret, EXPORT_KEY_LABEL);
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("terminalId", k.terminal().id());
            header.put("exportedAt", Instant.now().toString());
            header.put("count", pending.size());
            header.put("cipher", "SM4-GCM");
            header.put("key", "HMAC-SM3(terminal secret, \"" + EXPORT_KEY_LABEL + "\")[0..16]");
            String headerLine = new ObjectMapper().writeValueAsString(header);
            byte[] body = new ContractJson().writeBytes(Map.of("transactions", pending));
            byte[] sealed = key.seal(body, headerLine.getBytes(StandardCharsets.UTF_8));
            String text = EXPORT_MAGIC + "\n" + headerLine + "\n" + Base64.getEncoder().encodeToString(sealed) + "\n";
            Path target = file.toAbsolutePath();
            Path temp = target.resolveSibling(target.getFileName() + ".part");
            Files.deleteIfExists(temp);
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temp);
            }
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out().printf("outbox: exported %d pending transaction(s) to %s%n", pending.size(), target);
            return ExitCode.OK;
        }
    }
}
