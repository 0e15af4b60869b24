package org.tongban.fleet.terminals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.tongban.fleet.audit.AuditLog;
import org.tongban.fleet.db.Database;

/**
 * Enrols terminals from a CSV file (all or nothing), revokes them and rotates their secrets. Each secret is
 * written as {@code DIR/<terminalId>.secret} (mode 600, one line of hex) for the installer.
 */
public final class Enrolment {

    public static final String CSV_HEADER = "terminalId,region,hall,profile";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> PROFILES = Set.of("HALL_KIOSK", "BANK_STM");

    private final Database db;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    public Enrolment(Database db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    public record Row(int line, String terminalId, String region, String hall, String profile) {
    }

    /** A problem in the CSV file, named FILE:LINE. */
    public static final class BadFile extends Exception {
        private static final long serialVersionUID = 1L;

        BadFile(Path file, int line, String message) {
            super(file + ":" + line + ": " + message);
        }
    }

    /** Reads and checks the whole file before anything is stored. */
    public static List<Row> parse(Path file) throws IOException, BadFile {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).strip().replace("\uFEFF", "").equals(CSV_HEADER)) {
            throw new BadFile(file, 1, "the header must be " + CSV_HEADER);
        }
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            int line = i + 1;
            if (text.isEmpty()) {
                continue;
            }
            String[] f = text.split(",", -1);
            if (f.length != 4) {
                throw new BadFile(file, line, "expected 4 fields (" + CSV_HEADER + "), found " + f.length);
            }
            String id = f[0].strip(), region = f[1].strip(), hall = f[2].strip(), profile = f[3].strip();
            if (!ID.matcher(id).matches()) {
                throw new BadFile(file, line, "terminalId '" + id + "' must be letters, digits, '.', '_' or '-' (at most 64)");
            }
            if (region.isEmpty() || hall.isEmpty()) {
                throw new BadFile(file, line, "region and hall must not be empty");
            }
            if (!PROFILES.contains(profile)) {
                throw new BadFile(file, line, "profile '" + profile + "' must be HALL_KIOSK or BANK_STM");
            }
            if (!seen.add(id)) {
                throw new BadFile(file, line, "terminalId " + id + " appears twice");
            }
            rows.add(new Row(line, id, region, hall, profile));
        }
        if (rows.isEmpty()) {
            throw new BadFile(file, lines.size(), "no terminals in the file");
        }
        return rows;
    }

    /**
     * Stores the terminals in one transaction and writes their secrets; when anything fails nothing is stored and
     * no secret file is left behind. A terminal already enrolled is an error (rotate it instead).
     */
    public void importAll(Path file, List<Row> rows, Path secretsOut, String actor) throws IOException, SQLException, BadFile {
        Files.createDirectories(secretsOut);
        for (Row r : rows) {
            if (Files.exists(secretFile(secretsOut, r.terminalId()))) {
                throw new BadFile(file, r.line(), "a secret for " + r.terminalId() + " already exists in " + secretsOut);
            }
        }
        List<Path> written = new ArrayList<>();
        try {
            db.inTransaction(c -> {
                try (var exists = c.prepareStatement("SELECT 1 FROM terminal WHERE id = ?");
                        var insert = c.prepareStatement(
                                "INSERT INTO terminal (id, region, hall, profile, secret) VALUES (?, ?, ?, ?, ?)")) {
                    for (Row r : rows) {
                        exists.setString(1, r.terminalId());
                        if (exists.executeQuery().next()) {
                            throw new SQLException(new BadFile(file, r.line(), r.terminalId() + " is already enrolled (use terminals rotate)"));
                        }
                        String secret = newSecret();
                        insert.setString(1, r.terminalId());
                        insert.setString(2, r.region());
                        insert.setString(3, r.hall());
                        insert.setString(4, r.profile());
                        insert.setString(5, secret);
                        insert.addBatch();
                        written.add(writeSecret(secretsOut, r.terminalId(), secret));
                    }
                    insert.executeBatch();
                }
                audit.record(c, actor, "terminals.import", file.getFileName().toString(), rows.size() + " terminals", null);
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            for (Path p : written) {
                Files.deleteIfExists(p);
            }
            if (e.getCause() instanceof BadFile bad) {
                throw bad;
            }
            throw e;
        }
    }

    /** Revoked terminals are refused (401) from their next heartbeat on. */
    public boolean revoke(String terminalId, String actor) throws SQLException {
        return db.inTransaction(c -> {
            int n = update(c, "UPDATE terminal SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", terminalId);
            if (n == 1) {
                audit.record(c, actor, "terminals.revoke", terminalId, null, null);
            }
            return n == 1;
        });
    }

    /** A new secret (and the terminal enrolled again if it was revoked); the old one stops working at once. */
    public boolean rotate(String terminalId, Path secretsOut, String actor) throws SQLException, IOException {
        Files.createDirectories(secretsOut);
        String secret = newSecret();
        Path tmp = Files.createTempFile(secretsOut, ".rotate", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, secret + "\n");
            boolean done = db.inTransaction(c -> {
                try (var st = c.prepareStatement("UPDATE terminal SET secret = ?, revoked_at = NULL WHERE id = ?")) {
                    st.setString(1, secret);
                    st.setString(2, terminalId);
                    if (st.executeUpdate() != 1) {
                        return false;
                    }
                }
                audit.record(c, actor, "terminals.rotate", terminalId, null, null);
                return true;
            });
            if (done) {
                Files.move(tmp, secretFile(secretsOut, terminalId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return done;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static Path secretFile(Path dir, String terminalId) {
        return dir.resolve(terminalId + ".secret");
    }

    private String newSecret() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static Path writeSecret(Path dir, String terminalId, String secret) {
        try {
            Path file = secretFile(dir, terminalId);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret + "\n");
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int update(Connection c, String sql, String id) throws SQLException {
        try (var st = c.prepareStatement(sql)) {
            st.setString(1, id);
            return st.executeUpdate();
        }
    }
}
