package se.primarycare.cds.benchmark;

import java.util.Arrays;

/** Percentiles of measured durations, in milliseconds (nearest-rank). */
record Latencies(double p50, double p95, double p99) {

    static Latencies of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99));
    }

    private static double rank(long[] sorted, double quantile) {
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * quantile) - 1)] / 1e6;
    }
}
