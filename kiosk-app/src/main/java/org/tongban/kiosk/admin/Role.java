package org.tongban.kiosk.admin;

/**
 * Who is in maintenance mode. An operator (hall staff) looks and tests; a technician also changes
 * devices and the configuration.
 */
public enum Role {
    OPERATOR,
    TECHNICIAN;

    /** Whether this role may change things: open/close devices, assign ports, edit and save the configuration. */
    public boolean mayChange() {
        return this == TECHNICIAN;
    }
}
