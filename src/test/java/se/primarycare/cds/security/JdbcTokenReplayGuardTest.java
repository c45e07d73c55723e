package se.primarycare.cds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Two guards on one database stand for two instances behind one load balancer. */
class JdbcTokenReplayGuardTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private final JdbcTemplate database = new JdbcTemplate(
            new DriverManagerDataSource("jdbc:h2:mem:replay-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));

    @Test
    void aTokenUsedOnOneInstanceIsRefusedOnTheOther() {
        TokenReplayGuard first = new JdbcTokenReplayGuard(database);
        TokenReplayGuard second = new JdbcTokenReplayGuard(database);

        assertThat(first.firstUse("https://ehr|jti-1", NOW.plusSeconds(300), NOW))
                .isTrue();
        assertThat(second.firstUse("https://ehr|jti-1", NOW.plusSeconds(300), NOW))
                .isFalse();
        assertThat(first.firstUse("https://ehr|jti-1", NOW.plusSeconds(300), NOW))
                .isFalse();
        assertThat(second.firstUse("https://ehr|jti-2", NOW.plusSeconds(300), NOW))
                .isTrue();
    }

    @Test
    void theSameJtiFromAnotherIssuerIsAnotherToken() {
        TokenReplayGuard guard = new JdbcTokenReplayGuard(database);
        assertThat(guard.firstUse("https://ehr-a|jti-1", NOW.plusSeconds(300), NOW))
                .isTrue();
        assertThat(guard.firstUse("https://ehr-b|jti-1", NOW.plusSeconds(300), NOW))
                .isTrue();
    }

    @Test
    void expiredTokensAreSweptAway() {
        TokenReplayGuard guard = new JdbcTokenReplayGuard(database);
        guard.firstUse("https://ehr|old", NOW.plusSeconds(60), NOW);
        guard.firstUse("https://ehr|new", NOW.plusSeconds(3600), NOW.plusSeconds(120));
        assertThat(database.queryForObject("SELECT COUNT(*) FROM pccds_jwt_used", Integer.class))
                .isEqualTo(1);
    }
}
