package org.tongban.fleet.api;

import java.sql.SQLException;

import org.tongban.fleet.http.ApiError;
import org.tongban.fleet.operators.Operators;
import org.tongban.fleet.operators.Principal;
import org.tongban.fleet.operators.Role;

import io.javalin.http.Context;

/** Who calls the operator API: the principal of the {@code Authorization: Bearer} token (401 without one). */
final class Bearer {

    private final Operators operators;

    Bearer(Operators operators) {
        this.operators = operators;
    }

    Principal of(Context ctx) throws SQLException {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiError(401, "Bearer token required", null);
        }
        return operators.byToken(header.substring(7)).orElseThrow(() -> new ApiError(401, "Unknown or revoked token", null));
    }

    /** The caller, who must hold at least {@code role} (403 otherwise). */
    Principal atLeast(Context ctx, Role role) throws SQLException {
        Principal p = of(ctx);
        if (!p.may(role)) {
            throw new ApiError(403, "Role too low", role + " or higher needed");
        }
        return p;
    }
}
