package se.primarycare.cds.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per CDS client: one misbehaving EHR integration (a retry loop, a load test against production)
 * gets 429 instead of slowing every clinic's advice. Runs after the JWT check, so the client is the verified
 * caller; without JWT checking it is the remote address.
 */
public final class CdsRateLimitFilter extends OncePerRequestFilter {

    private static final int MAX_CLIENTS = 10_000;

    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public CdsRateLimitFilter(double perSecond, int burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response); // discovery and CORS preflight cost nothing
            return;
        }
        Object caller = request.getAttribute(CdsJwtFilter.CALLER_ATTRIBUTE);
        String client = caller != null ? caller.toString() : request.getRemoteAddr();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear(); // forged addresses must not grow the map without bound
        }
        long waitNanos = buckets.computeIfAbsent(client, k -> new Bucket(burst, nanoTime.getAsLong()))
                .take(perSecond, burst, nanoTime.getAsLong());
        if (waitNanos > 0) {
            response.setStatus(429);
            response.setHeader(
                    "Retry-After", Long.toString(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos) + 1)));
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter()
                    .write("{\"error\":\"Too many requests from this client; try again after Retry-After seconds\","
                            + "\"code\":\"rate-limited\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Tokens refill continuously; taking one either succeeds (0) or says how long until one is there. */
    static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.updated = now;
        }

        synchronized long take(double perSecond, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - updated) / 1e9 * perSecond);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) ((1 - tokens) / perSecond * 1e9);
        }
    }
}
