package dev.spotburst.shims.request;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.spotburst.messages.PowerSaveRequest.JobNodes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON Slurm hands ResumeProgram through {@code SLURM_RESUME_FILE}. Two layouts exist:
 * <ul>
 *   <li>22.05: {@code {"jobs":[{"job_id":1,"nodes":"aws-cpu-0"}],"all_nodes":"aws-cpu-0"}}</li>
 *   <li>23.02+: {@code {"all_nodes_resume":"…","jobs":[{"job_id":1,"nodes_resume":"…","nodes_alloc":"…",
 *       "partition":"…","features":…,"extra":…,"oversubscribe":"OK","reservation":…}]}}</li>
 * </ul>
 * Only the job id and the nodes being resumed for it are kept; other fields are skipped. Streaming parser only,
 * because it runs inside the shim (see {@link RequestJson}).
 */
public final class ResumeFile {

    private ResumeFile() {
    }

    /** Parsed content: the jobs, and the node list Slurm says it resumes (null when absent). */
    public record Content(List<JobNodes> jobs, String allNodes) {
        public Content {
            jobs = List.copyOf(jobs);
        }
    }

    public static Content parse(String json) {
        try (JsonParser p = RequestJson.FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad("expected a JSON object");
            }
            String allNodes = null;
            String oldAllNodes = null;
            List<JobNodes> jobs = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                switch (key) {
                    case "all_nodes_resume" -> allNodes = text(p, t);
                    case "all_nodes" -> oldAllNodes = text(p, t);
                    case "jobs" -> jobs(p, t, jobs);
                    default -> p.skipChildren();
                }
            }
            return new Content(jobs, allNodes != null ? allNodes : oldAllNodes);
        } catch (JsonParseException e) {
            throw bad("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw bad("cannot be read: " + e.getMessage());
        }
    }

    private static void jobs(JsonParser p, JsonToken t, List<JobNodes> out) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_ARRAY) {
            throw bad("field 'jobs' must be an array, got " + t);
        }
        int i = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            Long id = null;
            String nodes = null;
            String oldNodes = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                switch (key) {
                    case "job_id" -> {
                        if (v != JsonToken.VALUE_NUMBER_INT) {
                            throw bad("field 'jobs[" + i + "].job_id' must be a number, got " + p.getText());
                        }
                        id = p.getLongValue();
                    }
                    case "nodes_resume" -> nodes = text(p, v);
                    case "nodes" -> oldNodes = text(p, v);
                    default -> p.skipChildren();
                }
            }
            if (id == null) {
                throw bad("field 'jobs[" + i + "].job_id' is missing");
            }
            String resumed = nodes != null ? nodes : oldNodes;
            // 23.02 can list a job whose allocated nodes are all already up; nothing to resume for it.
            if (resumed != null) {
                out.add(new JobNodes(id, resumed));
            }
            i++;
        }
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            p.skipChildren();
            return null;
        }
        String s = p.getText();
        return s.isBlank() ? null : s;
    }

    private static IllegalArgumentException bad(String what) {
        return new IllegalArgumentException("SLURM_RESUME_FILE: " + what);
    }
}
