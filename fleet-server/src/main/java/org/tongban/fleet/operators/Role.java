package org.tongban.fleet.operators;

/** The four roles, each allowed everything the one before it is. */
public enum Role {
    /** Reads everything. */
    VIEWER,
    /** Also acknowledges staff calls and alerts of its own halls. */
    STAFF,
    /** Also acknowledges in every hall and sends commands. */
    OPERATOR,
    /** Also manages terminals, tokens and accounts. */
    ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    public static Role parse(String text) {
        try {
            return Role.valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("role must be VIEWER, STAFF, OPERATOR or ADMIN, not '" + text + "'");
        }
    }
}
