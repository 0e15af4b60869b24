package org.tongban.fleet.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.tongban.fleet.db.Database;
import org.tongban.fleet.db.EmbeddedPostgres;

/**
 * One real PostgreSQL per test run, started the way {@code ./fleet serve --data-dir} starts it (Debian's
 * binaries, as the tongban-fleet user when the tests run as root), stopped when the run ends. Each test class
 * gets a fresh database in it.
 */
public final class TestPostgres implements ExtensionContext.Store.CloseableResource {

    private final EmbeddedPostgres postgres;
    private final Path dir;

    private TestPostgres(Path dir) {
        this.dir = dir;
        this.postgres = EmbeddedPostgres.open(dir.resolve("data"));
    }

    public static TestPostgres of(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TestPostgres.class, k -> {
                    try {
                        Path dir = Files.createTempDirectory(Path.of("/tmp"), "fleet-test-pg");
                        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
                        return new TestPostgres(dir);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, TestPostgres.class);
    }

    /** A new, migrated database for one test class. */
    public Database freshDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return Database.open(postgres.jdbcUrl(name), 20);
    }

    /** The JDBC URL of a new database (not yet migrated), as an operator would pass to --database. */
    public String freshUrl(String prefix) {
        return postgres.jdbcUrl((prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT));
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
