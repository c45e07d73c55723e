package se.primarycare.cds.security;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the tokens already used ({@code iss} + {@code jti}) until they expire, so that a captured CDS Hooks
 * JWT cannot be replayed. Instances behind one load balancer must share it ({@link JdbcTokenReplayGuard}),
 * or a token used on one is accepted again by the other.
 */
public interface TokenReplayGuard {

    /** True the first time {@code key} is seen; false for a replay. {@code until}: when the token expires. */
    boolean firstUse(String key, Instant until, Instant now);

    /** For one instance alone (and unit tests): a map in memory. */
    static TokenReplayGuard inMemory() {
        Map<String, Instant> seen = new ConcurrentHashMap<>();
        return (key, until, now) -> {
            seen.values().removeIf(expires -> expires.isBefore(now));
            return seen.putIfAbsent(key, until) == null;
        };
    }
}
