package dev.spotburst.shims.request;

import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.shims.ShimLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PowerSaveShimTest {

    @TempDir
    Path dir;
    final List<PowerSaveRequest> sent = new ArrayList<>();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    PowerSaveShim shim(RequestQueue queue) {
        var log = new ShimLog("resume", dir.resolve("log/shims.log"), new PrintStream(err), clock);
        return new PowerSaveShim("c1", new Spool(dir.resolve("spool")), queue, clock, new SplittableRandom(3), log);
    }

    @Test
    void sent_request_carries_jobs_from_the_resume_file_and_leaves_no_spool_file() throws Exception {
        Path resumeFile = Files.writeString(dir.resolve("resume.json"),
                "{\"jobs\":[{\"job_id\":1,\"nodes\":\"aws-cpu-0\"}],\"all_nodes\":\"aws-cpu-0\"}");

        var d = shim(sent::add).run(PowerSaveRequest.Kind.RESUME, "aws-cpu-0",
                Map.of(PowerSaveShim.RESUME_FILE_ENV, resumeFile.toString()));

        assertThat(d).isEqualTo(PowerSaveShim.Delivery.SENT);
        assertThat(sent).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(PowerSaveRequest.Kind.RESUME);
            assertThat(r.hostlist()).isEqualTo("aws-cpu-0");
            assertThat(r.cluster()).isEqualTo("c1");
            assertThat(r.issuedAt()).isEqualTo(clock.instant());
            assertThat(r.jobs()).containsExactly(new PowerSaveRequest.JobNodes(1, "aws-cpu-0"));
        });
        assertThat(new Spool(dir.resolve("spool")).pending()).isEmpty();
        assertThat(dir.resolve("log/shims.log")).content().contains("sent");
    }

    @Test
    void a_hostlist_over_several_node_groups_is_sent_as_one_request_per_node_group() throws Exception {
        var d = shim(sent::add).run(PowerSaveRequest.Kind.RESUME, "aws-cpu-[0-2],aws-gpu-[0-1]", Map.of());

        assertThat(d).isEqualTo(PowerSaveShim.Delivery.SENT);
        assertThat(sent).extracting(PowerSaveRequest::hostlist).containsExactly("aws-cpu-[0-2]", "aws-gpu-[0-1]");
        assertThat(sent.get(1).id()).isEqualTo(sent.get(0).id().replace(".0", ".1"));
        assertThat(sent).extracting(PowerSaveRequest::issuedAt).containsOnly(clock.instant());
        assertThat(new Spool(dir.resolve("spool")).pending()).isEmpty();
    }

    @Test
    void a_part_that_cannot_be_sent_stays_spooled_while_the_others_are_sent() throws Exception {
        var d = shim(r -> {
            if (r.hostlist().startsWith("aws-gpu")) {
                throw new java.io.IOException("connection refused");
            }
            sent.add(r);
        }).run(PowerSaveRequest.Kind.SUSPEND, "aws-cpu-0,aws-gpu-0", Map.of());

        assertThat(d).isEqualTo(PowerSaveShim.Delivery.SPOOLED);
        assertThat(sent).extracting(PowerSaveRequest::hostlist).containsExactly("aws-cpu-0");
        var spool = new Spool(dir.resolve("spool"));
        assertThat(spool.pending()).singleElement()
                .satisfies(f -> assertThat(spool.read(f).hostlist()).isEqualTo("aws-gpu-0"));
    }

    @Test
    void unreachable_queue_leaves_the_request_spooled_with_its_id() throws Exception {
        var d = shim(r -> {
            throw new java.net.ConnectException("refused");
        }).run(PowerSaveRequest.Kind.SUSPEND, "aws-cpu-[0-3]", Map.of());

        assertThat(d).isEqualTo(PowerSaveShim.Delivery.SPOOLED);
        var spool = new Spool(dir.resolve("spool"));
        assertThat(spool.pending()).singleElement().satisfies(p -> {
            var r = spool.read(p);
            assertThat(p.getFileName().toString()).isEqualTo(r.id() + ".json");
            assertThat(r.kind()).isEqualTo(PowerSaveRequest.Kind.SUSPEND);
            assertThat(r.hostlist()).isEqualTo("aws-cpu-[0-3]");
        });
        assertThat(err.toString()).contains("left in spool");
    }

    @Test
    void unreadable_resume_file_still_sends_the_request() {
        var d = shim(sent::add).run(PowerSaveRequest.Kind.RESUME, "aws-cpu-0",
                Map.of(PowerSaveShim.RESUME_FILE_ENV, dir.resolve("gone").toString()));

        assertThat(d).isEqualTo(PowerSaveShim.Delivery.SENT);
        assertThat(sent.get(0).jobs()).isEmpty();
    }

    @Test
    void suspend_ignores_a_resume_file() throws Exception {
        Path resumeFile = Files.writeString(dir.resolve("resume.json"), "{\"jobs\":[{\"job_id\":1,\"nodes\":\"n\"}]}");

        shim(sent::add).run(PowerSaveRequest.Kind.SUSPEND, "n", Map.of(PowerSaveShim.RESUME_FILE_ENV, resumeFile.toString()));

        assertThat(sent.get(0).jobs()).isEmpty();
    }

    @Test
    void unwritable_spool_still_sends() throws Exception {
        Files.writeString(dir.resolve("spool"), "a file where the folder should be");

        var d = shim(sent::add).run(PowerSaveRequest.Kind.RESUME, "n", Map.of());

        assertThat(d).isEqualTo(PowerSaveShim.Delivery.SENT);
    }

    @Test
    void neither_spooled_nor_sent_is_reported_lost() throws Exception {
        Files.writeString(dir.resolve("spool"), "a file where the folder should be");

        var d = shim(r -> {
            throw new IllegalStateException("down");
        }).run(PowerSaveRequest.Kind.RESUME, "n", Map.of());

        assertThat(d).isEqualTo(PowerSaveShim.Delivery.LOST);
    }
}
