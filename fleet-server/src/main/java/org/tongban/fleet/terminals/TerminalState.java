package org.tongban.fleet.terminals;

/** What the server makes of a terminal, from its enrolment and its latest heartbeat (see the contract). */
public enum TerminalState {
    NEVER_SEEN, ONLINE, DEGRADED, LOCKED, OFFLINE, REVOKED
}
