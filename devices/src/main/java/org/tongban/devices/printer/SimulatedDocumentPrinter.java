package org.tongban.devices.printer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import org.tongban.devices.AbstractDevice;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceState;

/**
 * The simulator twin of the A4 printer: "prints" by writing the PDF into a folder and counts
 * sheets from a paper tray a test can empty, refill or jam.
 */
public final class SimulatedDocumentPrinter extends AbstractDevice implements DocumentPrinter {

    private final Path outputDir;
    private volatile int sheetsInTray;
    private volatile int printed;

    public SimulatedDocumentPrinter(String name, Path outputDir, int sheetsInTray) {
        super(name, DeviceClass.DOCUMENT_PRINTER);
        this.outputDir = outputDir;
        this.sheetsInTray = sheetsInTray;
    }

    // ---- scripting ------------------------------------------------------------------------------

    public void paperOut() {
        sheetsInTray = 0;
        setState(DeviceState.USER_ERROR, "out of paper");
    }

    public void refill(int sheets) {
        sheetsInTray = sheets;
        if (state() == DeviceState.USER_ERROR) {
            setState(DeviceState.ONLINE, "paper loaded");
        }
    }

    public void jam() {
        setState(DeviceState.HARDWARE_ERROR, "paper jam");
    }

    public void clearJam() {
        setState(DeviceState.ONLINE, "jam cleared");
    }

    public int sheetsInTray() {
        return sheetsInTray;
    }

    public int printed() {
        return printed;
    }

    public Path outputDir() {
        return outputDir;
    }

    // ---- the device -----------------------------------------------------------------------------

    @Override
    protected void onOpen() throws DeviceException {
        try {
            OutputFolder.createPrivate(outputDir);
        } catch (IOException e) {
            throw new DeviceException(DeviceException.Reason.HARDWARE,
                    name() + ": cannot use output folder " + outputDir + ": " + e.getMessage(), e);
        }
        if (sheetsInTray == 0) {
            setState(DeviceState.USER_ERROR, "out of paper");
        }
    }

    @Override
    protected void onClose() {
    }

    @Override
    protected String healthDetail() {
        return "simulated A4 printer, " + sheetsInTray + " sheets in tray, " + printed + " jobs printed, output "
                + outputDir;
    }

    @Override
    public PrintOutcome print(PrintJob job, Duration timeout) throws DeviceException {
        return perform("print " + job.id(), timeout, () -> {
            if (sheetsInTray < job.sheets()) {
                setState(DeviceState.USER_ERROR, "out of paper");
                throw new DeviceException(DeviceException.Reason.NO_MEDIA,
                        name() + ": not enough paper for " + job.sheets() + " sheet(s)");
            }
            Path file = outputDir.resolve(job.id() + ".pdf");
            try {
                Files.write(file, job.pdf());
            } catch (IOException e) {
                throw new DeviceException(DeviceException.Reason.HARDWARE,
                        name() + ": cannot write " + file + ": " + e.getMessage(), e);
            }
            sheetsInTray -= job.sheets();
            printed++;
            return new PrintOutcome(job.id(), job.sheets(), file.toString(), Instant.now());
        });
    }
}
