package org.tongban.devices.printer;

import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceState;

/**
 * The simulator twin of the A4 printer: "prints" by writing the PDF into a folder and counts
 * sheets from a paper tray a test can empty, refill or jam; or it unplugs the printer.
 */
public final class SimulatedDocumentPrinter extends SimulatedPrinter implements DocumentPrinter {

    private volatile int sheetsInTray;
    private volatile int printed;
    private volatile Duration takes = Duration.ZERO;

    public SimulatedDocumentPrinter(String name, Path outputDir, int sheetsInTray) {
        super(name, DeviceClass.DOCUMENT_PRINTER, "A4 printer", outputDir);
        this.sheetsInTray = sheetsInTray;
    }

    // ---- scripting ------------------------------------------------------------------------------

    public void paperOut() {
        sheetsInTray = 0;
        settle();
    }

    public void refill(int sheets) {
        sheetsInTray = sheets;
        settle();
    }

    /** Each job takes this long from now on (a slow printer: what the citizen waits through); zero ends one printing now. */
    public void takes(Duration perJob) {
        takes = perJob;
    }

    public void jam() {
        breakDown("paper jam, open the printer and remove the sheet");
    }

    public void clearJam() {
        repair();
    }

    public int sheetsInTray() {
        return sheetsInTray;
    }

    public int printed() {
        return printed;
    }

    // ---- the device -----------------------------------------------------------------------------

    /** What the paper tray says. */
    @Override
    protected Condition condition() {
        return sheetsInTray == 0 ? new Condition(DeviceState.USER_ERROR, "out of paper") : Condition.READY;
    }

    @Override
    protected String healthDetail() {
        return "simulated A4 printer, " + sheetsInTray + " sheets in tray, " + printed + " jobs printed, output "
                + outputDir();
    }

    @Override
    public PrintOutcome print(PrintJob job, Duration timeout) throws DeviceException {
        return perform("print " + job.id(), timeout, () -> {
            throwScriptedFailure();
            if (sheetsInTray < job.sheets()) {
                setState(DeviceState.USER_ERROR, "out of paper");
                throw new DeviceException(DeviceException.Reason.NO_MEDIA,
                        name() + ": not enough paper for " + job.sheets() + " sheet(s)");
            }
            // A slow job: it ends after its time, or at once when the script sets the time back to zero.
            long end = System.nanoTime() + takes.toNanos();
            while (!takes.isZero() && System.nanoTime() < end) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            Path file = printToFile(job.id() + ".pdf", job.pdf());
            sheetsInTray -= job.sheets();
            printed++;
            return new PrintOutcome(job.id(), job.sheets(), file.toString(), Instant.now());
        });
    }
}
