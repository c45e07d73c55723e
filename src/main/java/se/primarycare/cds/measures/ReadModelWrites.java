package se.primarycare.cds.measures;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The read model's row changes of one database transaction, sent together just before it commits: a 500-entry
 * Bundle costs a few batched statements instead of one round trip per resource, and the rows still commit or roll
 * back with the resources they come from. Order is kept (a DELETE and the INSERT after it stay in that order);
 * consecutive statements with the same SQL go as one JDBC batch. Outside a transaction each change is sent at once.
 */
final class ReadModelWrites {

    private final JdbcTemplate jdbc;

    ReadModelWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(String sql, Object... args) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            jdbc.update(sql, args);
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.statements.add(new Statement(sql, args));
    }

    private record Statement(String sql, Object[] args) {}

    private final class Pending implements TransactionSynchronization {

        private final List<Statement> statements = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            int i = 0;
            while (i < statements.size()) {
                String sql = statements.get(i).sql();
                List<Object[]> batch = new ArrayList<>();
                while (i < statements.size() && statements.get(i).sql().equals(sql)) {
                    batch.add(statements.get(i).args());
                    i++;
                }
                jdbc.batchUpdate(sql, batch);
            }
            statements.clear();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(ReadModelWrites.this);
        }
    }
}
