package dev.spotburst.messages;

import dev.spotburst.messages.PowerSaveRequest.JobNodes;
import dev.spotburst.messages.PowerSaveRequest.Kind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestGroupsTest {
    static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    static PowerSaveRequest req(String hostlist, List<JobNodes> jobs) {
        return PowerSaveRequest.of("0194-a", Kind.RESUME, hostlist, T, "demo", jobs);
    }

    @Test
    void oneNodeGroupStaysOneRequestInItsNodeGroupsMessageGroup() {
        var r = req("batch-spot-[0-99]", List.of(new JobNodes(7, "batch-spot-[0-99]")));
        assertThat(RequestGroups.perNodeGroup(r)).containsExactly(r);
        assertThat(RequestGroups.messageGroupId(r)).isEqualTo("demo/batch-spot");
    }

    @Test
    void aHostlistOverSeveralNodeGroupsIsSplitWithStableIdsAndTheJobsOfEachPart() {
        var r = req("batch-spot-[0-1],batch-od-[0-2],gpu-a-4",
                List.of(new JobNodes(1, "batch-spot-[0-1]"), new JobNodes(2, "batch-spot-1,batch-od-0")));

        var parts = RequestGroups.perNodeGroup(r);

        assertThat(parts).extracting(PowerSaveRequest::id).containsExactly("0194-a.0", "0194-a.1", "0194-a.2");
        assertThat(parts).extracting(PowerSaveRequest::hostlist)
                .containsExactly("batch-spot-[0-1]", "batch-od-[0-2]", "gpu-a-4");
        assertThat(parts).extracting(RequestGroups::messageGroupId)
                .containsExactly("demo/batch-spot", "demo/batch-od", "demo/gpu-a");
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo(Kind.RESUME);
            assertThat(p.issuedAt()).isEqualTo(T);
            assertThat(p.cluster()).isEqualTo("demo");
        });
        assertThat(parts.get(0).jobs()).extracting(JobNodes::jobId).containsExactly(1L, 2L);
        assertThat(parts.get(1).jobs()).extracting(JobNodes::jobId).containsExactly(2L);
        assertThat(parts.get(2).jobs()).isEmpty();
        assertThat(RequestGroups.perNodeGroup(r)).as("deterministic: a re-send splits the same way").isEqualTo(parts);
    }

    @Test
    void mixedOrForeignHostlistsKeepTheClusterGroup() {
        assertThat(RequestGroups.messageGroupId(req("batch-spot-0,batch-od-0", List.of()))).isEqualTo("demo");
        var foreign = req("node[1-3]", List.of());
        assertThat(RequestGroups.messageGroupId(foreign)).isEqualTo("demo");
        assertThat(RequestGroups.perNodeGroup(foreign)).containsExactly(foreign);
        var noCluster = PowerSaveRequest.of("x", Kind.SUSPEND, "batch-spot-0", T, null, List.of());
        assertThat(RequestGroups.messageGroupId(noCluster)).isEqualTo("default/batch-spot");
    }
}
