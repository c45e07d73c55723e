package se.primarycare.cds.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Lets instances that share one PostgreSQL database start one at a time. Each start changes the schema
 * (Hibernate's update, the project's own tables), stores the conformance files and may rebuild the indicators'
 * read model; two instances doing that side by side race. The first takes a PostgreSQL advisory lock before the
 * database is touched and holds it until it is ready; the next one waits for it. The lock belongs to a session,
 * so an instance that dies while starting releases it with its connection. H2 (one process per file) needs none.
 */
public final class StartupLock implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    /** Any fixed number; the same in every instance. "PCCDS" + 1. */
    static final long KEY = 0x5043_4344_5301L;

    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

    private Connection session;

    public StartupLock(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            connection.close();
            return;
        }
        long started = System.nanoTime();
        connection.setAutoCommit(true);
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, KEY);
            lock.execute();
        }
        session = connection;
        log.info(
                "Start lock taken after {} ms (other instances on this database start after this one)",
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        release();
    }

    /** A start that fails closes the context: the next instance must not wait for it. */
    @Override
    public void destroy() {
        release();
    }

    private synchronized void release() {
        if (session == null) {
            return;
        }
        try (Connection connection = session;
                PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, KEY);
            unlock.execute();
        } catch (SQLException e) {
            log.warn("Start lock: could not release it explicitly; it ends with the session ({})", e.getMessage());
        } finally {
            session = null;
        }
    }
}
