package dev.spotburst.localslurm;

import java.util.Set;
import java.util.regex.Pattern;

/** One job as {@code scontrol -o show job} prints it. */
public record SlurmJob(long id, String state, String reason, int restarts, String nodeList) {

    /** States after which the job never runs again (unless requeued by Slurm itself). */
    public static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL",
            "PREEMPTED", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE");

    private static final Pattern ID = Pattern.compile("(?:^|\\s)JobId=(\\d+)");
    private static final Pattern STATE = Pattern.compile("(?:^|\\s)JobState=(\\S+)");
    private static final Pattern REASON = Pattern.compile("(?:^|\\s)Reason=(\\S+)");
    private static final Pattern RESTARTS = Pattern.compile("(?:^|\\s)Restarts=(\\d+)");
    private static final Pattern NODES = Pattern.compile("(?:^|\\s)NodeList=(\\S+)");

    /** Parses one line of {@code scontrol -o show job}. */
    public static SlurmJob parse(String line) {
        var id = ID.matcher(line);
        var state = STATE.matcher(line);
        if (!id.find() || !state.find()) {
            throw new IllegalArgumentException("not a 'scontrol -o show job' line (JobId= and JobState= expected): '"
                    + line.strip() + "'");
        }
        var reason = REASON.matcher(line);
        var restarts = RESTARTS.matcher(line);
        var nodes = NODES.matcher(line);
        return new SlurmJob(Long.parseLong(id.group(1)), state.group(1), reason.find() ? reason.group(1) : "",
                restarts.find() ? Integer.parseInt(restarts.group(1)) : 0,
                nodes.find() && !nodes.group(1).equals("(null)") ? nodes.group(1) : "");
    }

    public boolean isFinished() {
        return FINISHED.contains(state);
    }

    /** Short form for timelines: {@code RUNNING@aws-cpu-0}, {@code PENDING(Resources)}. */
    public String compact() {
        var where = nodeList.isEmpty() ? "" : "@" + nodeList;
        var why = reason.isEmpty() || reason.equals("None") ? "" : "(" + reason + ")";
        return state + where + why + (restarts > 0 ? " restarts=" + restarts : "");
    }
}
