package org.tongban.fleet.operators;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.tongban.fleet.audit.AuditLog;
import org.tongban.fleet.db.Database;

/**
 * Operator identities: API tokens, console accounts, console sessions and the login throttle. Everything is
 * in PostgreSQL, so any instance of the server recognises a token or session another one issued.
 */
public final class Operators {

    public static final Duration SESSION_LENGTH = Duration.ofHours(8);
    /** Failed logins allowed per account, and per address, within {@link #THROTTLE_WINDOW}. */
    public static final int MAX_FAILURES_PER_ACCOUNT = 5;
    public static final int MAX_FAILURES_PER_ADDRESS = 20;
    public static final Duration THROTTLE_WINDOW = Duration.ofMinutes(15);

    public record Token(String id, String name, Role role, Instant createdAt, Instant revokedAt) {
    }

    public record Account(String name, String displayName, Role role, Set<String> halls) {
    }

    /** A logged-in console user and the CSRF token their forms must carry. */
    public record Session(Principal principal, String csrfToken) {
    }

    public sealed interface LoginResult {
        record Success(String sessionCookie, Session session) implements LoginResult { }
        record Refused() implements LoginResult { }
        record Throttled() implements LoginResult { }
    }

    private final Database db;
    private final AuditLog audit;
    private final PasswordHasher hasher;
    private final Secrets secrets;

    public Operators(Database db, AuditLog audit, PasswordHasher hasher, Secrets secrets) {
        this.db = db;
        this.audit = audit;
        this.hasher = hasher;
        this.secrets = secrets;
    }

    /** A new token; only its hash is stored, the value is returned once. */
    public String createToken(String name, Role role, String actor, String address) throws SQLException {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a token needs a name");
        }
        String value = secrets.newValue();
        db.inTransaction(c -> {
            try (var st = c.prepareStatement("INSERT INTO api_token (id, name, role, token_hash) VALUES (?, ?, ?, ?)")) {
                st.setObject(1, UUID.randomUUID());
                st.setString(2, name.strip());
                st.setString(3, role.name());
                st.setString(4, Secrets.digest(value));
                st.executeUpdate();
            }
            audit.record(c, actor, "token.create", name.strip(), role.name(), address);
            return null;
        });
        return value;
    }

    public boolean revokeToken(String id, String actor, String address) throws SQLException {
        return db.inTransaction(c -> {
            try (var st = c.prepareStatement("UPDATE api_token SET revoked_at = now() WHERE id = ?::uuid AND revoked_at IS NULL")) {
                st.setString(1, id);
                if (st.executeUpdate() != 1) {
                    return false;
                }
            }
            audit.record(c, actor, "token.revoke", id, null, address);
            return true;
        });
    }

    public List<Token> tokens() throws SQLException {
        try (Connection c = db.connection();
                var st = c.prepareStatement("SELECT id, name, role, created_at, revoked_at FROM api_token ORDER BY created_at")) {
            List<Token> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Token(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                            rs.getTimestamp(4).toInstant(), instant(rs.getTimestamp(5))));
                }
            }
            return out;
        }
    }

    public Optional<Principal> byToken(String value) throws SQLException {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try (Connection c = db.connection();
                var st = c.prepareStatement("SELECT name, role FROM api_token WHERE token_hash = ? AND revoked_at IS NULL")) {
            st.setString(1, Secrets.digest(value.strip()));
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Principal("token:" + rs.getString(1), rs.getString(1), Role.valueOf(rs.getString(2)), Set.of()));
            }
        }
    }

    public void addAccount(String name, String displayName, Role role, Set<String> halls, char[] password, String actor,
            String address) throws SQLException {
        if (name == null || !name.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("an account name is 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
        if (password.length < 8) {
            throw new IllegalArgumentException("a password needs at least 8 characters");
        }
        if (role == Role.STAFF && halls.isEmpty()) {
            throw new IllegalArgumentException("a STAFF account needs --halls");
        }
        String hash = hasher.hash(password);
        db.inTransaction(c -> {
            try (var st = c.prepareStatement(
                    "INSERT INTO account (name, display_name, role, halls, password_hash) VALUES (?, ?, ?, ?, ?)")) {
                st.setString(1, name);
                st.setString(2, displayName == null || displayName.isBlank() ? name : displayName);
                st.setString(3, role.name());
                st.setArray(4, c.createArrayOf("text", halls.toArray()));
                st.setString(5, hash);
                st.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new IllegalArgumentException("account " + name + " exists already");
                }
                throw e;
            }
            audit.record(c, actor, "account.add", name, role.name() + (halls.isEmpty() ? "" : " " + String.join(",", halls)), address);
            return null;
        });
    }

    public List<Account> accounts() throws SQLException {
        try (Connection c = db.connection();
                var st = c.prepareStatement("SELECT name, display_name, role, halls FROM account ORDER BY name")) {
            List<Account> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Account(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), halls(rs.getArray(4))));
                }
            }
            return out;
        }
    }

    /** Checks the password (throttled per account and per address) and opens a session. */
    public LoginResult login(String name, char[] password, String address) throws SQLException {
        String account = name == null ? "" : name.strip();
        if (throttled(account, address)) {
            return new LoginResult.Throttled();
        }
        Optional<String[]> row = db.inTransaction(c -> {
            try (var st = c.prepareStatement("SELECT password_hash, display_name, role, array_to_string(halls, ',') FROM account WHERE name = ?")) {
                st.setString(1, account);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                            : Optional.<String[]>empty();
                }
            }
        });
        // The hash is computed for unknown accounts too, so the answer's timing does not tell which exist.
        String stored = row.map(r -> r[0]).orElse("$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        boolean ok = hasher.verify(password, stored) && row.isPresent();
        if (!ok) {
            db.inTransaction(c -> {
                try (var st = c.prepareStatement("INSERT INTO login_failure (account, address) VALUES (?, ?)")) {
                    st.setString(1, account);
                    st.setString(2, address);
                    st.executeUpdate();
                }
                audit.record(c, account, "login.failed", null, null, address);
                return null;
            });
            return new LoginResult.Refused();
        }
        String[] r = row.get();
        String cookie = secrets.newValue();
        String csrf = secrets.newValue();
        db.inTransaction(c -> {
            try (var st = c.prepareStatement(
                    "INSERT INTO console_session (id_hash, account, csrf_token, expires_at) VALUES (?, ?, ?, ?)")) {
                st.setString(1, Secrets.digest(cookie));
                st.setString(2, account);
                st.setString(3, csrf);
                st.setTimestamp(4, Timestamp.from(Instant.now().plus(SESSION_LENGTH)));
                st.executeUpdate();
            }
            try (var st = c.prepareStatement("DELETE FROM login_failure WHERE account = ?")) {
                st.setString(1, account);
                st.executeUpdate();
            }
            audit.record(c, account, "login", null, null, address);
            return null;
        });
        return new LoginResult.Success(cookie, new Session(principal(account, r[1], r[2], r[3]), csrf));
    }

    public Optional<Session> session(String cookie) throws SQLException {
        if (cookie == null || cookie.isBlank()) {
            return Optional.empty();
        }
        try (Connection c = db.connection(); var st = c.prepareStatement("""
                SELECT a.name, a.display_name, a.role, array_to_string(a.halls, ','), s.csrf_token
                  FROM console_session s JOIN account a ON a.name = s.account
                 WHERE s.id_hash = ? AND s.expires_at > now()""")) {
            st.setString(1, Secrets.digest(cookie));
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Session(principal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                        rs.getString(5)));
            }
        }
    }

    public void logout(String cookie, String address) throws SQLException {
        db.inTransaction(c -> {
            try (var st = c.prepareStatement("DELETE FROM console_session WHERE id_hash = ? RETURNING account")) {
                st.setString(1, Secrets.digest(cookie));
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        audit.record(c, rs.getString(1), "logout", null, null, address);
                    }
                }
            }
            return null;
        });
    }

    private boolean throttled(String account, String address) throws SQLException {
        try (Connection c = db.connection(); var st = c.prepareStatement("""
                SELECT count(*) FILTER (WHERE account = ?), count(*) FILTER (WHERE address = ?)
                  FROM login_failure WHERE at > now() - make_interval(secs => ?)""")) {
            st.setString(1, account);
            st.setString(2, address);
            st.setLong(3, THROTTLE_WINDOW.toSeconds());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1) >= MAX_FAILURES_PER_ACCOUNT || rs.getInt(2) >= MAX_FAILURES_PER_ADDRESS;
            }
        }
    }

    private static Principal principal(String name, String display, String role, String halls) {
        Set<String> set = new LinkedHashSet<>();
        if (halls != null && !halls.isBlank()) {
            set.addAll(List.of(halls.split(",")));
        }
        return new Principal(name, display, Role.valueOf(role), Set.copyOf(set));
    }

    private static Set<String> halls(Array array) throws SQLException {
        return array == null ? Set.of() : new LinkedHashSet<>(List.of((String[]) array.getArray()));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
