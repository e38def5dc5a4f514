package dev.spotburst.localruntime.demo;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Collection;

/** Nearest-rank percentiles of a sample, in milliseconds; all zero for an empty sample. */
public record Percentiles(@JsonProperty("count") int count, @JsonProperty("p50") long p50,
                          @JsonProperty("p99") long p99, @JsonProperty("max") long max) {

    public static Percentiles of(Collection<Long> values) {
        if (values.isEmpty()) {
            return new Percentiles(0, 0, 0, 0);
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }
}
