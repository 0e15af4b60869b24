package org.tongban.kiosk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.tongban.devices.DeviceException;
import org.tongban.devices.scanner.ScanRequest;
import org.tongban.devices.scanner.ScannedPage;
import org.tongban.devices.scanner.sane.SaneDocumentScanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./kiosk scan --device NAME --out OUT.png}: one page through SANE, for technicians. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan one page through SANE (saned, or scanimage with --via scanimage) and write it as PNG.",
        footer = {"", "Exit codes: 0 written; 3 nothing to scan (feeder empty); 4 timed out; 5 cover open, jam or "
                + "another scanner fault; 7 saned or the device not reachable; 2 bad arguments or the output cannot "
                + "be written. On failure one line on stderr says why."})
final class ScanCommand extends Subcommand {

    @Option(names = "--device", required = true, paramLabel = "NAME", description = "the SANE device, e.g. test:0 (scanimage -L)")
    String device;

    @Option(names = "--out", required = true, paramLabel = "OUT.png", description = "where to write the page")
    Path out;

    @Option(names = "--host", description = "saned's host (default: ${DEFAULT-VALUE})")
    String host = "localhost";

    @Option(names = "--sane-port", description = "saned's port (default: ${DEFAULT-VALUE})")
    int port = 6566;

    @Option(names = "--via", description = "saned or scanimage (default: ${DEFAULT-VALUE})")
    String via = "saned";

    @Option(names = "--source", description = "the SANE source, e.g. Flatbed or \"Automatic Document Feeder\"")
    String source;

    @Option(names = "--dpi", description = "75 to 600 (default: ${DEFAULT-VALUE})")
    int dpi = 300;

    @Option(names = "--mode", description = "COLOUR, GREYSCALE or BLACK_AND_WHITE (default: ${DEFAULT-VALUE})")
    ScanRequest.ColourMode mode = ScanRequest.ColourMode.COLOUR;

    @Option(names = "--timeout-s", description = "seconds to wait for the page (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 120;

    @Override
    public Integer call() {
        SaneDocumentScanner.Settings settings;
        ScanRequest request;
        try {
            settings = new SaneDocumentScanner.Settings(device, host, port, source, via, null);
            request = new ScanRequest(dpi, mode);
        } catch (IllegalArgumentException e) {
            err().println("scan: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        ScannedPage page = null;
        try (SaneDocumentScanner scanner = new SaneDocumentScanner("scanner", settings)) {
            scanner.openClaimEnable(Duration.ofSeconds(5));
            page = scanner.scan(request, Duration.ofSeconds(timeoutSeconds));
            Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".scan-", ".png");
            try {
                Files.write(tmp, page.image());
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            PrintWriter o = out();
            o.println(out + ": " + page.widthPixels() + "x" + page.heightPixels() + " at " + page.dpi() + " dpi");
            o.flush();
            return ExitCode.OK;
        } catch (DeviceException e) {
            err().println("scan failed: " + e.getMessage());
            return ExitCode.ofScan(e.reason());
        } catch (IOException e) {
            err().println("scan: cannot write " + out + ": " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } finally {
            if (page != null) {
                page.wipe();
            }
        }
    }
}
