package dev.spotburst.shims.request;

import dev.spotburst.json.Json;
import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.messages.PowerSaveRequest.JobNodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shim's streaming writer must produce what the shared codec writes and reads. */
class RequestJsonTest {

    static Stream<PowerSaveRequest> requests() {
        return Stream.of(
                PowerSaveRequest.of("01a2-7000", PowerSaveRequest.Kind.RESUME, "aws-cpu-[0-3]",
                        Instant.parse("2026-11-22T10:00:00.123456Z"), "c1",
                        List.of(new JobNodes(1, "aws-cpu-[0-1]"), new JobNodes(4_000_000_000L, "aws-cpu-2"))),
                PowerSaveRequest.of("x", PowerSaveRequest.Kind.SUSPEND, "a-b-0", Instant.parse("2026-11-22T10:00:00Z"),
                        null, null),
                PowerSaveRequest.of("y", PowerSaveRequest.Kind.RESUME_FAIL, "n\"quoted\\", Instant.EPOCH, "ü", List.of()));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void same_json_as_the_shared_codec(PowerSaveRequest r) throws Exception {
        String ours = RequestJson.write(r);

        assertThat(Json.mapper().readTree(ours)).isEqualTo(Json.mapper().readTree(MessageCodec.write(r)));
        assertThat(MessageCodec.readRequest(ours)).isEqualTo(r);
    }
}
