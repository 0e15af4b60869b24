package org.tongban.devices.printer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.simulation.SimulatedDevice;

/** What both simulated printers share: their "paper" is a folder, where each printout lands as a file. */
abstract class SimulatedPrinter extends SimulatedDevice {

    private final Path outputDir;

    SimulatedPrinter(String name, DeviceClass deviceClass, String hardware, Path outputDir) {
        super(name, deviceClass, hardware);
        this.outputDir = outputDir;
    }

    public Path outputDir() {
        return outputDir;
    }

    @Override
    protected void onPluggedOpen() throws DeviceException {
        try {
            OutputFolder.createPrivate(outputDir);
        } catch (IOException e) {
            throw new DeviceException(DeviceException.Reason.HARDWARE,
                    name() + ": cannot use output folder " + outputDir + ": " + e.getMessage(), e);
        }
    }

    /** Prints {@code content} as the file {@code fileName} in the output folder; answers where it landed. */
    final Path printToFile(String fileName, byte[] content) throws DeviceException {
        Path file = outputDir.resolve(fileName);
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new DeviceException(DeviceException.Reason.HARDWARE,
                    name() + ": cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
