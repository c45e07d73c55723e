package se.primarycare.cds.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CdsRateLimitBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsServedThenCallsWaitForTheRefill() {
        CdsRateLimitFilter.Bucket bucket = new CdsRateLimitFilter.Bucket(3, 0);
        assertThat(bucket.take(2, 3, 0)).isZero();
        assertThat(bucket.take(2, 3, 0)).isZero();
        assertThat(bucket.take(2, 3, 0)).isZero();
        // empty: at 2 per second the next token is half a second away
        assertThat(bucket.take(2, 3, 0)).isEqualTo(SECOND / 2);
        assertThat(bucket.take(2, 3, SECOND / 2)).isZero();
    }

    @Test
    void aQuietClientGetsItsBurstBackButNoMore() {
        CdsRateLimitFilter.Bucket bucket = new CdsRateLimitFilter.Bucket(2, 0);
        bucket.take(1, 2, 0);
        bucket.take(1, 2, 0);
        long later = 3600 * SECOND;
        assertThat(bucket.take(1, 2, later)).isZero();
        assertThat(bucket.take(1, 2, later)).isZero();
        assertThat(bucket.take(1, 2, later)).isPositive();
    }
}
