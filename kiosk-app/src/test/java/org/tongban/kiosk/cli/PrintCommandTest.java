package org.tongban.kiosk.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.devices.printer.escpos.EscPosEmulator;
import org.tongban.printing.QrCodeScan;
import org.tongban.printing.VerifyQr;
import picocli.CommandLine;

/** {@code ./kiosk print render|send|verify} as a technician runs them. */
class PrintCommandTest {

    private static final String QUERY_RESULT = """
            {"itemCode": "SI-CERT-CONTRIB", "title": "社会保险个人参保证明", "generatedAt": "2024-05-06T01:30:00Z",
             "fields": [{"label": "姓名", "value": "欧阳明远"}, {"label": "公民身份号码", "value": "110105198803120417"}],
             "table": {"columns": ["年月", "险种", "金额"], "rows": [["2024-01", "养老", "800.00"], ["2024-02", "养老", "800.00"]]},
             "verifyCode": "Q8WZ-3HNC-PL5E"}
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = KioskCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private String[] withKey(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--key";
        all[args.length + 1] = dir.resolve("seal.key").toString();
        all[args.length + 2] = "--terminal";
        all[args.length + 3] = "KIOSK-T1";
        return all;
    }

    @Test
    void renderTakesTheQueryResultAsThePlatformAnswersItAndTheCodeVerifies() throws Exception {
        Path data = write("result.json", QUERY_RESULT);
        Path pdf = dir.resolve("out/cert.pdf");

        int code = run(withKey("print", "render", "--template", "certificate", "--data", data.toString(),
                "--out", pdf.toString(), "--png", dir.resolve("png").toString()));

        assertThat(err.toString(), code, equalTo(0));
        assertThat(Files.exists(dir.resolve("png/page-1.png")), is(true));
        String qr = new QrCodeScan().readPdf(Files.readAllBytes(pdf)).orElseThrow();
        assertThat(VerifyQr.parse(qr).terminalId(), equalTo("KIOSK-T1"));
        assertThat(run(withKey("print", "verify", qr)), equalTo(0));
        assertThat(out.toString(), containsString("VALID: sealed by the terminal's key"));
        assertThat(out.toString(), containsString("Q8WZ-3HNC-PL5E"));
        assertThat(run(withKey("print", "verify", "--pdf", pdf.toString())), equalTo(0));
    }

    @Test
    void anAlteredCodeIsNotValidAndGarbageIsABadInput() throws Exception {
        Path pdf = dir.resolve("cert.pdf");
        run(withKey("print", "render", "--template", "certificate", "--data", write("r.json", QUERY_RESULT).toString(),
                "--out", pdf.toString()));
        String qr = new QrCodeScan().readPdf(Files.readAllBytes(pdf)).orElseThrow();

        assertThat(run(withKey("print", "verify", qr.replace("Q8WZ", "Q8WX"))), equalTo(1));
        assertThat(out.toString(), containsString("NOT VALID"));
        assertThat(run(withKey("print", "verify", "hello")), equalTo(2));
        assertThat(err.toString(), containsString("not a Tongban certificate code"));
    }

    @Test
    void badDataIsAClearErrorAndNoFileIsLeftBehind() throws Exception {
        Path noTitle = write("bad.json", QUERY_RESULT.replace("\"title\": \"社会保险个人参保证明\",", ""));
        Path out = dir.resolve("never.pdf");

        assertThat(run(withKey("print", "render", "--template", "certificate", "--data", noTitle.toString(), "--out",
                out.toString())), equalTo(2));
        assertThat(err.toString(), containsString("title must not be blank"));
        assertThat(Files.exists(out), is(false));

        Path receiptData = write("receipt.json", "{\"receiptNo\": \"TB-1\"}");
        assertThat(run(withKey("print", "render", "--template", "receipt", "--data", receiptData.toString(), "--out",
                dir.resolve("r.bin").toString())), equalTo(2));
        assertThat(err.toString(), containsString("receipt.tpl:8: the data has no field 'item'"));
    }

    @Test
    void sendPrintsACertificateThroughRealCups() throws Exception {
        requireReal(Files.isExecutable(Path.of("/usr/bin/lpstat")) && lpstatKnows("tongban-pdf"),
                "no CUPS queue tongban-pdf: run .ci/cups-pdf-queue");
        Path data = write("result.json", QUERY_RESULT);

        int code = run(withKey("print", "send", "--template", "certificate", "--data", data.toString(),
                "--printer", "tongban-pdf"));

        assertThat(err.toString(), code, equalTo(0));
        assertThat(out.toString(), containsString("printed: 1 sheet(s), tongban-pdf-"));
    }

    @Test
    void sendPrintsAReceiptOnTheEmulatorAndReportsPaperOut() throws Exception {
        requireReal(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed: no pty for the emulator");
        Path data = write("receipt.json", """
                {"receiptNo": "TB-2024-000123", "item": "城乡居民养老保险参保登记",
                 "applicant": {"name": "欧阳明远", "idNumber": "110105198803120417"},
                 "materials": ["居民身份证复印件"], "timeLimit": "5 个工作日", "receivedAt": "2024-05-06 09:30",
                 "followUpUrl": "https://gov.example/track/TB-2024-000123", "followUpHint": "或拨打 12345 查询"}
                """);
        try (EscPosEmulator printer = EscPosEmulator.start(Files.createDirectories(dir.resolve("pty")))) {
            String port = printer.kioskPort().toString();

            assertThat(err.toString(), run("print", "send", "--template", "receipt", "--data", data.toString(),
                    "--receipt-port", port), equalTo(0));
            assertThat(printer.printed(), hasItem("证件号码：1101**********0417"));
            assertThat(printer.printed(), hasItem("--- cut ---"));

            printer.runOutOfPaperAfter(3);
            assertThat(run("print", "send", "--template", "receipt", "--data", data.toString(), "--receipt-port", port),
                    equalTo(1));
            assertThat(err.toString(), containsString("paper out"));
            assertThat(err.toString(), containsString("what to do: load paper"));
        }
    }

    private static boolean lpstatKnows(String queue) {
        try {
            Process p = new ProcessBuilder("lpstat", "-p", queue).redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains(queue)
                    && p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void requireReal(boolean available, String why) {
        if (!available && System.getenv("TONGBAN_REQUIRE_REAL_PARTS") != null) {
            fail(why);
        }
        assumeTrue(available, why);
    }
}
