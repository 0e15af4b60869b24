package org.tongban.kiosk.config;

import java.nio.file.Path;
import java.util.List;
import org.tongban.devices.DeviceSpec;

/**
 * Everything read from a configuration folder, checked and ready to wire.
 *
 * @param dir      where kiosk.yaml, devices.yaml and the catalog were read (a configuration release's folder
 *                 once one is installed)
 * @param localDir the terminal's own configuration folder: what belongs to this terminal and no release
 *                 ({@code maintenance.yaml}, the PINs) is read there
 */
public record TerminalConfig(Path dir, KioskConfig kiosk, List<DeviceSpec> devices, Path localDir) {

    /** Read from the terminal's own folder. */
    public TerminalConfig(Path dir, KioskConfig kiosk, List<DeviceSpec> devices) {
        this(dir, kiosk, devices, dir);
    }
}
