package org.tongban.fleet.operators;

import java.util.Set;

/**
 * Who makes a request: a console account or an API token. {@code halls} scopes a STAFF principal (empty for the
 * other roles, who reach every hall).
 */
public record Principal(String name, String displayName, Role role, Set<String> halls) {

    public boolean may(Role needed) {
        return role.atLeast(needed);
    }

    /** Acknowledging alerts and staff calls: STAFF in their own halls, OPERATOR and ADMIN everywhere. */
    public boolean mayAcknowledgeIn(String hall) {
        return role.atLeast(Role.OPERATOR) || (role == Role.STAFF && halls.contains(hall));
    }
}
