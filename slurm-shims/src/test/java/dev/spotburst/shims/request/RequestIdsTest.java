package dev.spotburst.shims.request;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    @Test
    void ids_are_uuid_v7_and_sort_by_time() {
        var random = new SplittableRandom(1);
        String earlier = RequestIds.next(Instant.parse("2026-11-22T10:00:00.001Z"), random);
        String later = RequestIds.next(Instant.parse("2026-11-22T10:00:00.002Z"), random);

        assertThat(UUID.fromString(earlier).version()).isEqualTo(7);
        assertThat(UUID.fromString(earlier).variant()).isEqualTo(2);
        assertThat(earlier).isLessThan(later);
    }

    @Test
    void ids_in_the_same_millisecond_differ() {
        var random = new SplittableRandom(2);
        var now = Instant.parse("2026-11-22T10:00:00Z");
        var ids = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RequestIds.next(now, random));
        }
        assertThat(ids).hasSize(10_000);
    }
}
