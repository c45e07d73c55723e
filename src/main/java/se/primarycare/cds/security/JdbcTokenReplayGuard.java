package se.primarycare.cds.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The used tokens in the database every instance shares: the primary key refuses a second insert of the same
 * token, whichever instance sees it, with no lock and no read before the write. Keys are hashed (an issuer URL
 * plus a jti may be long); expired rows are swept at most once a minute.
 */
public final class JdbcTokenReplayGuard implements TokenReplayGuard {

    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

    public JdbcTokenReplayGuard(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("CREATE TABLE IF NOT EXISTS pccds_jwt_used ("
                + "token_hash CHAR(64) PRIMARY KEY, expires_at TIMESTAMP NOT NULL)");
    }

    @Override
    public boolean firstUse(String key, Instant until, Instant now) {
        sweepIfDue(now);
        try {
            jdbc.update(
                    "INSERT INTO pccds_jwt_used (token_hash, expires_at) VALUES (?, ?)",
                    sha256(key),
                    Timestamp.from(until));
            return true;
        } catch (DuplicateKeyException replay) {
            return false;
        }
    }

    private void sweepIfDue(Instant now) {
        Instant due = nextSweep.get();
        if (now.isAfter(due) && nextSweep.compareAndSet(due, now.plus(SWEEP_EVERY))) {
            jdbc.update("DELETE FROM pccds_jwt_used WHERE expires_at < ?", Timestamp.from(now));
        }
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
