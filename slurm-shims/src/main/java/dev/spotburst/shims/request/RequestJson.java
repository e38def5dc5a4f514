package dev.spotburst.shims.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.PowerSaveRequest;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes a {@link PowerSaveRequest} with jackson-core's streaming generator only. The shim runs once per Slurm
 * event and Jackson databind's start-up (some 600 classes and reflective record handling) was the largest cost left
 * once the SDK client was gone; the output is the same JSON as {@link MessageCodec#write} (checked in a test) and is
 * read back everywhere else with {@link MessageCodec}.
 */
public final class RequestJson {

    static final JsonFactory FACTORY = new JsonFactory();

    private RequestJson() {
    }

    public static String write(PowerSaveRequest r) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", r.schemaVersion());
            g.writeStringField("id", r.id());
            g.writeStringField("kind", r.kind().wire());
            g.writeStringField("hostlist", r.hostlist());
            g.writeStringField("issuedAt", r.issuedAt().toString());
            g.writeStringField("cluster", r.cluster());
            g.writeArrayFieldStart("jobs");
            for (PowerSaveRequest.JobNodes j : r.jobs()) {
                g.writeStartObject();
                g.writeNumberField("jobId", j.jobId());
                g.writeStringField("nodes", j.nodes());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
