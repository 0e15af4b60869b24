package org.tongban.fleet.commands;

/** What an operator can tell a terminal to do. */
public enum CommandType {
    LOCK, UNLOCK, SYNC_NOW, CHECK_UPDATE, RELOAD_CATALOG, RESTART,
    /** Back to the previous release (an operator aborting a rollout asked for it). */
    ROLLBACK;

    public static CommandType parse(String text) {
        try {
            return valueOf(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("type must be one of LOCK, UNLOCK, SYNC_NOW, CHECK_UPDATE, RELOAD_CATALOG, RESTART, ROLLBACK");
        }
    }
}
