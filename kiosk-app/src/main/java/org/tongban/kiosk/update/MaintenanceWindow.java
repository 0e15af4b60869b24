package org.tongban.kiosk.update;

import java.time.LocalTime;

/** The local hours in which releases are installed, e.g. {@code 01:00-05:00}; may span midnight ({@code 22:00-02:00}). */
public record MaintenanceWindow(LocalTime start, LocalTime end) {

    /** @param text {@code HH:MM-HH:MM}, already validated by the configuration loader */
    public static MaintenanceWindow parse(String text) {
        String[] parts = text.split("-");
        return new MaintenanceWindow(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
    }

    public boolean contains(LocalTime t) {
        if (start.equals(end)) {
            return true; // 00:00-00:00: any time
        }
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
