package org.tongban.kiosk.config;

import java.nio.file.Path;
import java.util.List;
import org.tongban.devices.DeviceSpec;

/** Everything read from a configuration folder, checked and ready to wire. */
public record TerminalConfig(Path dir, KioskConfig kiosk, List<DeviceSpec> devices) {
}
