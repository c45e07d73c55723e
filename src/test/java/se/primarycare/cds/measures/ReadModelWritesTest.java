package se.primarycare.cds.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class ReadModelWritesTest {

    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private ReadModelWrites writes;

    @BeforeEach
    void database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:writes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc.execute("CREATE TABLE t (res_id VARCHAR(10), v INT)");
        writes = new ReadModelWrites(jdbc);
    }

    @Test
    void rowsOfATransactionAreWrittenWhenItCommitsInTheOrderTheyCame() {
        jdbc.update("INSERT INTO t VALUES ('a', 1)");
        transactions.executeWithoutResult(status -> {
            writes.add("DELETE FROM t WHERE res_id = ?", "a");
            writes.add("INSERT INTO t VALUES (?, ?)", "a", 2);
            writes.add("INSERT INTO t VALUES (?, ?)", "b", 3);
            writes.add("DELETE FROM t WHERE res_id = ?", "b");
            writes.add("INSERT INTO t VALUES (?, ?)", "b", 4);
            // not sent yet: one batch per run of equal statements, just before the commit
            assertThat(count()).isEqualTo(1);
        });
        assertThat(jdbc.queryForList("SELECT res_id || v FROM t ORDER BY res_id", String.class))
                .containsExactly("a2", "b4");
    }

    @Test
    void rowsOfATransactionThatRollsBackAreNeverWritten() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    writes.add("INSERT INTO t VALUES (?, ?)", "a", 1);
                    throw new IllegalStateException("the resource was refused");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(count()).isZero();

        transactions.executeWithoutResult(status -> writes.add("INSERT INTO t VALUES (?, ?)", "b", 2));
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void outsideATransactionARowIsWrittenAtOnce() {
        writes.add("INSERT INTO t VALUES (?, ?)", "a", 1);
        assertThat(count()).isEqualTo(1);
    }

    private int count() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM t", Integer.class);
    }
}
