package se.primarycare.cds.measures;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Changes whenever the indicators' read model changes, so cached query results can tell that they are stale.
 *
 * <p>Two parts. This instance's own counter moves when a write is projected and again after its transaction
 * commits, so a reader that looked between the two cannot keep pre-commit rows under the new value. A counter in
 * the database ({@code pcm_read_model_version}) moves after every committed write of any instance, so instances
 * sharing one database (behind one load balancer) see each other's writes at once: the writer's response is sent
 * after the bump, so a client that got its 201 from one instance is counted by the next indicator on another.
 */
public final class ReadModelVersion {

    private static final String TABLE = "pcm_read_model_version";

    private final AtomicLong local = new AtomicLong();
    private final DataSource database;

    private ReadModelVersion(DataSource database) {
        this.database = database;
    }

    /** One instance on its own (and tests of the cache). */
    public static ReadModelVersion local() {
        return new ReadModelVersion(null);
    }

    /** Shared by every instance on {@code database}; creates its one-row table when missing. */
    public static ReadModelVersion shared(DataSource database) {
        ReadModelVersion version = new ReadModelVersion(database);
        version.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)");
        version.execute("INSERT INTO " + TABLE + " (id, version) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM " + TABLE
                + " WHERE id = 1)");
        return version;
    }

    /** A value that differs after any change; compare for equality only. */
    public String current() {
        return database == null ? Long.toString(local.get()) : local.get() + "." + sharedValue();
    }

    public void changed() {
        local.incrementAndGet();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            bumpShared();
            return;
        }
        // Once per transaction, however many resources it projects.
        if (TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(ReadModelVersion.this);
                local.incrementAndGet();
                bumpShared();
            }
        });
    }

    private void bumpShared() {
        if (database != null) {
            execute("UPDATE " + TABLE + " SET version = version + 1 WHERE id = 1");
        }
    }

    private long sharedValue() {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT version FROM " + TABLE + " WHERE id = 1")) {
            return row.next() ? row.getLong(1) : 0;
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot read " + TABLE, e);
        }
    }

    /**
     * On a connection of its own, in auto-commit: after a commit the finished transaction's connection may still
     * be bound to the thread, and a statement there would never be committed.
     */
    private void execute(String sql) {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            statement.execute(sql);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot update " + TABLE, e);
        }
    }
}
