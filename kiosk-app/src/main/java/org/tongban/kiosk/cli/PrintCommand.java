package org.tongban.kiosk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.tongban.devices.DeviceException;
import org.tongban.devices.printer.PrintJob;
import org.tongban.devices.printer.PrintOutcome;
import org.tongban.devices.printer.Receipt;
import org.tongban.devices.printer.cups.CupsDocumentPrinter;
import org.tongban.devices.printer.escpos.EscPosEncoder;
import org.tongban.devices.printer.escpos.EscPosReceiptPrinter;
import org.tongban.kiosk.app.Terminal;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.config.KioskConfig;
import org.tongban.kiosk.platform.ContractJson;
import org.tongban.kiosk.platform.QueryResult;
import org.tongban.printing.Certificate;
import org.tongban.printing.CertificateComposer;
import org.tongban.printing.CjkFontUnavailableException;
import org.tongban.printing.CjkFonts;
import org.tongban.printing.Layout;
import org.tongban.printing.Preview;
import org.tongban.printing.QrCodeScan;
import org.tongban.printing.ReceiptTemplate;
import org.tongban.printing.TerminalSeal;
import org.tongban.printing.VerifyQr;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./kiosk print ...}: documents from the command line, for technicians and scripts.
 * Exit codes: 0 done, 1 the printer failed or the seal is not valid, 2 bad input.
 */
@Command(name = "print", description = "Render, print and verify documents (certificate, receipt, ticket).",
        subcommands = {PrintCommand.Render.class, PrintCommand.Send.class, PrintCommand.Verify.class})
final class PrintCommand extends CommandGroup {

    /** Where the terminal's identity and seal come from. */
    static final class TerminalOptions {
        @Option(names = "--config", paramLabel = "DIR", description = "configuration folder for the terminal id and "
                + "data folder (default: the installation's config/)")
        Path config = Installation.defaultConfig();

        @Option(names = "--terminal", paramLabel = "ID", description = "issuing terminal (default: from the configuration)")
        String terminal;

        @Option(names = "--key", paramLabel = "FILE", description = "the terminal's SM2 seal key (default: "
                + "DATA_DIR/" + Terminal.SEAL_FILE + "; created on first use, mode 600)")
        Path key;

        private Optional<KioskConfig> kiosk() {
            try {
                return Optional.of(new ConfigLoader(Terminal.drivers()).load(config).kiosk());
            } catch (ConfigException | RuntimeException e) {
                return Optional.empty();
            }
        }

        String terminalId() {
            return terminal != null ? terminal : kiosk().map(k -> k.terminal().id()).orElse("UNCONFIGURED");
        }

        Path keyFile() {
            return key != null ? key : Path.of(kiosk().map(KioskConfig::dataDir).orElse("data")).resolve(Terminal.SEAL_FILE);
        }
    }

    /** The document and its data, shared by render and send. */
    static final class DocumentOptions {
        @Option(names = "--template", required = true, paramLabel = "NAME",
                description = "certificate (data: the platform's QueryResult), receipt, ticket, or a .tpl file")
        String template;

        @Option(names = "--data", required = true, paramLabel = "FILE.json", description = "the document's data")
        Path data;

        @Mixin
        TerminalOptions terminal = new TerminalOptions();

        boolean certificate() {
            return "certificate".equals(template);
        }

        PrintJob composeCertificate() throws IOException, BadInput {
            QueryResult result;
            try {
                result = new ContractJson().mapper().readValue(data.toFile(), QueryResult.class);
            } catch (JsonProcessingException e) {
                throw new BadInput(data + ": not a QueryResult: " + e.getOriginalMessage());
            }
            try {
                Certificate certificate = certificateOf(result, terminal.terminalId());
                TerminalSeal seal = TerminalSeal.loadOrCreate(terminal.keyFile(), new SecureRandom());
                return new CertificateComposer(CjkFonts.debianDefaults(), Layout.defaults(), seal).compose(certificate);
            } catch (CjkFontUnavailableException e) {
                throw new BadInput(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new BadInput(data + ": " + e.getMessage());
            }
        }

        Receipt fillReceipt() throws IOException, BadInput {
            Map<String, Object> fields;
            try {
                fields = new ContractJson().mapper().readValue(data.toFile(), new TypeReference<Map<String, Object>>() {
                });
            } catch (JsonProcessingException e) {
                throw new BadInput(data + ": not a JSON object: " + e.getOriginalMessage());
            }
            try {
                ReceiptTemplate t = template.endsWith(".tpl") ? ReceiptTemplate.read(Path.of(template))
                        : ReceiptTemplate.builtIn(template);
                return t.fill(UUID.randomUUID().toString(), fields);
            } catch (ReceiptTemplate.TemplateException | IllegalArgumentException e) {
                throw new BadInput(e.getMessage());
            }
        }
    }

    /** The platform's answer as the printed certificate: issued now, here. */
    static Certificate certificateOf(QueryResult r, String terminalId) {
        List<Certificate.Field> fields = new ArrayList<>();
        r.fields().forEach(f -> fields.add(new Certificate.Field(f.label(), f.value())));
        Optional<Certificate.Table> table = Optional.ofNullable(r.table()).filter(t -> !t.columns().isEmpty())
                .map(t -> new Certificate.Table(t.columns(), t.rows()));
        if (r.itemCode() == null) {
            throw new IllegalArgumentException("itemCode is missing");
        }
        return new Certificate(r.title(), fields, table, r.verifyCode(), terminalId, ZonedDateTime.now(ZoneId.systemDefault()),
                r.itemCode());
    }

    /** Input that cannot be printed: the message says what is wrong. */
    static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }

    @Command(name = "render", mixinStandardHelpOptions = true,
            description = "Write a certificate as PDF (and PNG previews), or a receipt/ticket as ESC/POS bytes.")
    static final class Render extends Subcommand {

        @Mixin
        DocumentOptions document = new DocumentOptions();

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the PDF (certificate) or the "
                + "ESC/POS bytes (receipt, ticket)")
        Path out;

        @Option(names = "--png", paramLabel = "DIR", description = "also a PNG preview of every page (certificate)")
        Path png;

        @Override
        public Integer call() {
            try {
                if (document.certificate()) {
                    PrintJob job = document.composeCertificate();
                    writeAtomically(out, job.pdf());
                    if (png != null) {
                        Files.createDirectories(png);
                        Preview preview = Preview.of(job);
                        for (int page = 1; page <= job.pages(); page++) {
                            writeAtomically(png.resolve("page-" + page + ".png"), preview.pagePng(page, 96));
                        }
                    }
                    out().printf("%s: %d page(s), %d bytes%n", out, job.pages(), job.pdf().length);
                } else {
                    if (png != null) {
                        throw new BadInput("--png previews are for certificates; receipts render as ESC/POS bytes");
                    }
                    EscPosEncoder.Encoded encoded = new EscPosEncoder().encode(document.fillReceipt());
                    writeAtomically(out, encoded.bytes());
                    out().printf("%s: %d bytes of ESC/POS%s%n", out, encoded.bytes().length,
                            encoded.substituted() == 0 ? ""
                                    : ", " + encoded.substituted() + " character(s) the printer font lacks printed as ?");
                }
                return ExitCode.OK;
            } catch (BadInput e) {
                err().println("cannot render: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            } catch (IOException e) {
                err().println("cannot render: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "Print a document; exit 0 only when the printer reported it done.")
    static final class Send extends Subcommand {

        @Mixin
        DocumentOptions document = new DocumentOptions();

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        static final class Target {
            @Option(names = "--printer", paramLabel = "QUEUE", description = "the CUPS queue of the A4 printer")
            String queue;

            @Option(names = "--receipt-port", paramLabel = "PATH", description = "the receipt printer's serial port")
            String receiptPort;
        }

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "how long to wait for the printer (default 120)")
        long timeoutSeconds = 120;

        @Override
        public Integer call() {
            PrintWriter out = out();
            Duration timeout = Duration.ofSeconds(timeoutSeconds);
            try {
                PrintOutcome outcome;
                if (document.certificate()) {
                    if (target.queue == null) {
                        throw new BadInput("a certificate goes to an A4 printer: use --printer QUEUE");
                    }
                    PrintJob job = document.composeCertificate();
                    try (CupsDocumentPrinter printer = new CupsDocumentPrinter("a4-printer", target.queue,
                            URI.create("http://localhost:631"), Duration.ofMillis(250))) {
                        printer.openClaimEnable(Duration.ofSeconds(5));
                        outcome = printer.print(job, timeout);
                    }
                } else {
                    if (target.receiptPort == null) {
                        throw new BadInput("a " + document.template + " goes to the receipt printer: use --receipt-port PATH");
                    }
                    Receipt receipt = document.fillReceipt();
                    try (EscPosReceiptPrinter printer = new EscPosReceiptPrinter("receipt-printer", target.receiptPort,
                            9600)) {
                        printer.openClaimEnable(Duration.ofSeconds(5));
                        outcome = printer.print(receipt, timeout);
                    }
                }
                out.printf("printed: %d sheet(s), %s%n", outcome.sheets(), outcome.destination());
                return ExitCode.OK;
            } catch (BadInput e) {
                err().println("cannot print: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            } catch (IOException e) {
                err().println("cannot print: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            } catch (DeviceException e) {
                err().println("printing failed: " + e.getMessage());
                err().println(switch (e.reason()) {
                    case NO_MEDIA -> "what to do: load paper (or close the cover), then send again";
                    case OFFLINE -> "what to do: check the printer's power and cable, and that the queue or port exists";
                    case TIMEOUT -> "what to do: the printer did not finish in time; check it before sending again";
                    default -> "what to do: call a technician; the printer reports a fault";
                });
                return ExitCode.FAILED;
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the QR code of a printed certificate offline against the terminal's public key.")
    static final class Verify extends Subcommand {

        @Parameters(arity = "0..1", paramLabel = "QR_TEXT", description = "the text the code holds (as a scanner reads it)")
        String text;

        @Option(names = "--pdf", paramLabel = "FILE", description = "read the code from a PDF instead")
        Path pdf;

        @Option(names = "--image", paramLabel = "FILE", description = "read the code from a scan or photo instead")
        Path image;

        @Option(names = "--public-key", paramLabel = "FILE", description = "the issuing terminal's public key "
                + "(default: the local terminal's, KEY.pub)")
        Path publicKey;

        @Mixin
        TerminalOptions terminal = new TerminalOptions();

        @Override
        public Integer call() {
            PrintWriter out = out();
            try {
                VerifyQr qr = VerifyQr.parse(qrText());
                Path keyFile = publicKey != null ? publicKey : TerminalSeal.publicKeyFile(terminal.keyFile());
                if (!Files.isReadable(keyFile)) {
                    throw new BadInput("no public key at " + keyFile + "; pass the issuing terminal's with --public-key");
                }
                boolean valid = qr.verifiedBy(TerminalSeal.SealVerifier.read(keyFile));
                out.printf("%s%n  verify code: %s%n  document:    %s%n  item:        %s%n  terminal:    %s%n"
                                + "  issued at:   %s%n  content:     SM3 %s%n",
                        valid ? "VALID: sealed by the terminal's key" : "NOT VALID: the seal does not match these fields",
                        qr.verifyCode(), qr.title(), qr.itemCode(), qr.terminalId(), qr.issuedAt(), qr.contentDigest());
                return valid ? ExitCode.OK : ExitCode.FAILED;
            } catch (BadInput | IllegalArgumentException e) {
                err().println("cannot verify: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            } catch (IOException e) {
                err().println("cannot verify: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
        }

        private String qrText() throws IOException, BadInput {
            if (text != null) {
                return text;
            }
            QrCodeScan scan = new QrCodeScan();
            Optional<String> found;
            if (pdf != null) {
                found = scan.readPdf(Files.readAllBytes(pdf));
            } else if (image != null) {
                var picture = ImageIO.read(image.toFile());
                if (picture == null) {
                    throw new BadInput(image + " is not an image");
                }
                found = scan.read(picture);
            } else {
                throw new BadInput("give the QR text, --pdf FILE or --image FILE");
            }
            return found.orElseThrow(() -> new BadInput("no QR code found in " + (pdf != null ? pdf : image)));
        }
    }

    /** Written beside and moved into place, so a failure never leaves half a file. */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".tongban-", ".part");
        try {
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
