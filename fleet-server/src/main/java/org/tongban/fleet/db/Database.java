package org.tongban.fleet.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The connection pool on the fleet's PostgreSQL database, migrated to the current schema on open. */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final String jdbcUrl;

    private Database(HikariDataSource pool, String jdbcUrl) {
        this.pool = pool;
        this.jdbcUrl = jdbcUrl;
    }

    /** Opens a pool on a JDBC URL ({@code jdbc:postgresql://HOST:PORT/DB?user=...&password=...}) and migrates. */
    public static Database open(String jdbcUrl, int maxConnections) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--database must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB?user=...&password=...)");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(1);
        // Fail a request fast (503) instead of queueing while the database is away.
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        config.setPoolName("fleet");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot reach the database: " + rootMessage(e), e);
        }
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        return new Database(pool, jdbcUrl);
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** A connection of its own, outside the pool (for LISTEN, which holds it for as long as it listens). */
    public Connection dedicatedConnection() throws SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("connectTimeout", "2");
        props.setProperty("tcpKeepAlive", "true");
        return java.sql.DriverManager.getConnection(jdbcUrl, props);
    }

    /** Work in one transaction: committed when {@code work} returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Whether an exception means "the database cannot be reached now" (answer 503) rather than a bug. */
    public static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public void close() {
        pool.close();
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
