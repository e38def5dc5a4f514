package dev.spotburst.shims.request;

import dev.spotburst.messages.PowerSaveRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpoolTest {

    @TempDir
    Path dir;

    static PowerSaveRequest request(String id) {
        return PowerSaveRequest.of(id, PowerSaveRequest.Kind.RESUME, "aws-cpu-[0-1]",
                Instant.parse("2026-11-22T10:00:00Z"), "c1", List.of(new PowerSaveRequest.JobNodes(7, "aws-cpu-0")));
    }

    @Test
    void a_written_request_reads_back_identical() throws Exception {
        var spool = new Spool(dir.resolve("spool"));
        var r = request("0190-a");

        Path file = spool.write(r);

        assertThat(file.getFileName().toString()).isEqualTo("0190-a.json");
        assertThat(spool.read(file)).isEqualTo(r);
    }

    @Test
    void pending_is_oldest_first_and_ignores_unfinished_writes() throws Exception {
        var spool = new Spool(dir);
        spool.write(request("0192-c"));
        spool.write(request("0190-a"));
        spool.write(request("0191-b"));
        // A crash between create and rename leaves only the hidden temporary file: never listed, never half-read.
        Files.writeString(dir.resolve(".0189-z.json.tmp"), "{\"schemaVer");

        assertThat(spool.pending()).extracting(p -> p.getFileName().toString())
                .containsExactly("0190-a.json", "0191-b.json", "0192-c.json");
    }

    @Test
    void no_temporary_file_is_left_after_a_write() throws Exception {
        var spool = new Spool(dir);
        spool.write(request("0190-a"));

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("0190-a.json");
        }
    }

    @Test
    void rewriting_the_same_id_replaces_the_file_atomically() throws Exception {
        var spool = new Spool(dir);
        spool.write(request("0190-a"));
        spool.write(request("0190-a"));

        assertThat(spool.pending()).hasSize(1);
    }

    @Test
    void remove_and_quarantine() throws Exception {
        var spool = new Spool(dir);
        spool.write(request("0190-a"));
        Files.writeString(dir.resolve("0191-bad.json"), "garbage");

        spool.remove("0190-a");
        spool.quarantine(dir.resolve("0191-bad.json"));

        assertThat(spool.pending()).isEmpty();
        assertThat(dir.resolve("bad/0191-bad.json")).exists();
    }

    @Test
    void a_missing_spool_dir_has_nothing_pending() throws Exception {
        assertThat(new Spool(dir.resolve("absent")).pending()).isEmpty();
    }
}
